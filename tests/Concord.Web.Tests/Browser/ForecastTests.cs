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
    public async Task the_reader_chooses_the_forecasts_horizon_and_one_before_the_day_shown_is_refused_in_words()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive("/accessions/FIN?asOf=2022-10-01");

        await page.Locator("#forecast-by").FillAsync("2023-04-04");

        await Expect(page.GetByTestId("forecast-summary")).ToContainTextAsync("Entry into force by 2023-04-04 (the date asked)");
        await Expect(page.GetByTestId("forecast-summary")).ToContainTextAsync("Membership by 2023-04-04");
        Assert.Contains("by=2023-04-04", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("forecast-by-default")).ToBeVisibleAsync();
        await page.Screenshot("accession-forecast-chosen-horizon");

        var refused = await context.OpenLive("/accessions/FIN?asOf=2022-10-01&by=2022-09-01");
        await Expect(refused.GetByTestId("forecast-refused")).ToContainTextAsync("'by' (2022-09-01) is before 'asOf' (2022-10-01)");
        await Expect(refused.GetByTestId("forecast")).ToHaveCountAsync(0);
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

    [Fact]
    public async Task the_calibration_page_computes_the_backtest_off_the_request_then_shows_its_scores_with_the_reliability_diagram_and_the_pit_histogram_drawn()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive("/forecasts/calibration");

        var scores = page.GetByTestId("calibration-scores");
        await Expect(scores).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Expect(scores.Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(scores.Locator("tbody tr").Nth(0)).ToContainTextAsync("Model");
        await Expect(scores.Locator("tbody tr").Nth(1)).ToContainTextAsync("Alliance-wide");
        await Expect(scores.Locator("tbody tr").Nth(2)).ToContainTextAsync("Ally's own median");
        await Expect(page.GetByTestId("calibration-summary")).ToContainTextAsync("origins every 90 days");
        await Expect(page.GetByTestId("calibration-summary")).ToContainTextAsync("15 accessions");
        await Expect(page.GetByTestId("calibration-method")).ToContainTextAsync("A model's backtest, not a fact.");
        foreach (var chart in new[] { "calibration-reliability", "calibration-pit" })
        {
            await Expect(page.GetByTestId(chart).Locator("svg")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId(chart).Locator("svg path").First).ToBeAttachedAsync();
        }
        await page.Screenshot("forecast-calibration");
    }
}
