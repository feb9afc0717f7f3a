using System.CommandLine;
using System.Text;
using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features;
using Concord.Features.Access;
using Concord.Features.EventLog;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Commands;

/// <summary>The event log as a whole: <c>concord export [FILE]</c>, <c>concord rebuild</c>, <c>concord verify</c>.</summary>
public static class LogCommands
{
    public static Command Export(StoreChoice store, Terminal terminal)
    {
        var file = new Argument<FileInfo?>("FILE") { Description = "Where to write the log (default: stdout).", Arity = ArgumentArity.ZeroOrOne };
        var clearance = new Option<string?>("--clearance")
        {
            Description = "Export only what a reader cleared this far sees (e.g. \"NATO RESTRICTED\"). Such an export leaves events out, "
                + "so it cannot be imported as a chain. Without it, the host exports everything.",
            HelpName = "MARKING",
        };
        var nationality = new Option<string?>("--nationality") { Description = "The reader's nationality (ISO 3166-1 alpha-3, e.g. UKR), with --clearance.", HelpName = "CODE" };
        var role = new Option<string?>("--role")
        {
            Description = "The reader's role, with --clearance: administrator, secretariat, delegation, candidateDelegation, analyst or observer (default analyst).",
            HelpName = "ROLE",
        };
        var forAccount = new Option<string?>("--for")
        {
            Description = "Export only what this account sees (its roles, nationality and clearance). Such an export cannot be imported as a chain.",
            HelpName = "USERNAME",
        };
        var command = new Command("export", "Write the log as JSON lines, one event per line, in log order: all of it, or what one reader sees.")
        {
            file, forAccount, clearance, nationality, role,
        };
        command.SetAction((parse, ct) =>
        {
            if (parse.GetValue(forAccount) is { } account)
                return parse.GetValue(clearance) is not null || parse.GetValue(nationality) is not null || parse.GetValue(role) is not null
                    ? Task.FromResult(terminal.Fail("Give either --for USERNAME or --clearance (with --nationality and --role), not both."))
                    : ExportFor(store, parse, terminal, account, parse.GetValue(file), ct);
            var reader = ReaderFor(parse.GetValue(clearance), parse.GetValue(nationality), parse.GetValue(role));
            if (reader.Refusal is { } refusal) return Task.FromResult(terminal.Fail(refusal.Reason));
            return store.RunReadOnly(parse, terminal,
                s => parse.GetValue(file) is { } path ? ExportToFile(terminal, s, path, reader.Value!, ct) : ExportToStdout(terminal, s, reader.Value!, ct), ct);
        });
        return command;
    }

    /// <summary>Exports what the account named <paramref name="userName"/> sees, read as the API reads it.</summary>
    private static Task<int> ExportFor(StoreChoice store, ParseResult parse, Terminal terminal, string userName, FileInfo? path, CancellationToken ct) =>
        UsersAccounts.RunReadOnly(store, parse, terminal, async (s, accounts) =>
        {
            if (await accounts.Find(userName) is not { } user) return terminal.Fail($"There is no account '{userName}'.");
            var reader = await accounts.ReaderOf(user);
            return path is null ? await ExportToStdout(terminal, s, reader, ct) : await ExportToFile(terminal, s, path, reader, ct);
        }, ct);

    /// <summary>The reader an export is filtered for: the host itself (everything) unless a clearance is given.</summary>
    private static Result<Reader> ReaderFor(string? clearance, string? nationality, string? role)
    {
        if (clearance is null)
            return nationality is null && role is null ? new Result<Reader>(Reader.System, null)
                : Refusal.Invalid("--clearance", "--nationality and --role describe the reader of a filtered export; give its --clearance too.");
        if (Classification.Parse(clearance) is not { ReleasableTo.Count: 0 } marking)
            return Refusal.Invalid("--clearance", $"--clearance must be a marking such as \"NATO RESTRICTED\"; got '{clearance}'.");
        var kind = role is null ? new Result<Role>(Role.Analyst, null) : Input.Enum<Role>(role, "--role");
        if (kind.Refusal is { } r) return r;
        MemberCode? code = null;
        if (nationality is not null)
        {
            var parsed = Input.Member(nationality, "--nationality");
            if (parsed.Refusal is { } n) return n;
            code = parsed.Value;
        }
        return new Reader($"export:{kind.Value}", new HashSet<Role> { kind.Value }, code, marking.Marking);
    }

    private static async Task<int> ExportToStdout(Terminal terminal, Store store, Reader reader, CancellationToken ct)
    {
        await ReadableLog.Export(store.Db, terminal.RawOut, reader, ct);
        await terminal.RawOut.FlushAsync(ct);
        return ExitCodes.Ok;
    }

    private static async Task<int> ExportToFile(Terminal terminal, Store store, FileInfo path, Reader reader, CancellationToken ct)
    {
        long count;
        await using (var writer = new StreamWriter(OwnerOnly(path.FullName), new UTF8Encoding(false)) { NewLine = "\n" })
            count = await ReadableLog.Export(store.Db, writer, reader, ct);
        terminal.Say(ReferenceEquals(reader, Reader.System)
            ? $"Exported {Words.Count(count, "event")} to {path.FullName}."
            : $"Exported the {Words.Count(count, "event")} such a reader sees to {path.FullName}; it leaves events out, so it cannot be imported as a chain.");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The export file, created readable by its owner only (an export for the host holds SECRET payloads); a file that
    /// exists already is overwritten and keeps the mode its owner gave it.
    /// </summary>
    private static FileStream OwnerOnly(string path) => OperatingSystem.IsWindows()
        ? new FileStream(path, FileMode.Create, FileAccess.Write)
        : new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });

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
