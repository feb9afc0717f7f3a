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
    public static string Progress(Pledge p) => p.Lines.Count == 0 ? "–"
        : string.Join("; ", p.Lines.Select(l => $"{Number(l.Delivered)} of {Number(l.Pledged)} {l.Unit} delivered, {Number(l.Outstanding)} outstanding"));
}
