using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concord.Web.Tests.Browser;

/// <summary>The statements around Ukraine's accession, read and filtered in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StatementsTests(BrowserFixture browser, KestrelHost host) : IClassFixture<KestrelHost>
{
    [Fact]
    public async Task ukraine_s_tracker_shows_the_secretary_general_s_visit_of_2024_04_29_and_filters_to_russia_s_statements()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive("/accessions/UKR");
        try
        {
            var statements = page.GetByTestId("statements");
            var visit = statements.Locator("[data-statement='ST079']");
            await Expect(visit).ToContainTextAsync("2024-04-29");
            await Expect(visit).ToContainTextAsync("Jens Stoltenberg");
            await Expect(visit).ToContainTextAsync("visit");

            await page.GetByTestId("statements-filter-state").SelectOptionAsync("RUS");
            await Expect(visit).ToHaveCountAsync(0);
            var shown = statements.Locator("[data-testid=statement]");
            await Expect(shown.First).ToBeVisibleAsync();
            foreach (var actor in await shown.Locator("a.ally-code").AllTextContentsAsync()) Assert.Equal("RUS", actor.Trim());
            await Expect(page.GetByTestId("statements-count")).ToContainTextAsync(" of ");

            await shown.First.GetByTestId("statement-actor").ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/actors/[a-z-]+$"));
            await Expect(page.GetByTestId("actor-name")).Not.ToBeEmptyAsync();
        }
        finally { await page.Screenshot("accession-tracker-statements"); }
    }
}
