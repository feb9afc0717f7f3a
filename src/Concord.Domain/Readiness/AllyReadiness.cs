using Concord.Domain.Members;

namespace Concord.Domain.Readiness;

/// <summary>The latest stock report of a category.</summary>
public sealed record StockLevel(decimal Quantity, string Unit, NodaTime.LocalDate On, string Source, Assistance.FigureBasis Basis, int? LeadDays);

/// <summary>A floor set for a category, with its source.</summary>
public sealed record Floor(decimal Quantity, string Source);

/// <summary>
/// One Ally's readiness as its stream tells it: defence expenditure by year and figure, the latest stock of each
/// category, the floor of each category, and its GDP. Later reports replace earlier ones (corrections are new events).
/// </summary>
public sealed record AllyReadiness(
    MemberCode Ally,
    IReadOnlyDictionary<(int Year, ExpenditureFigure Figure), DefenceExpenditureReported> Expenditure,
    IReadOnlyDictionary<StockCategory, StockLevel> Stocks,
    IReadOnlyDictionary<StockCategory, Floor> Floors,
    GdpReported? Gdp)
{
    /// <summary>The NATO guideline on defence expenditure: at least 2% of GDP (Wales, 2014).</summary>
    public const decimal GuidelinePctGdp = 2m;

    /// <summary>The NATO guideline on major equipment: at least 20% of defence expenditure (Wales, 2014).</summary>
    public const decimal GuidelineEquipmentSharePct = 20m;

    public static AllyReadiness Empty(MemberCode ally) => new(ally, new Dictionary<(int, ExpenditureFigure), DefenceExpenditureReported>(),
        new Dictionary<StockCategory, StockLevel>(), new Dictionary<StockCategory, Floor>(), null);

    public static AllyReadiness Evolve(AllyReadiness state, IReadinessEvent e) => e switch
    {
        DefenceExpenditureReported d => state with { Expenditure = With(state.Expenditure, (d.Year, d.Figure), d) },
        StockReported s => state with { Stocks = With(state.Stocks, s.Category, new StockLevel(s.Quantity, s.Unit, s.On, s.Source, s.Basis, s.LeadDays)) },
        ReadinessFloorSet f => state with { Floors = With(state.Floors, f.Category, new Floor(f.Quantity, f.Source)) },
        GdpReported g => state.Gdp is { } old && old.Year > g.Year ? state : state with { Gdp = g },
        _ => state,
    };

    public static AllyReadiness Replay(MemberCode ally, IEnumerable<IReadinessEvent> events) => events.Aggregate(Empty(ally), Evolve);

    /// <summary>The stock less the floor of a category: negative when already below it; null when either is unknown.</summary>
    public decimal? Headroom(StockCategory category) =>
        Stocks.TryGetValue(category, out var s) && Floors.TryGetValue(category, out var f) ? s.Quantity - f.Quantity : null;

    private static Dictionary<TK, TV> With<TK, TV>(IReadOnlyDictionary<TK, TV> d, TK key, TV value) where TK : notnull =>
        new(d) { [key] = value };
}
