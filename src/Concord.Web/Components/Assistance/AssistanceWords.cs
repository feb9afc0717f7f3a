using System.Globalization;
using Concord.Domain.Assistance;

namespace Concord.Web.Components.Assistance;

/// <summary>The words the assistance pages use for categories, statuses, values and progress.</summary>
public static class AssistanceWords
{
    public static string Category(AssistanceCategory c) => c switch
    {
        AssistanceCategory.AirDefence => "Air defence",
        AssistanceCategory.Artillery => "Artillery",
        AssistanceCategory.Ammunition155mm => "155 mm ammunition",
        AssistanceCategory.Armour => "Armour",
        AssistanceCategory.Aircraft => "Aircraft",
        AssistanceCategory.OtherMilitary => "Other military",
        AssistanceCategory.MissilesLongRange => "Long-range missiles",
        AssistanceCategory.Financial => "Financial",
        AssistanceCategory.Humanitarian => "Humanitarian",
        _ => c.ToString(),
    };

    public static string Status(PledgeStatus s) => s switch
    {
        PledgeStatus.InTransit => "In transit",
        _ => s.ToString(),
    };

    public static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Value(Money? money) => money is null ? "–"
        : $"{Number(money.Amount)} {money.Currency} ({money.Method switch { ValuationMethod.PriceList => "price list", ValuationMethod.Estimated => "estimated", _ => "stated" }}, {money.ValuedOn:yyyy-MM-dd})";

    /// <summary>"3 of 12 systems delivered, 9 outstanding" per line, joined.</summary>
    /// <remarks>
    /// A quantity no source disclosed is said to be undisclosed, never a number; a part delivered in a number not stated
    /// leaves what is outstanding unknown; the first and full delivery are given as the sources date them (a confirmation
    /// is an upper bound: "on or before"), and a delivery dated before the announcement says so.
    /// </remarks>
    public static string Progress(Pledge p)
    {
        var parts = p.Lines.Select(l => l.SomeUnstated && l.Outstanding > 0
                ? $"{Number(l.Pledged)} {l.Unit}: part delivered (number not stated), outstanding not known"
                : $"{Number(l.Delivered)} of {Number(l.Pledged)} {l.Unit} delivered, {Number(l.Outstanding)} outstanding")
            .Concat((p.Undisclosed ?? []).Select(u => $"{u.Item}: quantity undisclosed{(u.AllArrived ? ", delivered" : u.SomeArrived ? ", part delivered" : "")}"))
            .ToList();
        if (p.FirstDeliveryWindow is { } first) parts.Add($"first delivery {first.ToPhrase()}{(p.DeliveredBeforeAnnouncement ? ", delivered before it was announced" : p.FirstDeliveryDays is { } d ? $" ({d} from the announcement)" : "")}");
        if (p.FullDeliveryWindow is { } full && full != p.FirstDeliveryWindow) parts.Add($"full delivery {full.ToPhrase()}");
        return parts.Count == 0 ? "–" : string.Join("; ", parts);
    }
}
