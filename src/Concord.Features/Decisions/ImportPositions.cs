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
    /// <summary>A row of a positions file, as text.</summary>
    public sealed record Row(string? Member, string? Position, string? Effective, string? Condition, string? StatedReason, string? Source,
        string? Confidence, string? Classification);

    public static readonly CsvFormat<Row> Format = new(
        [
            new("ally_iso3", Required: true, Aliases: "member"), new("position", Required: true, Aliases: "kind"),
            new("effective_date", Required: true, Aliases: "effective"), new("condition"), new("stated_reason", Aliases: "note"), new("source"),
            new("confidence"), new("classification"),
        ],
        r => new Row(r["ally_iso3"], r["position"], r["effective_date"], r["condition"], r["stated_reason"], r["source"], r["confidence"], r["classification"]),
        // The Ally's name, for people reading the file; the code is what is loaded.
        Carried: ["ally"]);

    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, Domain.Decisions.DecisionId decision, WriteContext who, CancellationToken ct)
    {
        var table = CsvFile.Read(file, Format);
        var errors = table.Errors.ToList();
        var commands = new List<(int, Domain.Decisions.RecordPositionCommand, Domain.Classification?)>();
        var now = clock.GetCurrentInstant();
        foreach (var (line, row) in table.Rows)
        {
            var member = Input.Member(row.Member, "ally_iso3");
            var kind = Input.Enum<Domain.Decisions.PositionKind>(row.Position, "position");
            var effective = Input.Instant(row.Effective, "effective_date");
            var marking = DecisionMarkings.Parse(row.Classification, "classification");
            var confidence = Input.Confidence(row.Confidence);
            // The same limits as a position recorded over the API: the file's names for the fields.
            var condition = Input.Text(row.Condition, "condition", 2000);
            var note = Input.Text(row.StatedReason, "stated_reason", 2000);
            var source = Input.Source(row.Source, "source", 2000);
            var refusals = new[] { member.Refusal, kind.Refusal, effective.Refusal, marking.Refusal, confidence.Refusal, condition.Refusal, note.Refusal, source.Refusal }
                .OfType<Domain.Refusal>().ToList();
            foreach (var refusal in refusals)
                errors.Add(new ImportError(line, refusal.Field, refusal.Reason));
            if (refusals.Count > 0) continue;
            commands.Add((line, new Domain.Decisions.RecordPositionCommand(member.Value, kind.Value, condition.Value,
                source.Value, confidence.Value, note.Value, effective.Value), marking.Value));
        }
        if (errors.Count > 0) return new ImportReport(table.Count, 0, [.. errors.Select(table.InFileNames)]);
        var (result, refused) = await RecordPositions.Handle(db, clock, decision, commands, who, ct);
        if (result.Refusal is { } r) return ImportReport.Failed(new ImportError(0, null, r.Reason));
        return new ImportReport(table.Count, refused.Count > 0 ? 0 : result.Value, [.. refused.Select(table.InFileNames)]);
    }
}
