using NodaTime;

namespace Concord.Domain.Assistance;

/// <summary>
/// A number of days known within bounds: exact when both ends are the same, "at most" when only the upper end is known
/// (a delivery confirmed on or before a day: it may have arrived earlier), "at least" when only the lower. Never an exact
/// number from a bound.
/// </summary>
public sealed record DayRange(int? AtLeast, int? AtMost)
{
    public bool IsExact => AtLeast is { } least && AtMost == least;

    /// <summary>
    /// The days from something dated <paramref name="from"/> to something dated <paramref name="to"/>: at most from the
    /// first day of the one to the last of the other, at least from the last day of the one to the first of the other (never
    /// below zero). Null when neither end is known or the second certainly came first.
    /// </summary>
    public static DayRange? Between(DateWindow from, DateWindow to)
    {
        int? most = from.Earliest is { } f && to.Latest is { } t ? Days(f, t) : null;
        int? least = from.Latest is { } fl && to.Earliest is { } te && Days(fl, te) >= 0 ? Days(fl, te) : null;
        if (most is < 0 || (most is null && least is null)) return null;
        return new DayRange(least, most);
    }

    /// <summary>"61 days", "at most 61 days", "at least 3 days", "between 3 and 5 days".</summary>
    public override string ToString() => (AtLeast, AtMost) switch
    {
        ({ } l, { } m) when l == m => Count(m),
        ({ } l, { } m) => $"between {l} and {Count(m)}",
        (null, { } m) => "at most " + Count(m),
        ({ } l, null) => "at least " + Count(l),
        _ => "not known",
    };

    private static string Count(int days) => days == 1 ? "1 day" : $"{days} days";

    private static int Days(LocalDate from, LocalDate to) => Period.Between(from, to, PeriodUnits.Days).Days;
}
