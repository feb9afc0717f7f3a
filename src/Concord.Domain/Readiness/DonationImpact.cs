using System.Globalization;

namespace Concord.Domain.Readiness;

/// <summary>
/// What a proposed donation would do to the donor's stock of a category, computed before anything is recorded:
/// the stock before and after, the floor, and the result in words.
/// </summary>
public sealed record DonationImpact(string AllyName, StockCategory Category, decimal Quantity, decimal Before, decimal After,
    decimal? Floor, bool BelowFloor, bool ExceedsStock, string Words)
{
    /// <summary>
    /// The impact of giving <paramref name="quantity"/> of <paramref name="category"/> from <paramref name="state"/>.
    /// "Below its floor" means strictly less than the floor: a stock equal to its floor still meets it.
    /// Refused (null) when the Ally has reported no stock of the category.
    /// </summary>
    public static DonationImpact? Of(AllyReadiness state, string allyName, StockCategory category, decimal quantity)
    {
        if (!state.Stocks.TryGetValue(category, out var stock)) return null;
        var floor = state.Floors.TryGetValue(category, out var f) ? f.Quantity : (decimal?)null;
        var after = stock.Quantity - quantity;
        var exceeds = after < 0;
        var below = floor is { } fl && after < fl;
        var words = exceeds
            ? $"{allyName} holds {N(stock.Quantity)} {category}, fewer than the {N(quantity)} proposed."
            : floor is null
                ? $"{allyName}'s {category} stock would fall to {N(after)}; no floor is set for it."
                : below
                    ? $"{allyName}'s {category} stock would fall to {N(after)}, below its floor of {N(floor.Value)}."
                    : $"{allyName}'s {category} stock would fall to {N(after)}, still at or above its floor of {N(floor.Value)}.";
        return new DonationImpact(allyName, category, quantity, stock.Quantity, after, floor, below, exceeds, words);
    }

    private static string N(decimal d) => d.ToString("#,0.##", CultureInfo.InvariantCulture);
}
