using System.Net;
using System.Text;

namespace Concord.Web.Tests.Components.Pages.Assistance;

/// <summary>The assistance ledger names each pledge's and funding event's source through the source register.</summary>
public sealed class LedgerPageTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Pledge(string id, string source) => new
    {
        id, donor = "NOR", recipient = "UKR", announced = "2023-01-10", category = "airDefence",
        items = new[] { new { item = "IRIS-T SLM", quantity = 4, unit = "systems" } }, source,
    };

    [Fact]
    public async Task the_ledger_shows_each_pledge_s_source_as_a_link_to_its_record()
    {
        using (var created = await factory.Secretariat.PostJson("/api/v1/assistance/pledges", Pledge("NOR-cite-registered", "S20")))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using (var created = await factory.Secretariat.PostJson("/api/v1/assistance/pledges", Pledge("NOR-cite-text", "Norwegian MoD press release")))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var page = await factory.CreateClient().GetPage("/assistance");

        var table = page.QuerySelector("[data-testid=pledges-table]")!;
        // Compact in a table cell: the publisher as the link, the full record in its tooltip.
        var link = Assert.Single(table.SourceLinks(), l => l.Href == "/sources/S20");
        Assert.Equal("Permanent Representation of Italy to NATO", link.Text);
        Assert.Equal("Permanent Representation of Italy to NATO, [List of NATO summits 1999-2021]", link.Title);
        var textRow = table.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("Norwegian MoD press release", StringComparison.Ordinal));
        Assert.Equal("unregistered", textRow.QuerySelector(".source-tag")?.TextContent.Trim());
    }

    [Fact]
    public async Task the_ledger_links_a_funding_event_s_registered_source_and_labels_a_free_text_one_unregistered()
    {
        using (var imported = await factory.Secretariat.PostAsync("/api/v1/assistance/imports/timeline",
                   new StringContent("date,event,source\n2024-05-02,Cited funding event,S22\n2024-05-03,Funding event cited as text,Reuters; AP\n", Encoding.UTF8, "text/csv"), Ct))
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var page = await factory.CreateClient().GetPage("/assistance");

        var events = page.QuerySelectorAll("[data-testid=funding-events] li");
        var cited = events.Single(e => e.TextContent.Contains("Cited funding event", StringComparison.Ordinal));
        Assert.Equal("/sources/S22", Assert.Single(cited.SourceLinks()).Href);
        Assert.DoesNotContain("S22", cited.TextContent, StringComparison.Ordinal);
        // A citation written as text is said to be unregistered, never linked.
        var text = events.Single(e => e.TextContent.Contains("Funding event cited as text", StringComparison.Ordinal));
        Assert.Empty(text.SourceLinks());
        Assert.Equal("unregistered", text.QuerySelector(".source-tag")?.TextContent.Trim());
        // The data pack's events cite their registered press reports.
        var pack = events.Single(e => e.TextContent.Contains("White House requests", StringComparison.Ordinal));
        Assert.Equal(["/sources/us-supp-2023-10-20-kyiv-independent", "/sources/us-supp-2023-10-20-politico", "/sources/us-supp-2023-10-20-roll-call",
            "/sources/us-supp-2023-10-20-reuters"], pack.SourceLinks().Select(l => l.Href));
    }

    [Fact]
    public async Task known_on_a_day_the_ledger_says_so_and_shows_no_funding_event_after_it()
    {
        var page = await factory.CreateClient().GetPage("/assistance?knownOn=2024-03-01");

        Assert.Equal("Showing what had been published by 2024-03-01", page.QuerySelector("[data-testid=knownon-label]")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-testid=ledger-known-on-note]"));
        Assert.Equal("2024-03-01", page.QuerySelector("[data-testid=ledger-asof]")?.GetAttribute("value"));
        var days = page.QuerySelectorAll("[data-testid=funding-events] li strong").Select(s => s.TextContent.Trim()).ToList();
        Assert.NotEmpty(days);
        Assert.All(days, d => Assert.True(string.CompareOrdinal(d, "2024-03-01") <= 0, d));
        // Of the pack's sources, only the report dated 2023-12-07 had been published by then; the undated ones count from
        // when the store was seeded.
        var events = page.QuerySelectorAll("[data-testid=funding-events] li");
        var vote = events.Single(e => e.TextContent.Contains("2023-12-06", StringComparison.Ordinal));
        Assert.Equal(["/sources/us-supp-2023-12-06-business-recorder"], vote.SourceLinks().Select(l => l.Href));
        Assert.All(events.Where(e => e != vote), e => Assert.NotNull(e.QuerySelector("[data-testid=no-source-yet]")));
    }
}
