using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concord.Web.Tests.Browser;

/// <summary>The search box in the app bar, used in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchTests(BrowserFixture browser, KestrelHost host) : IClassFixture<KestrelHost>
{
    [Fact]
    public async Task the_search_box_finds_leopard_marks_the_word_and_leads_to_the_pledge_in_the_ledger()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive("/accessions/UKR");
        try
        {
            await page.GetByTestId("site-search-q").FillAsync("Leopard");
            await page.GetByTestId("site-search-q").PressAsync("Enter");

            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/search\\?q=Leopard$"));
            await Expect(page.GetByTestId("search-count")).ToContainTextAsync("found");
            var germany = page.GetByTestId("search-hit").Filter(new() { HasText = "Germany DEU: Leopard 2A6" });
            await Expect(germany).ToHaveCountAsync(1);
            await Expect(germany.Locator("mark").First).ToHaveTextAsync("Leopard");
            Assert.All(await page.GetByTestId("search-hit").EvaluateAllAsync<string[]>("hits => hits.map(h => h.querySelector('mark') ? '' : h.textContent)"),
                text => Assert.Equal("", text));

            await germany.GetByTestId("search-hit-title").ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/assistance#pledge-DEU-P001$"));
            await Expect(page.Locator("#pledge-DEU-P001")).ToContainTextAsync("DEU");
        }
        finally { await page.Screenshot("search-leopard"); }
    }

    [Fact]
    public async Task a_query_with_no_word_is_answered_on_the_page_and_nothing_breaks()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive("/search?q=%2A%2A%2A");
        try
        {
            await Expect(page.GetByTestId("search-refusal")).ToContainTextAsync("at least one word");
            await Expect(page.GetByTestId("search-q")).ToHaveValueAsync("***");
        }
        finally { await page.Screenshot("search-refused"); }
    }
}
