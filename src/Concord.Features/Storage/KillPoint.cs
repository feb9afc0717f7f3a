using System.Diagnostics;

namespace Concord.Features.Storage;

/// <summary>
/// FOR TESTS ONLY: a named point in a long, all-or-nothing store operation at which the process kills itself, as
/// <c>kill -9</c> or a power cut would, when the environment variable <c>CONCORD_TEST_KILL_AT</c> names it
/// (<c>seed:after-file:2</c>: after the second data file of a first-run seed is committed; <c>rebuild:after-batch:1</c>:
/// after a rebuild wrote its first batch of rows; <c>setup:after-migrate:1</c>: after a migration that reshapes the read
/// models, before their rebuild). The multi-process tests use it to stop a real process at a chosen
/// moment and check what the next start finds. Operators never set it; unset, each point costs one comparison.
/// </summary>
public static class KillPoint
{
    public const string Variable = "CONCORD_TEST_KILL_AT";

    private static readonly string? Target = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } v ? v.Trim() : null;

    /// <summary>The operation reached the <paramref name="count"/>th <paramref name="point"/>: dies here if it is the one named.</summary>
    public static void Reached(string point, int count)
    {
        if (Target is null || !string.Equals(Target, $"{point}:{count}", StringComparison.Ordinal)) return;
        Console.Error.WriteLine($"{Variable}={Target}: killing the process here (test only).");
        Console.Error.Flush();
        // SIGKILL on Unix, TerminateProcess on Windows: no finally block, no disposal, no rollback by this process.
        using (var self = Process.GetCurrentProcess()) self.Kill();
        Environment.FailFast($"{Variable}={Target}");
    }
}
