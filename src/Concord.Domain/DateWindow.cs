using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Concord.Domain;

/// <summary>How precisely the sources date something.</summary>
public enum DateQualifier
{
    /// <summary>The exact day.</summary>
    On,
    /// <summary>Unknown, but no later than the day (e.g. implied by a protocol's entry into force).</summary>
    OnOrBefore,
    /// <summary>Unknown, but no earlier than the day (e.g. a source shows it was not yet done the day before).</summary>
    OnOrAfter,
    /// <summary>Some day between two days, both included.</summary>
    Between,
    /// <summary>Some day of a calendar month.</summary>
    Month,
}

/// <summary>
/// When something happened, as precisely as the sources date it: an exact day, on or before a day, on or after a day,
/// between two days, or within a calendar month. <see cref="Earliest"/> and <see cref="Latest"/> are the first and last
/// days it can have happened on, both included; either is null where the window is open. A window stays a window: it is
/// never replaced by an invented day, so what is certain on a date (<see cref="HappenedBy"/>, <see cref="CertainlyNotBy"/>)
/// is read from its ends. Used for accession steps, and meant for any date known only within bounds (a promised period,
/// an observation between two reports).
/// </summary>
public readonly record struct DateWindow
{
    /// <summary>
    /// A window from its ends and qualifier, as stored. An exact day stored before windows existed carried only its
    /// <paramref name="latest"/> day (the shape <c>{"latest", "qualifier"}</c>): its earliest is that same day. Throws when
    /// the ends do not fit the qualifier (input is checked before it gets here; <see cref="Between"/> and the others say how).
    /// </summary>
    [JsonConstructor]
    public DateWindow(LocalDate? earliest, LocalDate? latest, DateQualifier qualifier)
    {
        if (qualifier == DateQualifier.On) earliest ??= latest;
        var fits = qualifier switch
        {
            DateQualifier.On => latest is { } day && earliest == day,
            DateQualifier.OnOrBefore => earliest is null && latest is not null,
            DateQualifier.OnOrAfter => earliest is not null && latest is null,
            DateQualifier.Between => earliest is { } from && latest is { } to && from < to,
            DateQualifier.Month => earliest is { } first && latest is { } last && first.Day == 1 && first.With(DateAdjusters.EndOfMonth) == last,
            _ => false,
        };
        if (!fits) throw new ArgumentException($"A date window '{Words.Camel(qualifier.ToString())}' cannot run from {earliest} to {latest}.", nameof(qualifier));
        (Earliest, Latest, Qualifier) = (earliest, latest, qualifier);
    }

    // Both ends are always written, an open one as null: every window has the same fields.

    /// <summary>The first day it can have happened on; null when the sources give no earliest day.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public LocalDate? Earliest { get; }

    /// <summary>The last day it can have happened on; null when the sources give no latest day.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public LocalDate? Latest { get; }

    public DateQualifier Qualifier { get; }

    /// <summary>The exact day.</summary>
    public static DateWindow On(LocalDate day) => new(day, day, DateQualifier.On);

    /// <summary>No later than <paramref name="day"/>.</summary>
    public static DateWindow OnOrBefore(LocalDate day) => new(null, day, DateQualifier.OnOrBefore);

    /// <summary>No earlier than <paramref name="day"/>.</summary>
    public static DateWindow OnOrAfter(LocalDate day) => new(day, null, DateQualifier.OnOrAfter);

    /// <summary>Some day from <paramref name="earliest"/> to <paramref name="latest"/>, both included; the same day twice is that day. Throws when inverted.</summary>
    public static DateWindow Between(LocalDate earliest, LocalDate latest) =>
        earliest == latest ? On(earliest) : new(earliest, latest, DateQualifier.Between);

    /// <summary>Some day of <paramref name="month"/>.</summary>
    public static DateWindow InMonth(YearMonth month) => new(month.ToDateInterval().Start, month.ToDateInterval().End, DateQualifier.Month);

    /// <summary>True for an exact day.</summary>
    [JsonIgnore]
    public bool IsExact => Qualifier == DateQualifier.On;

    /// <summary>
    /// The day a timeline places it on: the last day it can have happened on (by then it certainly has), or, for a window
    /// open at its end, its first day. An ordering key, never shown as the day it happened.
    /// </summary>
    [JsonIgnore]
    public LocalDate Placed => Latest ?? Earliest ?? throw new InvalidOperationException("A date window has at least one end.");

    /// <summary>True when it had certainly happened by the end of <paramref name="date"/>: its latest day is on or before it.</summary>
    public bool HappenedBy(LocalDate date) => Latest is { } latest && latest <= date;

    /// <summary>True when it had certainly not happened by the end of <paramref name="date"/>: its earliest day is after it.</summary>
    public bool CertainlyNotBy(LocalDate date) => Earliest is { } earliest && earliest > date;

    /// <summary>True when the window is closed at both ends and <paramref name="date"/> falls inside it before its last day: it may or may not have happened by then.</summary>
    public bool Straddles(LocalDate date) => Earliest is { } earliest && Latest is { } latest && earliest <= date && date < latest;

    /// <summary>True when it certainly happened before <paramref name="other"/>: this window ends before the other begins.</summary>
    public bool IsBefore(DateWindow other) => Latest is { } latest && other.Earliest is { } earliest && latest < earliest;

    /// <summary>The days both windows allow, or null when they share none (the two cannot date the same thing).</summary>
    public DateWindow? Intersect(DateWindow other)
    {
        var earliest = Max(Earliest, other.Earliest);
        var latest = Min(Latest, other.Latest);
        if (earliest is { } e && latest is { } l && e > l) return null;
        if (Contains(other)) return other;
        if (other.Contains(this)) return this;
        return From(earliest, latest);
    }

    /// <summary>
    /// When the last of several things happened, each known within its window: no earlier than the latest of their
    /// earliest days, no later than the latest of their last days (open when any is open). Null for none.
    /// </summary>
    public static DateWindow? LastOf(IEnumerable<DateWindow> windows)
    {
        var all = windows.ToList();
        if (all.Count == 0) return null;
        var earliest = all.Aggregate((LocalDate?)null, (max, w) => Max(max, w.Earliest));
        LocalDate? latest = all.Any(w => w.Latest is null) ? null : all.Max(w => w.Latest);
        // One of them bounds all the others: it is the answer as the sources wrote it (a month stays a month).
        return all.Where(w => w.Earliest == earliest && w.Latest == latest).Select(w => (DateWindow?)w).FirstOrDefault() ?? From(earliest, latest);
    }

    /// <summary>The window with these ends: a day, a bound on one side, or between two days. Throws with no end at all.</summary>
    public static DateWindow From(LocalDate? earliest, LocalDate? latest) => (earliest, latest) switch
    {
        ({ } e, { } l) => Between(e, l),
        (null, { } l) => OnOrBefore(l),
        ({ } e, null) => OnOrAfter(e),
        _ => throw new ArgumentException("A date window has at least one end."),
    };

    /// <summary>"2020-03-19", "on or before 2020-03-19", "on or after 2020-03-19", "between 2009-01-13 and 2009-02-09", "in March 2009".</summary>
    public override string ToString() => Qualifier switch
    {
        DateQualifier.On => Iso(Earliest),
        DateQualifier.OnOrBefore => "on or before " + Iso(Latest),
        DateQualifier.OnOrAfter => "on or after " + Iso(Earliest),
        DateQualifier.Between => $"between {Iso(Earliest)} and {Iso(Latest)}",
        _ => "in " + MonthName.Format(Earliest!.Value),
    };

    /// <summary>As a phrase after a verb: "on 2020-03-19" for a day, otherwise as <see cref="ToString"/> ("on or before 2020-03-19").</summary>
    public string ToPhrase() => IsExact ? "on " + ToString() : ToString();

    /// <summary>For a table cell: "2020-03-19", "≤ 2020-03-19", "≥ 2020-03-19", "2009-01-13 – 2009-02-09", "2009-03".</summary>
    public string ToShortString() => Qualifier switch
    {
        DateQualifier.On => Iso(Earliest),
        DateQualifier.OnOrBefore => "≤ " + Iso(Latest),
        DateQualifier.OnOrAfter => "≥ " + Iso(Earliest),
        DateQualifier.Between => $"{Iso(Earliest)} – {Iso(Latest)}",
        _ => MonthNumber.Format(Earliest!.Value),
    };

    private static readonly LocalDatePattern MonthName = LocalDatePattern.CreateWithInvariantCulture("MMMM uuuu");

    private static readonly LocalDatePattern MonthNumber = LocalDatePattern.CreateWithInvariantCulture("uuuu'-'MM");

    private bool Contains(DateWindow other) =>
        (Earliest is not { } e || other.Earliest is { } oe && oe >= e) && (Latest is not { } l || other.Latest is { } ol && ol <= l);

    private static string Iso(LocalDate? date) => date is { } d ? LocalDatePattern.Iso.Format(d) : "";

    private static LocalDate? Max(LocalDate? a, LocalDate? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static LocalDate? Min(LocalDate? a, LocalDate? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
