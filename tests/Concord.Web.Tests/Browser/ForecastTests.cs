using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concord.Web.Tests.Browser;

/// <summary>The tracker's forecast in the browser: said to be a model, drawn, and read as known on the day shown.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ForecastTests(BrowserFixture browser, KestrelHost host) : IClassFixture<KestrelHost>
{
    [Fact]
    public async Task finlands_tracker_as_of_2022_10_01_gives_the_chance_of_entry_into_force_by_the_next_summit_with_the_fan_chart_drawn()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive("/accessions/FIN?asOf=2022-10-01");

        var forecast = page.GetByTestId("forecast");
        await Expect(forecast).ToContainTextAsync("Forecast: a model, not a fact");
        var summary = page.GetByTestId("forecast-summary");
        await Expect(summary).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(
            @"^Entry into force by 2023-07-11 \(the next summit \(Vilnius Summit, 2023-07-11\)\): \d{1,3}%\. Median \d{4}-\d\d-\d\d; 80% interval \d{4}-\d\d-\d\d to "));
        var parties = page.GetByTestId("forecast-parties").Locator("tbody tr");
        await Expect(parties).ToHaveCountAsync(2);
        await Expect(parties.Filter(new() { HasText = "HUN" })).ToContainTextAsync("not known");
        await Expect(page.GetByTestId("forecast-chart").Locator("svg")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("forecast-chart").Locator("svg path").First).ToBeAttachedAsync();
        await Expect(page.GetByTestId("forecast-basis")).ToContainTextAsync("A model, not a fact: fitted on");
        await page.Screenshot("accession-forecast");
    }

    [Fact]
    public async Task a_protocol_in_force_or_not_signed_shows_no_forecast()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var finland = await context.OpenLive("/accessions/FIN");
        await Expect(finland.GetByTestId("accession-header").Or(finland.Locator("h1"))).ToBeVisibleAsync();
        await Expect(finland.GetByTestId("forecast")).ToHaveCountAsync(0);
        var ukraine = await context.OpenLive("/accessions/UKR");
        await Expect(ukraine.Locator("h1")).ToBeVisibleAsync();
        await Expect(ukraine.GetByTestId("forecast")).ToHaveCountAsync(0);
    }
}
