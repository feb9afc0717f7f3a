using System.Globalization;
using Concord.Domain;
using NodaTime;
using NodaTime.Text;

namespace Concord.Web.Components.Shared;

/// <summary>How pages write dates and times: ISO dates, Brussels times with the zone's abbreviation.</summary>
public static class Times
{
    private static readonly LocalDatePattern Iso = LocalDatePattern.Iso;
    private static readonly ZonedDateTimePattern Local =
        ZonedDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm x", DateTimeZoneProviders.Tzdb);

    public static string Date(LocalDate date) => Iso.Format(date);

    /// <summary>The date a page's <c>?asOf=</c> asks for, or null when it names none Concord can show (then the page shows today).</summary>
    public static LocalDate? AsOfQuery(string? query) =>
        query is not null && Iso.Parse(query) is { Success: true } p && Features.Input.IsInYears(p.Value) ? p.Value : null;

    /// <summary>The Brussels calendar date of an instant, e.g. "2024-04-05".</summary>
    public static string Date(Instant instant) => Iso.Format(Zones.BrusselsDate(instant));

    /// <summary>"2024-07-01 18:00 CEST".</summary>
    public static string Brussels(Instant instant) => Zones.Brussels(instant);

    /// <summary>"2024-07-01 12:00 EDT" in the given zone.</summary>
    public static string In(Instant instant, DateTimeZone zone) => Local.Format(Zones.Zonable(instant).InZone(zone));

    /// <summary>"3 days 4 h 05 min 06 s": a duration a reader takes in at a glance.</summary>
    public static string Span(Duration span)
    {
        if (span < Duration.Zero) span = -span;
        var days = span.Days;
        var text = string.Create(CultureInfo.InvariantCulture, $"{span.Hours} h {span.Minutes:00} min {span.Seconds:00} s");
        return days switch { 0 => text, 1 => "1 day " + text, _ => $"{days} days {text}" };
    }
}
