using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concord.Web.Tests.Browser;

/// <summary>An accession tracker read as of a day and as known on a day, and a cited source followed to its page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SourcesAndKnownOnTests(BrowserFixture browser, KestrelHost host) : IClassFixture<KestrelHost>
{
    [Fact]
    public async Task a_tracker_as_of_and_known_on_a_day_says_both_and_a_source_link_opens_the_sources_page()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive("/accessions/FIN?asOf=2023-03-28&knownOn=2023-03-28");
        try
        {
            await Expect(page.GetByTestId("asof-label")).ToHaveTextAsync("Showing Finland's path as of 2023-03-28 (end of day, Brussels)");
            await Expect(page.GetByTestId("knownon-label")).ToHaveTextAsync("Showing what had been published by 2023-03-28");
            await Expect(page.Locator("#knownon-date")).ToHaveValueAsync("2023-03-28");
            var steps = page.GetByTestId("accession-steps");
            await Expect(steps).ToBeVisibleAsync();
            // Hungary's deposit of 2023-03-31 was published later: neither it nor a note about it is on the page.
            await Expect(steps).Not.ToContainTextAsync("2023-03-31");
            await page.Screenshot("accession-tracker-finland-known-on");

            var link = steps.Locator("a.source-link").First;
            var id = await link.GetAttributeAsync("data-source");
            await link.ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/sources/{id}$"));
            await Expect(page.GetByTestId("source-id")).ToHaveTextAsync(id!);
            await Expect(page.GetByTestId("source-publisher").First).Not.ToBeEmptyAsync();
            await Expect(page.GetByTestId("source-published").First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("source-cited-by")).ToContainTextAsync("Finland");
        }
        finally { await page.Screenshot("source-page"); }
    }

    [Fact]
    public async Task the_decision_room_known_on_a_day_before_the_summit_says_so_and_shows_the_question_still_blocked_not_lapsed()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive("/decisions/invite-ukraine-washington-2024?knownOn=2024-05-01");
        try
        {
            await Expect(page.GetByTestId("knownon-label")).ToHaveTextAsync("Showing what had been published by 2024-05-01");
            await Expect(page.GetByTestId("known-on-note")).ToContainTextAsync("As known on 2024-05-01");
            // The Washington summit ended the question on 2024-07-11: known on 2024-05-01, it was still blocked.
            await Expect(page.GetByTestId("outcome-sentence")).ToContainTextAsync("Blocked, as reported");
            await Expect(page.GetByTestId("outcome-sentence")).Not.ToContainTextAsync("2024-07-11");
            await Expect(page.GetByTestId("history-known-on")).ToBeVisibleAsync();
            // The header too says what was known then: open, with no outcome source published later.
            await Expect(page.Locator(".room-facts")).ToContainTextAsync("Status: open");
            await Expect(page.GetByTestId("conclusion-source")).ToHaveCountAsync(0);

            await page.GetByTestId("knownon-everything").ClickAsync();
            await Expect(page.GetByTestId("knownon-label")).ToHaveTextAsync("Showing everything recorded");
            await Expect(page.GetByTestId("outcome-sentence")).ToContainTextAsync("2024-07-11");
        }
        finally { await page.Screenshot("decision-room-known-on"); }
    }

    [Fact]
    public async Task s33_opens_as_its_three_documents_with_publisher_title_date_and_address()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive("/sources/S33");
        try
        {
            await Expect(page.GetByTestId("source-document")).ToHaveCountAsync(3);
            var first = page.GetByTestId("source-document").First;
            await Expect(first.GetByTestId("source-publisher")).ToHaveTextAsync("Ukraine Today (Ukrinform)");
            await Expect(first.GetByTestId("source-title")).ToHaveTextAsync("[Text of the Vilnius Summit communiqué on Ukraine]");
            await Expect(first.GetByTestId("source-published")).ToHaveTextAsync("2023-07-11");
            await Expect(first.GetByTestId("source-url")).ToHaveAttributeAsync("href", "https://ukrainetoday.org/2023/07/11/nato-allies-reaffirm-ukraines-future-is-in-nato/");
            await Expect(page.GetByTestId("source-cited-by")).ToContainTextAsync("Ukraine");
        }
        finally { await page.Screenshot("source-s33"); }
    }
}
