using Concord.Domain;
using Concord.Domain.Assistance;

namespace Concord.Web.Components.Assistance;

/// <summary>
/// Turns pledges (replayed as of a date) into dated flows in one measure: a currency (values, never converted) or a
/// unit ("rounds", "systems"). A pledge adds its value or quantity on the day it was announced, each delivery on its
/// own day; a cancelled pledge takes back what was still outstanding on the day it was cancelled.
/// </summary>
public static class LedgerFlows
{
    /// <summary>The measures the pledges allow: their currencies first, then their units, each in order.</summary>
    public static IReadOnlyList<string> Measures(IEnumerable<Pledge> pledges)
    {
        var list = pledges.ToList();
        var currencies = list.Where(p => p.Value is not null).Select(p => p.Value!.Currency).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var units = list.SelectMany(p => p.Lines).Select(l => l.Unit).Where(u => !Money.IsCurrency(u)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return [.. currencies, .. units];
    }

    public static IReadOnlyList<LedgerFlow> Of(IEnumerable<Pledge> pledges, string measure)
    {
        var flows = new List<LedgerFlow>();
        var isCurrency = Money.IsCurrency(measure);
        foreach (var p in pledges)
        {
            decimal pledged, delivered = 0;
            if (isCurrency)
            {
                // A figure beyond the input policy's bound (stored before it existed) is left out of the chart, not summed.
                if (p.Value is not { } value || value.Currency != measure || !Quantities.InBounds(value.Amount)) continue;
                pledged = value.Amount;
                foreach (var d in p.Deliveries.Where(d => d.Value?.Currency == measure && Quantities.InBounds(d.Value.Amount)))
                {
                    flows.Add(new LedgerFlow(d.On, 0, d.Value!.Amount));
                    delivered = Quantities.Add(delivered, d.Value!.Amount);
                }
            }
            else
            {
                pledged = Quantities.Sum(p.Lines.Where(l => l.Unit == measure).Select(l => l.Pledged));
                if (pledged == 0 || !Quantities.InBounds(pledged)) continue;
                foreach (var d in p.Deliveries)
                {
                    var quantity = Quantities.Sum(d.Items.Where(i => i.Unit == measure).Select(i => i.Quantity));
                    if (quantity == 0 || !Quantities.InBounds(quantity)) continue;
                    flows.Add(new LedgerFlow(d.On, 0, quantity));
                    delivered = Quantities.Add(delivered, quantity);
                }
            }
            flows.Add(new LedgerFlow(p.Announced, pledged, 0));
            if (p.CancelledOn is { } cancelled && pledged > delivered)
                flows.Add(new LedgerFlow(cancelled, -Quantities.Add(pledged, -delivered), 0));
        }
        return flows;
    }
}
