using System.Globalization;
using Concord.Domain.Members;
using Concord.Domain.Readiness;
using Concord.Features.Importing;
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

    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct)
    {
        var rows = Csv.Read(file);
        var errors = new List<ImportError>();
        var events = new List<IReadinessEvent>();
        foreach (var row in rows)
        {
            var ally = MemberCode.TryParse(row.Get("iso3", "ally_code"));
            if (ally is null) { errors.Add(new(row.Line, "iso3", "'iso3' must be an ISO 3166-1 alpha-3 code such as DEU.")); continue; }
            var pct = Number(row, "defence_exp_pct_gdp_2024e", 0, 100, errors);
            var equipment = Number(row, "equipment_share_pct_2024e", 0, 100, errors);
            var revised = Number(row, "defence_exp_pct_gdp_2024_revised", 0, 100, errors);
            var source = row.Get("source_pct_gdp_2024e");
            var equipmentSource = row.Get("source_equipment_share");
            var revisedSource = row.Get("source_revised");
            if (source is null) errors.Add(new(row.Line, "source_pct_gdp_2024e", "Every row must name its source."));
            if (revised is not null && revisedSource is null) errors.Add(new(row.Line, "source_revised", "A revised figure must name its source."));
            if (source is null || (revised is not null && revisedSource is null)) continue;
            var estimateSource = equipment is not null && equipmentSource is not null ? $"{source} | equipment share: {equipmentSource}" : source;
            events.Add(new DefenceExpenditureReported(ally.Value, Year, pct, equipment, ExpenditureFigure.Estimate, estimateSource, row.Get("note")));
            if (revised is not null)
                events.Add(new DefenceExpenditureReported(ally.Value, Year, revised, null, ExpenditureFigure.Revised, revisedSource!, null));
        }
        if (errors.Count > 0) return new ImportReport(rows.Count, 0, errors);
        var result = await ReadinessStore.Record(db, clock, events, who, ct);
        return result.Refusal is { } refusal ? ImportReport.Failed(new ImportError(0, null, refusal.Reason)) : new ImportReport(rows.Count, result.Value, []);
    }

    internal static decimal? Number(CsvRow row, string column, decimal min, decimal max, List<ImportError> errors)
    {
        var text = row.Get(column);
        if (text is null) return null;
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(new(row.Line, column, $"'{column}' must be a number from {min} to {max}; got '{text}'."));
            return null;
        }
        return value;
    }
}
