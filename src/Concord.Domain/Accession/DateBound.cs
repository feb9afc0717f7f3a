using NodaTime;
using NodaTime.Text;

namespace Concord.Domain.Accession;

/// <summary>How precisely a date is known.</summary>
public enum DateQualifier
{
    /// <summary>The exact day.</summary>
    On,
    /// <summary>Unknown, but no later than the day (e.g. implied by the protocol's entry into force).</summary>
    OnOrBefore,
}

/// <summary>
/// A date that may be known only as a bound ("on or before 2020-03-19"). A bounded date stays bounded: it is
/// never replaced by an invented exact day. <see cref="Latest"/> is the day itself or the bound.
/// </summary>
public readonly record struct DateBound(LocalDate Latest, DateQualifier Qualifier = DateQualifier.On)
{
    public bool IsExact => Qualifier == DateQualifier.On;

    /// <summary>True when it is certain the event had happened by the end of <paramref name="date"/>.</summary>
    public bool HappenedBy(LocalDate date) => Latest <= date;

    public static DateBound On(LocalDate date) => new(date);

    public static DateBound OnOrBefore(LocalDate date) => new(date, DateQualifier.OnOrBefore);

    public override string ToString() =>
        (IsExact ? "" : "on or before ") + LocalDatePattern.Iso.Format(Latest);
}
