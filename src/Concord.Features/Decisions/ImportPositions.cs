using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>
/// <c>concord import positions FILE --decision ID</c>: columns ally_iso3 (or member), position (or kind),
/// effective_date; optional condition, stated_reason (kept as the note), source, confidence, classification (the
/// decision's marking when absent).
/// Every bad row is reported with its line; a file with any error loads nothing.
/// </summary>
public static class ImportPositions
{
    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, Domain.Decisions.DecisionId decision, WriteContext who, CancellationToken ct)
    {
        var rows = Csv.Read(file);
        var errors = new List<ImportError>();
        var commands = new List<(int, Domain.Decisions.RecordPositionCommand, Domain.Classification?)>();
        var now = clock.GetCurrentInstant();
        foreach (var row in rows)
        {
            var member = Input.Member(row.Get("ally_iso3", "member"), "ally_iso3");
            var kind = Input.Enum<Domain.Decisions.PositionKind>(row.Get("position", "kind"), "position");
            var effective = Input.Instant(row.Get("effective_date", "effective"), "effective_date");
            var marking = DecisionMarkings.Parse(row.Get("classification"), "classification");
            var confidence = Input.Confidence(row.Get("confidence"));
            var refusals = new[] { member.Refusal, kind.Refusal, effective.Refusal, marking.Refusal, confidence.Refusal }.OfType<Domain.Refusal>().ToList();
            foreach (var refusal in refusals)
                errors.Add(new ImportError(row.Line, refusal.Field, refusal.Reason));
            if (refusals.Count > 0) continue;
            commands.Add((row.Line, new Domain.Decisions.RecordPositionCommand(member.Value, kind.Value, row.Get("condition"),
                row.Get("source"), confidence.Value, row.Get("stated_reason", "note"), effective.Value), marking.Value));
        }
        if (errors.Count > 0) return new ImportReport(rows.Count, 0, errors);
        var (result, refused) = await RecordPositions.Handle(db, clock, decision, commands, who, ct);
        if (result.Refusal is { } r) return ImportReport.Failed(new ImportError(0, null, r.Reason));
        return new ImportReport(rows.Count, refused.Count > 0 ? 0 : result.Value, refused);
    }
}
