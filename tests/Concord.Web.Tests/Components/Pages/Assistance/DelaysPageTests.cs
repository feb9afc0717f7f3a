using System.Net;
using System.Text;

namespace Concord.Web.Tests.Components.Pages.Assistance;

/// <summary>The delays page names each funding event's source through the source register.</summary>
public sealed class DelaysPageTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_delays_page_links_a_funding_event_s_registered_source_and_labels_a_free_text_one_unregistered()
    {
        using (var imported = await factory.Secretariat.PostAsync("/api/v1/assistance/imports/timeline",
                   new StringContent("date,event,source\n2024-05-02,Cited funding event,S20;S22\n2024-05-03,Funding event cited as text,Reuters; AP\n", Encoding.UTF8, "text/csv"), Ct))
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var page = await factory.CreateClient().GetPage("/assistance/delays");

        var events = page.QuerySelectorAll("[data-testid=delays-funding-events] li");
        var cited = events.Single(e => e.TextContent.Contains("Cited funding event", StringComparison.Ordinal));
        Assert.Equal(["/sources/S20", "/sources/S22"], cited.SourceLinks().Select(l => l.Href));
        // In a list, not a table: each source named in full by publisher and title.
        Assert.Contains("Permanent Representation of Italy to NATO, [List of NATO summits 1999-2021]", cited.SourceLinks().Select(l => l.Text));
        var text = events.Single(e => e.TextContent.Contains("Funding event cited as text", StringComparison.Ordinal));
        Assert.Empty(text.SourceLinks());
        Assert.Equal("unregistered", text.QuerySelector(".source-tag")?.TextContent.Trim());
    }

    [Fact]
    public async Task known_on_a_day_the_delays_page_says_so_and_shows_no_funding_event_after_it()
    {
        var page = await factory.CreateClient().GetPage("/assistance/delays?asOf=2024-12-31&knownOn=2024-03-01");

        Assert.Equal("Showing what had been published by 2024-03-01", page.QuerySelector("[data-testid=knownon-label]")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-testid=delays-known-on-note]"));
        Assert.Equal("2024-03-01", page.QuerySelector("[data-testid=delays-asof]")?.GetAttribute("value"));
        var days = page.QuerySelectorAll("[data-testid=delays-funding-events] li strong").Select(s => s.TextContent.Trim()).ToList();
        Assert.NotEmpty(days);
        Assert.All(days, d => Assert.True(string.CompareOrdinal(d, "2024-03-01") <= 0, d));
    }
}
