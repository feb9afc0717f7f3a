using Concord.Domain.Assistance;
using Concord.Domain.Members;
using Concord.Domain.Readiness;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Readiness;

/// <summary>
/// Deliveries recorded in the ledger's pledges (its read model, typed: no event is read by name) reduce the donor's stock of the
/// pledge's category from the stock report's date on: a delivery dated on or after the report counts, one before it is
/// taken to be already reflected in the report. Only item lines in the stock's unit count ("systems" against systems).
/// </summary>
public static class Deliveries
{
    public sealed record Delivered(MemberCode Donor, StockCategory Category, NodaTime.LocalDate On, decimal Quantity, string Unit);

    /// <summary>Every delivery recorded in the ledger, read from its read model (each pledge with its donor, category and deliveries).</summary>
    public static async Task<IReadOnlyList<Delivered>> Load(ConcordDbContext db, CancellationToken ct) =>
        [.. (await Assistance.PledgeStream.Current(db, ct))
            .Where(p => StockCategory.TryParse(p.Category.ToString()) is not null)
            .SelectMany(p => p.Deliveries.SelectMany(d => d.Items.Select(i =>
                new Delivered(p.Donor, StockCategory.TryParse(p.Category.ToString())!.Value, d.On, i.Quantity, i.Unit))))];

    /// <summary>The state with each stock less the deliveries from it dated on or after its report.</summary>
    public static AllyReadiness Apply(AllyReadiness state, IEnumerable<Delivered> deliveries)
    {
        var stocks = state.Stocks.ToDictionary(k => k.Key, k => k.Value);
        foreach (var d in deliveries.Where(d => d.Donor == state.Ally))
            if (stocks.TryGetValue(d.Category, out var s) && d.On >= s.On && string.Equals(d.Unit, s.Unit, StringComparison.OrdinalIgnoreCase))
                stocks[d.Category] = s with { Quantity = s.Quantity - d.Quantity };
        return state with { Stocks = stocks };
    }
}
