using Spectre.Console;

namespace Concord.Cli;

/// <summary>Where a command writes: results to <see cref="Out"/> (stdout), problems to <see cref="Error"/> (stderr).</summary>
public sealed record Terminal(IAnsiConsole Out, IAnsiConsole Error)
{
    /// <summary>The process's own stdout and stderr.</summary>
    public static Terminal System() =>
        new(AnsiConsole.Console, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }));

    /// <summary>The writer beneath <see cref="Out"/>, for output that must not be styled or wrapped (JSON lines).</summary>
    public TextWriter RawOut => Out.Profile.Out.Writer;

    /// <summary>Writes one plain line to stdout, unwrapped whatever the width, so it can be read by scripts.</summary>
    public void Say(string line) => RawOut.WriteLine(line);

    /// <summary>Writes one plain line to stderr, unwrapped (e.g. "line 3, iso_alpha3: ...").</summary>
    public void Complain(string line) => Error.Profile.Out.Writer.WriteLine(line);

    /// <summary>Reports a user error on stderr as "error: message" and returns the exit code 1.</summary>
    public int Fail(string message)
    {
        Error.Write(new Markup("[red]error:[/] "));
        Complain(message);
        return ExitCodes.Refused;
    }
}

/// <summary>The process exit codes of <c>concord</c>.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A user error or a refusal: bad input, a missing file, an unknown decision, a broken chain.</summary>
    public const int Refused = 1;
}

/// <summary>Small pieces of English for messages.</summary>
public static class Words
{
    /// <summary>"1 event", "3 events".</summary>
    public static string Count(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>"DEU, HUN, SVK, USA", or "none".</summary>
    public static string List(IEnumerable<string> items) => items.Any() ? string.Join(", ", items) : "none";
}
