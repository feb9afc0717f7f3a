using System.Net;
using Concord.Features.Access;
using Ical.Net.CalendarComponents;
using NodaTime;
using NodaTime.Text;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/feeds/calendar over HTTP, read back with Ical.Net's own parser.</summary>
public sealed class CalendarApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(Ical.Net.Calendar Calendar, string Text)> Calendar(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/feeds/calendar", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (Assert.IsType<Ical.Net.Calendar>(Ical.Net.Calendar.Load(text)), text);
    }

    private static CalendarEvent Event(Ical.Net.Calendar calendar, string uid) => Assert.Single(calendar.Events, e => e.Uid == uid);

    [Fact]
    public async Task summits_are_all_day_events_and_a_promised_delivery_falls_on_the_last_day_promised()
    {
        var (calendar, _) = await Calendar(factory.CreateClient());

        var washington = Assert.Single(calendar.Events, e => e.Summary == "Washington Summit (Washington, D.C.)" && e.DtStart!.Year == 2024);
        Assert.False(washington.DtStart!.HasTime);
        Assert.Equal((new DateOnly(2024, 7, 9), new DateOnly(2024, 7, 12)), (washington.DtStart.Date, washington.DtEnd!.Date));
        var leopards = Event(calendar, "promise-DEU-P001@concord");
        Assert.Equal(new DateOnly(2023, 3, 31), leopards.DtStart!.Date);
        Assert.Contains("Leopard 2A6", leopards.Summary, StringComparison.Ordinal);
        Assert.Equal(calendar.Events.Count, calendar.Events.Select(e => e.Uid).Distinct().Count());
    }

    [Fact]
    public async Task a_silence_deadline_is_given_in_brussels_time_with_its_zone_and_only_to_readers_who_see_the_decision_whole()
    {
        var deadline = factory.Clock.GetCurrentInstant().Plus(Duration.FromDays(3));
        var id = "calendar-" + Guid.NewGuid().ToString("N")[..8];
        using (var opened = await factory.Secretariat.PostJson("/api/v1/decisions",
                   new { id, subject = "Calendar check", classification = "PUBLIC", silenceDeadline = InstantPattern.General.Format(deadline) }))
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var uid = $"silence-{id}-{deadline.ToUnixTimeSeconds()}@concord";

        var (visitor, text) = await Calendar(factory.CreateClient());
        var silence = Event(visitor, uid);
        var brussels = deadline.InZone(DateTimeZoneProviders.Tzdb["Europe/Brussels"]).LocalDateTime;
        Assert.Equal("Europe/Brussels", silence.DtStart!.TzId);
        Assert.Equal(brussels.ToDateTimeUnspecified(), silence.DtStart.Value);
        Assert.Contains($"DTSTART;TZID=Europe/Brussels:{brussels.ToString("yyyyMMdd'T'HHmmss", null)}", text, StringComparison.Ordinal);
        Assert.Contains(visitor.TimeZones, z => z.TzId == "Europe/Brussels");

        // A position hidden from the visitor leaves the decision redacted for it: its deadline leaves the visitor's calendar.
        using (var hidden = await factory.Delegation("HUN").PostJson($"/api/v1/decisions/{id}/positions",
                   new { member = "HUN", kind = "concur", classification = "NATO RESTRICTED" }))
            Assert.Equal(HttpStatusCode.OK, hidden.StatusCode);
        Assert.DoesNotContain((await Calendar(factory.CreateClient())).Calendar.Events, e => e.Uid == uid);
        Event((await Calendar(factory.ClientAs(Role.Analyst))).Calendar, uid);
    }
}
