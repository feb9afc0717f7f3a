using Concord.Domain.Decisions;
using Concord.Features.EventLog;
using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>
/// <c>concord import decisions FILE</c>: columns id, subject; optional body (NATO), rule (natoConsensus), summit,
/// opened, silence_deadline, concerned, classification. A decision that already exists is left as it is. Imported
/// decisions are PUBLIC unless the file marks them: the data pack is public reporting with its sources. All or nothing:
/// every bad row is reported by line, and then no decision is opened.
/// </summary>
public static class ImportDecisions
{
    /// <summary>Opens every new decision of the file in one commit; a file with any bad row opens none.</summary>
    public static Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct) =>
        EventStore.Serialized(async () =>
        {
            var rows = Csv.Read(file);
            var errors = new List<ImportError>();
            var writes = new List<StreamWrite>();
            var now = clock.GetCurrentInstant();
            foreach (var row in rows)
            {
                var request = new OpenDecision.Request(row.Get("id"), row.Get("subject"), row.Get("body"), row.Get("rule"), row.Get("summit"),
                    row.Get("silence_deadline"), row.Get("concerned"), row.Get("opened"), row.Get("classification") ?? Domain.Classification.Public.ToString());
                var opening = await OpenDecision.Opening(db, now, request, who, ct);
                if (opening.Refusal is { } r) { errors.Add(new ImportError(row.Line, r.Field, r.Reason)); continue; }
                var (current, command, write, _) = opening.Value;
                if (current is not null && request.Id is not null) continue;
                if (write is null) { errors.Add(new ImportError(row.Line, "id", Decision.Decide(current?.State, command, now).Refusal!.Reason)); continue; }
                if (writes.Any(w => w.StreamId == write.StreamId)) { errors.Add(new ImportError(row.Line, "id", $"'{command.Id}' appears twice in the file.")); continue; }
                writes.Add(write);
            }
            if (errors.Count > 0) return new ImportReport(rows.Count, 0, errors);
            await new EventStore(db).Commit(writes, new Recording(now, who.RecordedBy, who.IdempotencyKey), ct);
            return new ImportReport(rows.Count, writes.Count, []);
        }, ct);
}
