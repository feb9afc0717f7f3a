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
    /// <summary>A row of a readiness file, as text.</summary>
    public sealed record Row(string? Ally, string? Kind, string? Category, string? Quantity, string? Unit, string? On, string? LeadDays, string? Basis, string? Source);

    public static readonly CsvFormat<Row> Format = new(
        [
            new("ally", Required: true), new("kind", Required: true), new("category"), new("quantity", Required: true), new("unit"), new("on"),
            new("lead_days"), new("basis"), new("source", Required: true),
        ],
        r => new Row(r["ally"], r["kind"], r["category"], r["quantity"], r["unit"], r["on"], r["lead_days"], r["basis"], r["source"]));

    /// <param name="asNewerPack">A newer data pack's file: it adds only what the store does not hold, and leaves a floor, stock or GDP someone has recorded since as they recorded it (<see cref="ReadinessStore.AsNewerPack"/>).</param>
    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct,
        bool asNewerPack = false)
    {
        var table = CsvFile.Read(file, Format);
        var errors = table.Errors.ToList();
        var events = new List<IReadinessEvent>();
        var book = await Sources.SourceBook.For(db, table.Rows.Select(r => r.Value.Source), ct);
        foreach (var (line, row) in table.Rows)
            if (Parse(line, row, book, errors) is { } e) events.Add(e);
        if (errors.Count > 0) return new ImportReport(table.Count, 0, errors);
        var result = await ReadinessStore.Record(db, clock, asNewerPack ? await ReadinessStore.AsNewerPack(db, events, who.RecordedBy, ct) : events, who, ct);
        return result.Refusal is { } refusal ? ImportReport.Failed(new ImportError(0, null, refusal.Reason)) : new ImportReport(table.Count, result.Value, []);
    }

    private static IReadinessEvent? Parse(int line, Row row, Sources.SourceBook book, List<ImportError> errors)
    {
        var before = errors.Count;
        var ally = MemberCode.TryParse(row.Ally);
        if (ally is null) errors.Add(new(line, "ally", "'ally' must be an ISO 3166-1 alpha-3 code such as DEU."));
        var kind = row.Kind?.ToLowerInvariant();
        if (kind is not ("floor" or "stock" or "gdp")) errors.Add(new(line, "kind", "'kind' must be floor, stock or gdp."));
        var source = ImportDefenceExpenditure.Checked(line, row.Source, "source", book, errors);
        if (row.Source is null) errors.Add(new(line, "source", "Every row must name its source."));
        var quantity = ImportDefenceExpenditure.Number(line, row.Quantity, "quantity", 0, 1_000_000_000_000m, errors);
        if (quantity is null && row.Quantity is null) errors.Add(new(line, "quantity", "'quantity' is required."));
        var category = StockCategory.TryParse(row.Category);
        if (kind is "floor" or "stock" && category is null) errors.Add(new(line, "category", "'category' is required: words such as air-defence."));
        if (errors.Count > before) return null;
        var q = quantity!.Value;
        switch (kind)
        {
            case "floor":
                return new ReadinessFloorSet(ally!.Value, category!.Value, q, source!);
            case "gdp":
                if (!int.TryParse(row.On, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1949 or > 2100)
                { errors.Add(new(line, "on", "A gdp row's 'on' is its year, e.g. 2024.")); return null; }
                return new GdpReported(ally!.Value, year, q, source!);
            default:
                var on = Input.Date(row.On, "on");
                if (on.Refusal is { } r) { errors.Add(new(line, "on", r.Reason)); return null; }
                var unit = row.Unit;
                if (unit is null) { errors.Add(new(line, "unit", "A stock row needs its 'unit' (systems, rounds, vehicles).")); return null; }
                int? lead = null;
                if (row.LeadDays is { } l)
                {
                    if (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > 3650)
                    { errors.Add(new(line, "lead_days", $"'lead_days' must be a whole number of days from 0 to 3650; got '{l}'.")); return null; }
                    lead = days;
                }
                var basis = Input.Enum<FigureBasis>(row.Basis ?? "reported", "basis");
                if (basis.Refusal is { } b) { errors.Add(new(line, "basis", b.Reason)); return null; }
                return new StockReported(ally!.Value, category!.Value, q, unit, on.Value, source!, basis.Value, lead);
        }
    }
}
