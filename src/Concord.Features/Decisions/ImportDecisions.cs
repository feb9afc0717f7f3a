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
    public static readonly CsvFormat<OpenDecision.Request> Format = new(
        [
            new("id"), new("subject", Required: true), new("body"), new("rule"), new("summit"), new("opened"), new("silence_deadline", Field: "silenceDeadline"),
            new("concerned"), new("classification"),
        ],
        r => new OpenDecision.Request(r["id"], r["subject"], r["body"], r["rule"], r["summit"], r["silence_deadline"], r["concerned"], r["opened"],
            r["classification"] ?? Domain.Classification.Public.ToString()),
        // The data pack's decisions.csv names the sources of each decision for people; a decision does not store them.
        Carried: ["source"]);

    /// <summary>Opens every new decision of the file in one commit; a file with any bad row opens none.</summary>
    public static Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct) =>
        EventStore.Serialized(async () =>
        {
            var table = CsvFile.Read(file, Format);
            var errors = table.Errors.ToList();
            var writes = new List<StreamWrite>();
            var now = clock.GetCurrentInstant();
            foreach (var (line, request) in table.Rows)
            {
                var opening = await OpenDecision.Opening(db, now, request, who, ct);
                if (opening.Refusal is { } r) { errors.Add(new ImportError(line, r.Field, r.Reason)); continue; }
                var (current, command, write, _) = opening.Value;
                if (current is not null && request.Id is not null) continue;
                if (write is null) { errors.Add(new ImportError(line, "id", Decision.Decide(current?.State, command, now).Refusal!.Reason)); continue; }
                if (writes.Any(w => w.StreamId == write.StreamId)) { errors.Add(new ImportError(line, "id", $"'{command.Id}' appears twice in the file.")); continue; }
                writes.Add(write);
            }
            if (errors.Count > 0) return new ImportReport(table.Count, 0, [.. errors.Select(table.InFileNames)]);
            await new EventStore(db).Commit(writes, new Recording(now, who.RecordedBy, who.IdempotencyKey), ct);
            return new ImportReport(table.Count, writes.Count, []);
        }, ct);
}
