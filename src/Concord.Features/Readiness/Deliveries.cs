using Concord.Domain.Assistance;
using Concord.Domain.Members;
using Concord.Domain.Readiness;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Readiness;

/// <summary>
/// Deliveries recorded in the ledger's pledges ("pledge-" streams, DeliveryRecorded) reduce the donor's stock of the
/// pledge's category from the stock report's date on: a delivery dated on or after the report counts, one before it is
/// taken to be already reflected in the report. Only item lines in the stock's unit count ("systems" against systems).
/// </summary>
public static class Deliveries
{
    public sealed record Delivered(MemberCode Donor, StockCategory Category, NodaTime.LocalDate On, decimal Quantity, string Unit);

    public static async Task<IReadOnlyList<Delivered>> Load(ConcordDbContext db, CancellationToken ct)
    {
        var (announcedName, deliveredName) = (EventNames.NameOf<PledgeAnnounced>(), EventNames.NameOf<DeliveryRecorded>());
        var rows = await db.Events.AsNoTracking().Where(e => e.StreamId.StartsWith(StreamIds.PledgePrefix)
                && (e.Name == announcedName || e.Name == deliveredName))
            .OrderBy(e => e.Position).ToListAsync(ct);
        var announced = new Dictionary<string, PledgeAnnounced>(StringComparer.Ordinal);
        var list = new List<Delivered>();
        foreach (var row in rows)
        {
            var e = EventStore.Deserialize(row);
            if (e is PledgeAnnounced a) { announced[row.StreamId] = a; continue; }
            if (e is not DeliveryRecorded d || !announced.TryGetValue(row.StreamId, out var pledge)) continue;
            if (StockCategory.TryParse(pledge.Category.ToString()) is not { } category) continue;
            list.AddRange(d.Items.Select(i => new Delivered(pledge.Donor, category, d.On, i.Quantity, i.Unit)));
        }
        return list;
    }

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
