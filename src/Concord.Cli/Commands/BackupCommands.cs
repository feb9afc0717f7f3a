using System.CommandLine;
using Concord.Domain;
using Concord.Features.EventLog;

namespace Concord.Cli.Commands;

/// <summary><c>concord backup FILE</c> and <c>concord restore FILE</c>: Concord's own backup file (docs/data-formats.md, "Backup").</summary>
public static class BackupCommands
{
    public static Command Backup(StoreChoice store, Terminal terminal)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Where to write the backup (gzip'ed JSON lines, readable by the owner only)." };
        var command = new Command("backup",
            "Write the log, the accounts (every Identity table), the API tokens' hashes and the idempotency records to FILE, from one consistent "
            + "snapshot; the store is opened read-only and may be in use. `concord restore FILE` loads it into an empty store of either provider.")
        {
            file,
        };
        command.SetAction((parse, ct) => store.RunReadOnly(parse, terminal, async s =>
        {
            var path = parse.GetValue(file)!.FullName;
            // Written beside the target and moved over it once complete: a backup cut short never replaces a good one.
            var partial = path + ".partial";
            File.Delete(partial);
            BackupSummary summary;
            try
            {
                await using (var output = Create(partial))
                    summary = await Features.EventLog.Backup.Write(s.Db, output, s.Clock.GetCurrentInstant(), ct);
                File.Move(partial, path, overwrite: true);
            }
            catch
            {
                File.Delete(partial);
                throw;
            }
            terminal.Say($"Backed up {Words.Count(summary.Events, "event")} (head {summary.Head}) and {Rows(summary)} to {path}.");
            // The copy is kept as evidence, but a broken chain is not restored: say so, and fail the command.
            if (summary.Chain is { Intact: false } chain)
                return terminal.Fail($"The store's chain is broken, so `concord restore` will refuse this backup. {chain.Sentence}");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    public static Command Restore(StoreChoice store, Terminal terminal)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A file written by `concord backup`." };
        var command = new Command("restore",
            "Load a backup into an EMPTY store (of either provider): checks the file's checksum and the log's hash chain, writes everything "
            + "in one transaction and projects the read models again from the log. Refuses a store that has anything in it; changes nothing then.")
        {
            file,
        };
        command.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) return Task.FromResult(terminal.Fail($"There is no file {path.FullName}."));
            return store.Run(parse, terminal, Seeding.Never, async s =>
            {
                var restored = await Features.EventLog.Backup.Restore(s.Db, s.Clock, () => File.OpenRead(path.FullName), ct);
                if (restored.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
                var summary = restored.Value!;
                terminal.Say($"Restored {Words.Count(summary.Events, "event")} (chain intact, head {summary.Head}) and {Rows(summary)} "
                    + $"from a {summary.Provider} store; the read models were projected again from the log.");
                return ExitCodes.Ok;
            }, ct);
        });
        return command;
    }

    /// <summary>"3 rows of AspNetUsers, 2 rows of access_tokens, …": every table but the log that has rows, with its count.</summary>
    private static string Rows(BackupSummary summary) =>
        Words.List(summary.Tables.Where(t => t.Name != Features.EventLog.Backup.EventsTable && t.Rows > 0).Select(t => $"{Words.Count(t.Rows, "row")} of {t.Name}"));

    /// <summary>A new file readable by its owner only: a backup holds password and token hashes and SECRET payloads.</summary>
    private static FileStream Create(string path) => OperatingSystem.IsWindows()
        ? new FileStream(path, FileMode.CreateNew, FileAccess.Write)
        : new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
}
