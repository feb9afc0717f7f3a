using System.Globalization;
using Concord.Domain.Members;
using Concord.Domain.Readiness;
using Concord.Features.Importing;
using Concord.Features.Sources;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Readiness;

/// <summary>
/// <c>concord readiness import-expenditure FILE</c>: NATO's defence expenditure per Ally (data/nato/defence_expenditure_2024.csv).
/// Columns iso3, defence_exp_pct_gdp_2024e, equipment_share_pct_2024e, defence_exp_pct_gdp_2024_revised,
/// source_pct_gdp_2024e, source_equipment_share, source_revised, note. Each row gives the June estimate (with the
/// equipment share) and, when present, the revised figure. Every row must name a source.
/// </summary>
public static class ImportDefenceExpenditure
{
    public const int Year = 2024;

    /// <summary>A row of an expenditure file, as text.</summary>
    public sealed record Row(string? Ally, string? Pct, string? Equipment, string? Revised, string? Source, string? EquipmentSource, string? RevisedSource, string? Note);

    public static readonly CsvFormat<Row> Format = new(
        [
            new("iso3", Required: true), new("defence_exp_pct_gdp_2024e"), new("equipment_share_pct_2024e"), new("defence_exp_pct_gdp_2024_revised"),
            new("source_pct_gdp_2024e"), new("source_equipment_share"), new("source_revised"), new("note"),
        ],
        r => new Row(r["iso3"], r["defence_exp_pct_gdp_2024e"], r["equipment_share_pct_2024e"], r["defence_exp_pct_gdp_2024_revised"],
            r["source_pct_gdp_2024e"], r["source_equipment_share"], r["source_revised"], r["note"]),
        // NATO's table as published: the Ally's name and its own yes/no columns, which Concord computes from the figures.
        Carried: ["ally", "meets_2pct_2024e", "meets_20pct_equipment_2024e"]);

    /// <param name="asNewerPack">A newer data pack's file: it adds only what the store does not hold, and leaves a figure someone has recorded since as they recorded it (<see cref="ReadinessStore.AsNewerPack"/>).</param>
    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct,
        bool asNewerPack = false)
    {
        var table = CsvFile.Read(file, Format);
        var errors = table.Errors.ToList();
        var events = new List<IReadinessEvent>();
        var book = await SourceBook.For(db, table.Rows.SelectMany(r => new[] { r.Value.Source, r.Value.EquipmentSource, r.Value.RevisedSource }), ct);
        foreach (var (line, row) in table.Rows)
        {
            var ally = MemberCode.TryParse(row.Ally);
            if (ally is null) { errors.Add(new(line, "iso3", "'iso3' must be an ISO 3166-1 alpha-3 code such as DEU.")); continue; }
            var pct = Number(line, row.Pct, "defence_exp_pct_gdp_2024e", 0, 100, errors);
            var equipment = Number(line, row.Equipment, "equipment_share_pct_2024e", 0, 100, errors);
            var revised = Number(line, row.Revised, "defence_exp_pct_gdp_2024_revised", 0, 100, errors);
            // Free text is held to the limits of any text a write stores, each fault on its line and column.
            var source = Checked(line, row.Source, "source_pct_gdp_2024e", book, errors);
            var equipmentSource = Checked(line, row.EquipmentSource, "source_equipment_share", book, errors);
            var revisedSource = Checked(line, row.RevisedSource, "source_revised", book, errors);
            var note = Input.Text(row.Note, "note", 2000);
            if (note.Refusal is { } nr) errors.Add(new(line, "note", nr.Reason));
            if (source is null && row.Source is null) errors.Add(new(line, "source_pct_gdp_2024e", "Every row must name its source."));
            if (revised is not null && revisedSource is null && row.RevisedSource is null) errors.Add(new(line, "source_revised", "A revised figure must name its source."));
            if (source is null || (revised is not null && revisedSource is null) || (row.EquipmentSource is not null && equipmentSource is null)
                || note.Refusal is not null) continue;
            events.Add(new DefenceExpenditureReported(ally.Value, Year, pct, equipment, ExpenditureFigure.Estimate, source, note.Value,
                equipment is not null ? equipmentSource : null));
            if (revised is not null)
                events.Add(new DefenceExpenditureReported(ally.Value, Year, revised, null, ExpenditureFigure.Revised, revisedSource!, null));
        }
        if (errors.Count > 0) return new ImportReport(table.Count, 0, errors);
        var result = await ReadinessStore.Record(db, clock, asNewerPack ? await ReadinessStore.AsNewerPack(db, events, who.RecordedBy, ct) : events, who, ct);
        return result.Refusal is { } refusal ? ImportReport.Failed(new ImportError(0, null, refusal.Reason)) : new ImportReport(table.Count, result.Value, []);
    }

    /// <summary>
    /// A source column's text within the limits of any stored text, every id it cites registered; null (with the fault
    /// reported on its line) when it is not.
    /// </summary>
    internal static string? Checked(int line, string? text, string column, SourceBook book, List<ImportError> errors)
    {
        var checkedText = Input.Source(text, column, 2000);
        if (checkedText.Refusal is { } r) { errors.Add(new(line, column, r.Reason)); return null; }
        if (book.Check(checkedText.Value, column) is { } uncited) { errors.Add(new(line, column, uncited.Reason)); return null; }
        return checkedText.Value;
    }

    internal static decimal? Number(int line, string? text, string column, decimal min, decimal max, List<ImportError> errors)
    {
        if (text is null) return null;
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(new(line, column, $"'{column}' must be a number from {min} to {max}; got '{text}'."));
            return null;
        }
        return value;
    }
}
