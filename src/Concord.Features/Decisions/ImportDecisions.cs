using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Features.EventLog;
using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>
/// <c>concord import decisions FILE</c>: columns id, subject; optional body (NATO), rule (natoConsensus), summit,
/// opened, silence_deadline, concerned, classification; and how it ended, as a source records it: outcome (adopted or
/// lapsed), concluded (the day), conclusion_source (required with an outcome), conclusion_note. A decision that already
/// exists is left as it is, but for a conclusion the file gives it while it is still open. Imported
/// decisions are PUBLIC unless the file marks them: the data pack is public reporting with its sources. All or nothing:
/// every bad row is reported by line, and then no decision is opened.
/// </summary>
public static class ImportDecisions
{
    /// <summary>A row of a decisions file: the decision to open, and the conclusion a source records (all null when none).</summary>
    public sealed record Row(OpenDecision.Request Request, string? Outcome, string? Concluded, string? ConclusionSource, string? ConclusionNote);

    public static readonly CsvFormat<Row> Format = new(
        [
            new("id"), new("subject", Required: true), new("body"), new("rule"), new("summit"), new("opened"), new("silence_deadline", Field: "silenceDeadline"),
            new("concerned"), new("classification"), new("outcome"), new("concluded"), new("conclusion_source", Field: "source"),
            new("conclusion_note", Field: "note"),
        ],
        r => new Row(new OpenDecision.Request(r["id"], r["subject"], r["body"], r["rule"], r["summit"], r["silence_deadline"], r["concerned"], r["opened"],
            r["classification"] ?? Domain.Classification.Public.ToString()), r["outcome"], r["concluded"], r["conclusion_source"], r["conclusion_note"]),
        // The data pack's decisions.csv names the sources of each decision for people; a decision does not store them.
        Carried: ["source"]);

    /// <summary>Opens every new decision of the file (and records the conclusions it gives) in one commit; a file with any bad row opens none.</summary>
    public static Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct) =>
        EventStore.Serialized(async () =>
        {
            var table = CsvFile.Read(file, Format);
            var errors = table.Errors.ToList();
            var writes = new List<StreamWrite>();
            var now = clock.GetCurrentInstant();
            var book = await Sources.SourceBook.For(db, table.Rows.Select(r => r.Value.ConclusionSource), ct);
            foreach (var (line, row) in table.Rows)
            {
                var request = row.Request;
                if (book.Check(row.ConclusionSource, "conclusion_source") is { } uncited) { errors.Add(new ImportError(line, "source", uncited.Reason)); continue; }
                // Ids made for rows without one stay distinct within the file: the file's key names the whole import, not a row.
                var opening = await OpenDecision.Opening(db, now, request, who with { IdempotencyKey = null }, ct);
                if (opening.Refusal is { } r) { errors.Add(new ImportError(line, r.Field, r.Reason)); continue; }
                var (current, command, write, classification) = opening.Value;
                var conclusion = Conclusion(row, now);
                if (conclusion.Refusal is { } cr) { errors.Add(new ImportError(line, cr.Field, cr.Reason)); continue; }
                if (current is not null && request.Id is not null)
                {
                    if (conclusion.Value is null || current.State.IsConcluded) continue;
                    write = new StreamWrite(StreamIds.Decision(command.Id), current.Version, []);
                }
                if (write is null) { errors.Add(new ImportError(line, "id", Decision.Decide(current?.State, command, now).Refusal!.Reason)); continue; }
                if (writes.Any(w => w.StreamId == write.StreamId)) { errors.Add(new ImportError(line, "id", $"'{command.Id}' appears twice in the file.")); continue; }
                if (conclusion.Value is { } concluded)
                {
                    var state = current?.State ?? Decision.Replay(write.Events.Select((e, i) => new Fact<IDecisionEvent>((IDecisionEvent)e.Event, e.Effective, i + 1)))!;
                    var decided = state.Decide(concluded, command.Body, now);
                    if (decided.Refusal is { } dr) { errors.Add(new ImportError(line, dr.Field, dr.Reason)); continue; }
                    write = write with { Events = [.. write.Events, .. decided.Events.Select(e => new PendingEvent(e, concluded.Concluded, current?.Marking ?? classification))] };
                }
                writes.Add(write);
            }
            if (errors.Count > 0) return new ImportReport(table.Count, 0, [.. errors.Select(table.InFileNames)]);
            writes.RemoveAll(w => w.Events.Count == 0);
            // Nothing new commits nothing, and spends no idempotency key on it.
            if (writes.Count == 0) return new ImportReport(table.Count, 0, []);
            await new EventStore(db).Commit(writes, new Recording(now, who.RecordedBy, who.IdempotencyKey), ct);
            return new ImportReport(table.Count, writes.Count, []);
        }, ct);

    /// <summary>The conclusion a row records (outcome, concluded, conclusion_source, conclusion_note); null when it has no outcome.</summary>
    private static Result<RecordConclusionCommand?> Conclusion(Row row, Instant now)
    {
        if (row.Outcome is null)
            return row.Concluded is null && row.ConclusionSource is null ? new Result<RecordConclusionCommand?>(null, null)
                : Refusal.Invalid("outcome", "'outcome' (adopted or lapsed) is required with 'concluded' or 'conclusion_source'.");
        var parsed = ConcludeDecision.Parse(new ConcludeDecision.Request(null, row.Outcome, row.Concluded, row.ConclusionSource, row.ConclusionNote), now);
        if (parsed.Refusal is { } r) return r;
        return new Result<RecordConclusionCommand?>(parsed.Value, null);
    }
}
