using System.Globalization;
using Concord.Domain.Assistance;
using Concord.Domain.Members;
using Concord.Domain.Readiness;
using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Readiness;

/// <summary>
/// <c>concord readiness import FILE</c>: a deployment's floors, stocks and GDP (data/readiness/*.csv).
/// Columns: ally (ISO alpha-3), kind (floor | stock | gdp), category (for floor and stock), quantity, unit (stock),
/// on (stock: YYYY-MM-DD; gdp: the year), lead_days (stock, optional), basis (reported | estimated), source (required).
/// A file is taken whole or not at all.
/// </summary>
public static class ImportReadiness
{
    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct)
    {
        var rows = Csv.Read(file);
        var errors = new List<ImportError>();
        var events = new List<IReadinessEvent>();
        foreach (var row in rows)
            if (Parse(row, errors) is { } e) events.Add(e);
        if (errors.Count > 0) return new ImportReport(rows.Count, 0, errors);
        var result = await ReadinessStore.Record(db, clock, events, who, ct);
        return result.Refusal is { } refusal ? ImportReport.Failed(new ImportError(0, null, refusal.Reason)) : new ImportReport(rows.Count, result.Value, []);
    }

    private static IReadinessEvent? Parse(CsvRow row, List<ImportError> errors)
    {
        var before = errors.Count;
        var ally = MemberCode.TryParse(row.Get("ally"));
        if (ally is null) errors.Add(new(row.Line, "ally", "'ally' must be an ISO 3166-1 alpha-3 code such as DEU."));
        var kind = row.Get("kind")?.ToLowerInvariant();
        if (kind is not ("floor" or "stock" or "gdp")) errors.Add(new(row.Line, "kind", "'kind' must be floor, stock or gdp."));
        var source = row.Get("source");
        if (source is null) errors.Add(new(row.Line, "source", "Every row must name its source."));
        var quantity = ImportDefenceExpenditure.Number(row, "quantity", 0, 1_000_000_000_000m, errors);
        if (quantity is null && row.Get("quantity") is null) errors.Add(new(row.Line, "quantity", "'quantity' is required."));
        var category = StockCategory.TryParse(row.Get("category"));
        if (kind is "floor" or "stock" && category is null) errors.Add(new(row.Line, "category", "'category' is required: words such as air-defence."));
        if (errors.Count > before) return null;
        var q = quantity!.Value;
        switch (kind)
        {
            case "floor":
                return new ReadinessFloorSet(ally!.Value, category!.Value, q, source!);
            case "gdp":
                if (!int.TryParse(row.Get("on"), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1949 or > 2100)
                { errors.Add(new(row.Line, "on", "A gdp row's 'on' is its year, e.g. 2024.")); return null; }
                return new GdpReported(ally!.Value, year, q, source!);
            default:
                var on = Input.Date(row.Get("on"), "on");
                if (on.Refusal is { } r) { errors.Add(new(row.Line, "on", r.Reason)); return null; }
                var unit = row.Get("unit");
                if (unit is null) { errors.Add(new(row.Line, "unit", "A stock row needs its 'unit' (systems, rounds, vehicles).")); return null; }
                int? lead = null;
                if (row.Get("lead_days") is { } l)
                {
                    if (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > 3650)
                    { errors.Add(new(row.Line, "lead_days", $"'lead_days' must be a whole number of days from 0 to 3650; got '{l}'.")); return null; }
                    lead = days;
                }
                var basis = Input.Enum<FigureBasis>(row.Get("basis") ?? "reported", "basis");
                if (basis.Refusal is { } b) { errors.Add(new(row.Line, "basis", b.Reason)); return null; }
                return new StockReported(ally!.Value, category!.Value, q, unit, on.Value, source!, basis.Value, lead);
        }
    }
}
