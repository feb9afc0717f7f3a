namespace Concord.Domain;

/// <summary>
/// The bounds on every quantity and amount Concord records (docs/adr/0005-input-policy.md), and sums that cannot fail.
/// The largest real figure in its domain (a year's GDP in USD, the rounds of a multi-year ammunition programme) is far
/// below 10^12; a figure above it is a typing error or an attack, and a sum of such figures could overflow and take
/// every reader's page down with it.
/// </summary>
public static class Quantities
{
    /// <summary>The largest quantity or amount accepted: 10^12, inclusive.</summary>
    public const decimal Max = 1_000_000_000_000m;

    /// <summary>"10^12", as refusals and notes say it.</summary>
    public const string MaxInWords = "1,000,000,000,000 (10^12)";

    /// <summary>
    /// Units whose quantities are measured rather than counted, so a fraction is meaningful (0.5 t, 2.5 EUR million);
    /// currencies are measured too. Any other unit (systems, rounds, vehicles, launchers) counts whole things.
    /// </summary>
    private static readonly HashSet<string> MeasureUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        "t", "tonne", "tonnes", "ton", "tons", "kt", "kg", "g", "l", "litre", "litres", "liter", "liters", "m3", "km", "m",
        "hours", "hour", "days", "mwh", "kwh", "gwh", "mw", "kw", "gw", "bn", "million", "millions", "billion", "billions",
    };

    /// <summary>True when <paramref name="value"/> lies within 0 to <see cref="Max"/> inclusive.</summary>
    public static bool InBounds(decimal value) => value is >= 0 and <= Max;

    /// <summary>True when <paramref name="unit"/> counts whole things (a pledge of 1.5 systems means nothing).</summary>
    public static bool Counts(string? unit)
    {
        var u = unit?.Trim() ?? "";
        if (u.Length == 0) return true;
        // A currency ("EUR"), or a currency followed by a scale ("EUR million", "USD bn"), measures.
        var first = u.Split(' ', 2)[0];
        return !MeasureUnits.Contains(u) && !Assistance.Money.IsCurrency(first.ToUpperInvariant());
    }

    /// <summary>Why <paramref name="quantity"/> of <paramref name="unit"/> is not acceptable; null when it is.</summary>
    public static string? CheckQuantity(decimal quantity, string? unit, string what)
    {
        if (quantity > Max) return $"The quantity of {what} is above the largest Concord accepts, {MaxInWords}; got {quantity:0.##}.";
        if (Counts(unit) && decimal.Truncate(quantity) != quantity)
            return $"{unit} are counted in whole numbers; the quantity of {what} is {quantity:0.########}.";
        return null;
    }

    /// <summary>Adds without ever throwing: a sum that would pass decimal's range stays at its largest value.</summary>
    public static decimal Add(decimal a, decimal b)
    {
        try { return checked(a + b); }
        catch (OverflowException) { return a > 0 ? decimal.MaxValue : decimal.MinValue; }
    }

    /// <summary>A sum that never throws (see <see cref="Add"/>).</summary>
    public static decimal Sum(IEnumerable<decimal> values) => values.Aggregate(0m, Add);
}
