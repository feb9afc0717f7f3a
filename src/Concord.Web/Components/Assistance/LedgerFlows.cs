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
                if (p.Value is not { } value || value.Currency != measure) continue;
                pledged = value.Amount;
                foreach (var d in p.Deliveries.Where(d => d.Value?.Currency == measure))
                {
                    flows.Add(new LedgerFlow(d.On, 0, d.Value!.Amount));
                    delivered += d.Value!.Amount;
                }
            }
            else
            {
                pledged = p.Lines.Where(l => l.Unit == measure).Sum(l => l.Pledged);
                if (pledged == 0) continue;
                foreach (var d in p.Deliveries)
                {
                    var quantity = d.Items.Where(i => i.Unit == measure).Sum(i => i.Quantity);
                    if (quantity == 0) continue;
                    flows.Add(new LedgerFlow(d.On, 0, quantity));
                    delivered += quantity;
                }
            }
            flows.Add(new LedgerFlow(p.Announced, pledged, 0));
            if (p.CancelledOn is { } cancelled && pledged > delivered)
                flows.Add(new LedgerFlow(cancelled, -(pledged - delivered), 0));
        }
        return flows;
    }
}
