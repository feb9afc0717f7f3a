using Concord.Features.Storage;
using Concord.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Tests;

/// <summary>Runs the built CLI (<c>dotnet concord.dll</c>) as a process of its own on a test's store.</summary>
public static class StoreProcesses
{
    /// <summary>
    /// Runs <c>concord ARGS</c> on <paramref name="store"/> (its <c>--database</c> or <c>--postgres</c>); with
    /// <paramref name="killAt"/>, the process kills itself at that point (<see cref="KillPoint"/>).
    /// </summary>
    public static async Task<(int ExitCode, string Output)> Cli(TestStore store, string? killAt, params string[] args)
    {
        string connection;
        await using (var db = store.NewContext()) connection = db.Database.GetConnectionString()!;
        string[] choice = store.Kind == StoreKind.Sqlite
            ? ["--database", new SqliteConnectionStringBuilder(connection).DataSource]
            : ["--postgres", connection];
        // Released by this process, so the CLI's own connections find the store as a newcomer would.
        SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        return await ConcordProcess.Run(ConcordProcess.Cli, [.. args, .. choice],
            killAt is null ? null : new Dictionary<string, string?> { [KillPoint.Variable] = killAt });
    }

    /// <summary>The exit code of a process killed by a signal, as <c>dotnet</c> reports it: not 0, and no error of its own.</summary>
    public static void AssertKilled((int ExitCode, string Output) run, string killAt)
    {
        Assert.True(run.ExitCode != 0, $"The process was to be killed at {killAt} but ended normally:\n{run.Output}");
        Assert.Contains($"{KillPoint.Variable}={killAt}", run.Output, StringComparison.Ordinal);
    }
}
