using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Following;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;

namespace Concord.Web.Api;

/// <summary>/api/v1/feeds/calendar: summits, silence deadlines and promised delivery dates as iCalendar (RFC 5545).</summary>
public static class CalendarApi
{
    public const string CalendarType = "text/calendar";

    public static RouteGroupBuilder MapCalendarApi(this RouteGroupBuilder api)
    {
        api.MapGet("/feeds/calendar", Calendar).WithTags("Feeds")
            .WithSummary("iCalendar: every summit (its days), silence deadline (the instant, TZID=Europe/Brussels; for decisions the reader sees whole) and promised delivery date (the last day promised), one event each.")
            .Produces(200, contentType: CalendarType).RequirePermission(Permission.ReadPublic);
        api.MapGet("/to-act", async (ConcordDbContext db, HttpContext http, IClock clock, CancellationToken ct) =>
                Problems.Answer(await ToAct.Handle(db, clock, http.Reader(), ct))).WithTags("Feeds")
            .WithSummary("A delegation's 'to act' list: the open decisions awaiting its own state's position, and the silence deadlines within 48 hours.")
            .RequirePermission(Permission.RecordPosition);
        return api;
    }

    private static async Task<IResult> Calendar(ConcordDbContext db, HttpContext http, IClock clock, CancellationToken ct)
    {
        var items = await Deadlines.For(db, http.Reader(), ct);
        var text = Write(items, FeedsApi.BaseOf(http), clock.GetCurrentInstant());
        http.Response.Headers.CacheControl = "private, no-cache";
        return Results.Text(text, CalendarType + "; charset=utf-8");
    }

    /// <summary>The deadlines as one calendar; an instant is given in Brussels time with the zone's definition (VTIMEZONE).</summary>
    public static string Write(IReadOnlyList<Deadline> items, Uri root, Instant now)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Concord//Deadlines//EN" };
        calendar.AddProperty("X-WR-CALNAME", "Concord: summits, silence deadlines, promised deliveries");
        calendar.AddTimeZone(Zones.BrusselsZone.Id);
        var stamp = new CalDateTime(now.ToDateTimeUtc());
        foreach (var item in items)
        {
            var e = new CalendarEvent
            {
                Uid = item.Uid,
                Summary = item.Summary,
                Description = item.Description,
                Url = new Uri(root, item.Href.TrimStart('/')),
                DtStamp = stamp,
            };
            e.Categories.Add(item.Kind);
            if (item.At is { } at)
            {
                var local = Zones.InBrussels(at).LocalDateTime.ToDateTimeUnspecified();
                e.DtStart = new CalDateTime(local, Zones.BrusselsZone.Id);
                e.DtEnd = new CalDateTime(local, Zones.BrusselsZone.Id);
            }
            else if (item.FirstDay is { } first)
            {
                // An all-day event ends on the day after its last (RFC 5545, 3.6.1).
                e.DtStart = new CalDateTime(first.ToDateOnly());
                e.DtEnd = new CalDateTime((item.LastDay ?? first).PlusDays(1).ToDateOnly());
            }
            calendar.Events.Add(e);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
