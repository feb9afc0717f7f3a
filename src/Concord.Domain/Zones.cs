using NodaTime;
using NodaTime.Text;

namespace Concord.Domain;

/// <summary>
/// Brussels time: silence deadlines are set and shown in Europe/Brussels, and a calendar date given without a
/// time (an Ally's statement "on 2024-04-05") is read as that day in Brussels.
/// </summary>
public static class Zones
{
    public static readonly DateTimeZone BrusselsZone = DateTimeZoneProviders.Tzdb["Europe/Brussels"];

    private static readonly ZonedDateTimePattern Display =
        ZonedDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm x", DateTimeZoneProviders.Tzdb);

    /// <summary>Formats an instant as Brussels local time with the zone abbreviation, e.g. "2003-02-10 10:00 CET".</summary>
    public static string Brussels(Instant instant) => Display.Format(instant.InZone(BrusselsZone));

    /// <summary>The Brussels calendar date an instant falls on.</summary>
    public static LocalDate BrusselsDate(Instant instant) => instant.InZone(BrusselsZone).Date;

    /// <summary>The first instant of a Brussels calendar date (a date-only statement takes effect then).</summary>
    public static Instant StartOf(LocalDate date) => date.AtStartOfDayInZone(BrusselsZone).ToInstant();

    /// <summary>The last instant of a Brussels calendar date: "as of 2024-04-30" includes all of that day.</summary>
    public static Instant EndOf(LocalDate date) => StartOf(date.PlusDays(1)) - Duration.Epsilon;
}
