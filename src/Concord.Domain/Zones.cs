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

    // Instants within a day of the ends of NodaTime's range cannot be put in a zone (the local date would fall outside the
    // calendar). Older code stored such values (a silence deadline of 9999-12-31T23:59:59.999999999Z); reading them clamps
    // to the last (first) instant that can be shown, so a read degrades that one value instead of failing.
    private static readonly Instant FirstZonable = Instant.MinValue + Duration.FromDays(2);
    private static readonly Instant LastZonable = Instant.MaxValue - Duration.FromDays(2);

    /// <summary><paramref name="instant"/> in Brussels, moved to within two days of the calendar's ends when it lies beyond them.</summary>
    public static ZonedDateTime InBrussels(Instant instant) => Zonable(instant).InZone(BrusselsZone);

    /// <summary><paramref name="instant"/> moved inside the range any zone can show (only values at the calendar's ends move).</summary>
    public static Instant Zonable(Instant instant) => instant < FirstZonable ? FirstZonable : instant > LastZonable ? LastZonable : instant;

    /// <summary>Formats an instant as Brussels local time with the zone abbreviation, e.g. "2003-02-10 10:00 CET".</summary>
    public static string Brussels(Instant instant) => Display.Format(InBrussels(instant));

    /// <summary>The Brussels calendar date an instant falls on.</summary>
    public static LocalDate BrusselsDate(Instant instant) => InBrussels(instant).Date;

    /// <summary>The first instant of a Brussels calendar date (a date-only statement takes effect then); the calendar's first day starts at its first instant.</summary>
    public static Instant StartOf(LocalDate date) =>
        date <= LocalDate.MinIsoValue.PlusDays(1) ? Instant.MinValue : date.AtStartOfDayInZone(BrusselsZone).ToInstant();

    /// <summary>The last instant of a Brussels calendar date: "as of 2024-04-30" includes all of that day; the calendar's last day ends at its last instant.</summary>
    public static Instant EndOf(LocalDate date) => date >= LocalDate.MaxIsoValue ? Instant.MaxValue : StartOf(date.PlusDays(1)) - Duration.Epsilon;
}
