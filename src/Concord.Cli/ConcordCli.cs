using System.CommandLine;
using Concord.Cli.Commands;

namespace Concord.Cli;

/// <summary>The <c>concord</c> command tree, built around one <see cref="Terminal"/> so tests can capture what it writes.</summary>
public static class ConcordCli
{
    public static RootCommand Root(Terminal terminal)
    {
        var store = new StoreChoice();
        return new RootCommand("Concord: NATO consensus decisions and accessions on an append-only event log.")
        {
            store.Database,
            store.Postgres,
            ServeCommand.Create(store, terminal),
            ImportCommands.Create(store, terminal),
            LogCommands.Export(store, terminal),
            LogCommands.Rebuild(store, terminal),
            LogCommands.Verify(store, terminal),
            BackupCommands.Backup(store, terminal),
            BackupCommands.Restore(store, terminal),
            AuditCommands.Create(store, terminal),
            DecisionCommands.Create(store, terminal),
            AccessionCommands.Create(store, terminal),
            ForecastCommands.Create(store, terminal),
            SourceCommands.Create(store, terminal),
            StatementCommands.Create(store, terminal),
            SearchCommand.Create(store, terminal),
            AssistanceCommands.Create(store, terminal),
            UsersCommands.Create(store, terminal),
            TokensCommands.Create(store, terminal),
            WebhooksCommands.Create(store, terminal),
            ReadinessCommands.Create(store, terminal),
        };
    }

    /// <summary>Parses <paramref name="args"/> and runs the command they name; returns the process exit code.</summary>
    public static Task<int> Run(string[] args, Terminal terminal, CancellationToken ct)
    {
        var configuration = new InvocationConfiguration { Output = terminal.RawOut, Error = terminal.Error.Profile.Out.Writer };
        return Root(terminal).Parse(args).InvokeAsync(configuration, ct);
    }
}
