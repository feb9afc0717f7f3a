using System.CommandLine;
using Concord.Features.Access;
using Concord.Features.Audit;
using Concord.Features.EventLog;
using NodaTime.Text;
using Spectre.Console;

namespace Concord.Cli.Commands;

/// <summary><c>concord audit verify [--expect-head P:HASH]</c>, <c>concord audit head</c> and <c>concord audit list</c>.</summary>
public static class AuditCommands
{
    /// <summary>What the chain can and cannot prove, said wherever verification is offered.</summary>
    public const string Limits =
        "The chain alone cannot catch a forger who rewrites an event and recomputes every later hash, nor events cut off the end: " +
        "keep the head (`concord audit head`) somewhere the database's administrators cannot write, and pass it as --expect-head.";

    public static Command Create(StoreChoice store, Terminal terminal) => new("audit", "Who did what and when, and whether the log is as it was written.")
    {
        Verify(store, terminal),
        Head(store, terminal),
        List(store, terminal),
    };

    /// <summary><c>concord audit verify</c>: also used, without the anchor, by <c>concord verify</c>.</summary>
    public static Command Verify(StoreChoice store, Terminal terminal, string name = "verify")
    {
        var expect = new Option<string?>("--expect-head")
        {
            Description = "A head printed earlier by `concord audit head`: the log must reach it with the same hash (catches a cut-off or re-chained tail).",
            HelpName = "POSITION:HASH",
        };
        var command = new Command(name,
            "Walk the hash chain and name the first altered, inserted, reordered or deleted event (exit 1 when the chain is broken). " + Limits)
        {
            expect,
        };
        command.SetAction((parse, ct) =>
        {
            ChainHead? head = null;
            if (parse.GetValue(expect) is { } text)
            {
                var parsed = ChainHead.Parse(text, "--expect-head");
                if (parsed.Refusal is { } refusal) return Task.FromResult(terminal.Fail(refusal.Reason));
                head = parsed.Value;
            }
            return store.RunReadOnly(parse, terminal, async s =>
            {
                var report = await ChainVerifier.Verify(s.Db, ct, head);
                if (!report.Intact) return terminal.Fail($"The chain is broken. {report.Sentence}");
                terminal.Say(report.Sentence + (head is { } h ? $"; it reaches the head kept elsewhere (#{h.Position})." : "."));
                return ExitCodes.Ok;
            }, ct);
        });
        return command;
    }

    private static Command Head(StoreChoice store, Terminal terminal)
    {
        var command = new Command("head",
            "Print the head of the log as POSITION:HASH, after verifying the chain, to keep somewhere else and pass later to `concord audit verify --expect-head`.");
        command.SetAction((parse, ct) => store.RunReadOnly(parse, terminal, async s =>
        {
            var report = await ChainVerifier.Verify(s.Db, ct);
            if (!report.Intact) return terminal.Fail($"The chain is broken, so its head is not worth keeping. {report.Sentence}");
            terminal.Say(report.Head!);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command List(StoreChoice store, Terminal terminal)
    {
        var actor = new Option<string?>("--actor") { Description = "Only what this account recorded (exact name, e.g. cli:alice).", HelpName = "ACCOUNT" };
        var stream = new Option<string?>("--stream") { Description = "Only streams starting with this, e.g. decision-invite-ukraine.", HelpName = "STREAM" };
        var name = new Option<string?>("--event") { Description = "Only events of this name, e.g. PositionStated.", HelpName = "NAME" };
        var from = new Option<string?>("--from") { Description = "Recorded at or after this date (start of day in Brussels) or instant.", HelpName = "DATE" };
        var to = new Option<string?>("--to") { Description = "Recorded at or before this date (end of day in Brussels) or instant.", HelpName = "DATE" };
        var after = new Option<long?>("--after") { Description = "Start after this log position (to page on).", HelpName = "POSITION" };
        var limit = new Option<int?>("--limit") { Description = $"At most this many rows (default 50, at most {AuditQuery.MaxLimit}).", HelpName = "N" };
        var command = new Command("list", "Who did what and when: each event's position, recorded instant, acting account, name and stream; never its content.")
        {
            actor, stream, name, from, to, after, limit,
        };
        command.SetAction((parse, ct) =>
        {
            var query = AuditQuery.Parse(parse.GetValue(actor), parse.GetValue(stream), parse.GetValue(name), parse.GetValue(from), parse.GetValue(to),
                parse.GetValue(after), parse.GetValue(limit) ?? 50);
            if (query.Refusal is { } refusal) return Task.FromResult(terminal.Fail(refusal.Field is { } field ? refusal.Reason.Replace($"'{field}'", $"--{field}", StringComparison.Ordinal) : refusal.Reason));
            return store.RunReadOnly(parse, terminal, async s =>
            {
                var page = await AuditTrail.Handle(s.Db, Reader.System, query.Value!, ct);
                if (page.Refusal is { } refused) return terminal.Fail(refused.Reason);
                var entries = page.Value!.Entries;
                if (entries.Count == 0) terminal.Say("No events match.");
                else terminal.Out.Write(Table(entries));
                if (page.Value.Next is { } next) terminal.Say($"More: --after {next}");
                return ExitCodes.Ok;
            }, ct);
        });
        return command;
    }

    private static Table Table(IEnumerable<AuditEntry> entries)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("#", "Recorded (UTC)", "Actor", "Event", "Stream", "Effective (UTC)", "Marking");
        foreach (var e in entries)
            table.AddRow(Markup.Escape(e.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""), Instant(e.Recorded), Markup.Escape(e.Actor),
                Markup.Escape(e.Event), Markup.Escape(e.StreamVersion is { } v ? $"{e.StreamId} v{v}" : e.StreamId), Instant(e.Effective), Markup.Escape(e.Classification));
        return table;
    }

    private static string Instant(NodaTime.Instant instant) => InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss").Format(instant);
}
