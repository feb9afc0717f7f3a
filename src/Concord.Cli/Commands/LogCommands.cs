using System.CommandLine;
using System.Text;
using Concord.Features.EventLog;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Commands;

/// <summary>The event log as a whole: <c>concord export [FILE]</c>, <c>concord rebuild</c>, <c>concord verify</c>.</summary>
public static class LogCommands
{
    public static Command Export(StoreChoice store, Terminal terminal)
    {
        var file = new Argument<FileInfo?>("FILE") { Description = "Where to write the log (default: stdout).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("export", "Write the whole log as JSON lines, one event per line, in log order.") { file };
        command.SetAction((parse, ct) => store.Run(parse, terminal, Seeding.WhenEmpty,
            s => parse.GetValue(file) is { } path ? ExportToFile(terminal, s, path, ct) : ExportToStdout(terminal, s, ct), ct));
        return command;
    }

    private static async Task<int> ExportToStdout(Terminal terminal, Store store, CancellationToken ct)
    {
        await LogOperations.Export(store.Db, terminal.RawOut, ct);
        await terminal.RawOut.FlushAsync(ct);
        return ExitCodes.Ok;
    }

    private static async Task<int> ExportToFile(Terminal terminal, Store store, FileInfo path, CancellationToken ct)
    {
        long count;
        await using (var writer = new StreamWriter(path.FullName, append: false, new UTF8Encoding(false)) { NewLine = "\n" })
            count = await LogOperations.Export(store.Db, writer, ct);
        terminal.Say($"Exported {Words.Count(count, "event")} to {path.FullName}.");
        return ExitCodes.Ok;
    }

    public static Command Rebuild(StoreChoice store, Terminal terminal)
    {
        var command = new Command("rebuild", "Drop the read models and project them again from the log.");
        command.SetAction((parse, ct) => store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
        {
            await LogOperations.Rebuild(s.Db, s.Clock, ct);
            // Rebuild counts the events it projects; streams read straight from the log (procedures) are not among them.
            var count = await s.Db.Events.CountAsync(ct);
            terminal.Say($"Rebuilt the read models from {Words.Count(count, "event")}.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary><c>concord verify</c>: the same walk and report as <c>concord audit verify</c>.</summary>
    public static Command Verify(StoreChoice store, Terminal terminal) => AuditCommands.Verify(store, terminal);
}
