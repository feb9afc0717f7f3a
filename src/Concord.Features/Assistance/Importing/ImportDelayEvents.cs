using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.EventLog;
using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance.Importing;

/// <summary>
/// <c>concord assistance import delays FILE</c>: dated events that caused, revealed or ended delays
/// (data/assistance/delay_events.csv), each a <see cref="DelayEventRecorded"/> on the assistance timeline. The actor is
/// text (a state's code, "EU member states", "NATO"); the kind a short label such as schedule-slip or funding-stall.
/// </summary>
public static class ImportDelayEvents
{
    public sealed record Row(string? EventId, string? Date, string? DateConfidence, string? Actor, string? Kind, string? Summary, string? SourceIds);

    public static readonly CsvFormat<Row> Format = new(
        [new("event_id", Required: true), new("date", Required: true), new("date_confidence"), new("actor", Required: true), new("kind", Required: true),
         new("summary", Required: true), new("source_ids", Required: true)],
        r => new Row(r["event_id"], r["date"], r["date_confidence"], r["actor"], r["kind"], r["summary"], r["source_ids"]));

    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct)
    {
        if (PledgeWrites.Forbidden(who) is { } forbidden) return forbidden;
        var table = CsvFile.Read(file, Format);
        var book = await Sources.SourceBook.For(db, table.Rows.Select(r => r.Value.SourceIds), ct);
        var today = Zones.BrusselsDate(clock.GetCurrentInstant());
        var errors = table.Errors.ToList();
        var parsed = new List<DelayEventRecorded>();
        foreach (var (line, row) in table.Rows)
        {
            void Error(string column, string message) => errors.Add(new(line, column, message));
            var before = errors.Count;
            var id = Input.Identifier(row.EventId, "event_id", 40);
            if (id.Refusal is { } ir) Error("event_id", ir.Reason);
            var (when, confidence) = PledgePack.Date(row.Date, row.DateConfidence, "date", "date_confidence", false, today, line, errors);
            if (when is { IsExact: false }) Error("date", "A delay event is dated to its day.");
            var actor = Input.Name(row.Actor, "actor", 200, required: true);
            if (actor.Refusal is { } ar) Error("actor", ar.Reason);
            var kind = row.Kind ?? "";
            if (kind.Length is 0 or > 40 || !kind.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                Error("kind", $"'{kind}' is not a kind: lower-case letters, digits and dashes, such as schedule-slip or funding-stall.");
            var summary = Input.Text(row.Summary, "summary", 2000, required: true);
            if (summary.Refusal is { } sr) Error("summary", sr.Reason);
            var sources = Input.Source(row.SourceIds, "source_ids", 2000);
            if (sources.Refusal is { } so) Error("source_ids", so.Reason);
            else if (book.Check(sources.Value, "source_ids") is { } uncited) Error("source_ids", uncited.Reason);
            if (errors.Count == before && when is { } day)
                parsed.Add(new DelayEventRecorded(day.Placed, actor.Value!, kind, summary.Value!, sources.Value, confidence, id.Value));
        }
        if (errors.Count > 0) return new ImportReport(table.Count, 0, [.. errors.Select(table.InFileNames)]);
        var held = (await new EventStore(db).ReadStream(AssistanceStreams.Timeline, ct)).Select(EventStore.Deserialize).OfType<DelayEventRecorded>()
            .Select(e => PledgePack.Key(e)).ToHashSet(StringComparer.Ordinal);
        var fresh = parsed.Where(e => held.Add(PledgePack.Key(e))).Cast<object>().ToList();
        return new ImportReport(table.Count, await PledgeWrites.Write(db, clock, [(AssistanceStreams.Timeline, null, fresh)], who, ct), []);
    }
}
