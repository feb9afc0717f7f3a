using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Domain.Members;
using Concord.Domain.Readiness;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Readiness;

/// <summary>
/// A defence-expenditure figure against the guidelines (2% of GDP; 20% of it on major equipment), with its source, and the
/// equipment share's own source when it has one.
/// </summary>
public sealed record ExpenditureView(int Year, ExpenditureFigure Figure, decimal? PctGdp, bool? Meets2Pct, decimal? EquipmentSharePct,
    bool? Meets20PctEquipment, string Source, string? Note, string? EquipmentSource);

/// <summary>A stock against its floor: headroom is stock less floor; below floor when the stock is under it.</summary>
public sealed record StockView(StockCategory Category, decimal Quantity, string Unit, LocalDate On, decimal? Floor, decimal? Headroom,
    bool BelowFloor, FigureBasis Basis, int? LeadDays, string Source, string? FloorSource);

/// <summary>One Ally's readiness: its expenditure figures and its stocks against its floors.</summary>
public sealed record AllyReadinessView(string Code, string Name, IReadOnlyList<ExpenditureView> Expenditure, IReadOnlyList<StockView> Stocks,
    decimal? GdpUsdBn, string? GdpSource);

/// <summary>Every Ally's readiness, with the notice that the floors and stocks are an example when they are.</summary>
public sealed record ReadinessOverview(string? Notice, IReadOnlyList<AllyReadinessView> Allies);

/// <summary>The readiness views (issue 6, item 3). Stocks are read less the ledger's deliveries since each report.</summary>
public static class QueryReadiness
{
    /// <summary>Sources that start with this word mark a deployment's example data, to be replaced.</summary>
    public const string ExampleMark = "EXAMPLE";

    public const string ExampleNotice = "The floors and stocks shown are an EXAMPLE shipped with Concord (data/readiness): capability targets "
        + "are classified and no public numbers exist. A deployment replaces them with its own (concord readiness import FILE). "
        + "Stocks are as reported, less the deliveries recorded in the ledger since each report.";

    public static async Task<ReadinessOverview> All(ConcordDbContext db, CancellationToken ct)
    {
        var states = await ReadinessStore.LoadAll(db, ct);
        var names = await Names(db, ct);
        var codes = names.Keys.Union(states.Keys.Select(k => k.Value)).Order(StringComparer.Ordinal);
        var allies = codes.Select(c => View(states.GetValueOrDefault(MemberCode.Parse(c)) ?? AllyReadiness.Empty(MemberCode.Parse(c)), names.GetValueOrDefault(c) ?? c))
            .ToList();
        return new ReadinessOverview(NoticeFor(states.Values), allies);
    }

    public static async Task<Result<AllyReadinessView>> One(ConcordDbContext db, string ally, CancellationToken ct)
    {
        var code = Input.Member(ally, "ally");
        if (code.Refusal is { } r) return r;
        var (state, version) = await ReadinessStore.Load(db, code.Value, ct);
        var names = await Names(db, ct);
        if (version == 0 && !names.ContainsKey(code.Value.Value)) return Refusal.NotFound($"{code.Value} is not an Ally and has no readiness data.");
        return View(state, names.GetValueOrDefault(code.Value.Value) ?? code.Value.Value);
    }

    /// <summary>What giving <paramref name="quantity"/> of <paramref name="category"/> would do to <paramref name="ally"/>'s stock; nothing is recorded.</summary>
    public static async Task<Result<DonationImpact>> Impact(ConcordDbContext db, string ally, string? category, string? quantity, CancellationToken ct)
    {
        var code = Input.Member(ally, "ally");
        if (code.Refusal is { } r) return r;
        if (StockCategory.TryParse(category) is not { } cat) return Refusal.Invalid("category", "'category' is required: words such as air-defence.");
        if (!decimal.TryParse(quantity, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var q) || q <= 0 || q > Domain.Quantities.Max)
            return Refusal.Invalid("quantity", $"'quantity' must be a positive number of at most {Domain.Quantities.MaxInWords}; got '{quantity}'.");
        var (state, _) = await ReadinessStore.Load(db, code.Value, ct);
        // The stock's unit decides whether the quantity counts whole things (1.5 systems means nothing, 1.5 tonnes does).
        if (state.Stocks.TryGetValue(cat, out var stock) && Domain.Quantities.CheckQuantity(q, stock.Unit, cat.ToString()) is { } why)
            return Refusal.Invalid("quantity", why);
        var names = await Names(db, ct);
        var impact = DonationImpact.Of(state, names.GetValueOrDefault(code.Value.Value) ?? code.Value.Value, cat, q);
        return impact is null ? Refusal.NotFound($"{code.Value} has reported no {cat} stock.") : impact;
    }

    public static string? NoticeFor(IEnumerable<AllyReadiness> states) =>
        states.Any(s => s.Floors.Values.Any(f => f.Source.StartsWith(ExampleMark, StringComparison.Ordinal))
            || s.Stocks.Values.Any(v => v.Source.StartsWith(ExampleMark, StringComparison.Ordinal))) ? ExampleNotice : null;

    private static async Task<Dictionary<string, string>> Names(ConcordDbContext db, CancellationToken ct) =>
        (await db.Members.AsNoTracking().Where(m => m.Body == Body.Nato).Select(m => new { m.Code, m.Name }).ToListAsync(ct))
        .GroupBy(m => m.Code).ToDictionary(g => g.Key, g => g.First().Name);

    private static AllyReadinessView View(AllyReadiness s, string name)
    {
        var expenditure = s.Expenditure.Values.OrderBy(e => e.Year).ThenBy(e => e.Figure)
            .Select(e => new ExpenditureView(e.Year, e.Figure, e.PctGdp, e.PctGdp is { } p ? p >= AllyReadiness.GuidelinePctGdp : null,
                e.EquipmentSharePct, e.EquipmentSharePct is { } q ? q >= AllyReadiness.GuidelineEquipmentSharePct : null, e.Source, e.Note, e.EquipmentSource))
            .ToList();
        var stocks = s.Stocks.OrderBy(k => k.Key.Value, StringComparer.Ordinal).Select(k =>
        {
            var floor = s.Floors.GetValueOrDefault(k.Key);
            return new StockView(k.Key, k.Value.Quantity, k.Value.Unit, k.Value.On, floor?.Quantity, s.Headroom(k.Key),
                floor is not null && k.Value.Quantity < floor.Quantity, k.Value.Basis, k.Value.LeadDays, k.Value.Source, floor?.Source);
        }).ToList();
        return new AllyReadinessView(s.Ally.Value, name, expenditure, stocks, s.Gdp?.UsdBn, s.Gdp?.Source);
    }
}
