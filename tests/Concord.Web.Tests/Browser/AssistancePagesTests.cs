using Concord.Features;
using Concord.Features.Assistance;
using Concord.Features.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concord.Web.Tests.Browser;

/// <summary>
/// The assistance and readiness pages in the browser over the seeded store (the 2024 defence-expenditure pack, the
/// example floors and stocks, the US supplemental timeline) plus a small ledger recorded here (<see cref="TestLedger"/>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AssistancePagesTests(BrowserFixture browser, KestrelHost host) : IClassFixture<KestrelHost>
{
    [Fact]
    public async Task the_ledger_shows_the_shipped_pledges_with_their_delays_as_bounds_and_the_chart_of_real_pledges()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive("/assistance");

        var rows = page.GetByTestId("pledges-table").Locator("tbody tr");
        await Expect(rows.Nth(46)).ToBeVisibleAsync();
        // Germany's Leopard 2A6: 14 announced on 2023-01-25, amended to 18, confirmed delivered by 2023-03-27.
        var leopards = rows.Filter(new() { HasText = "DEU" }).Filter(new() { HasText = "2023-01-25" });
        await Expect(leopards).ToContainTextAsync("18 of 18 tanks delivered");
        await Expect(leopards).ToContainTextAsync("Delivered (on or before 2023-03-27)");
        await Expect(leopards).ToContainTextAsync("at most 61 days from the announcement");
        // Deliveries of a size no source stated are said, and the totals they leave out are given as bounds.
        await Expect(page.GetByTestId("ledger-unstated")).ToContainTextAsync("in a number no source stated");
        await Expect(page.GetByTestId("funding-events")).ToContainTextAsync("2024-04-24");
        var chart = page.GetByTestId("ledger-chart").Locator("svg");
        await Expect(chart).ToHaveCountAsync(1);
        await Expect(chart.Locator("text", new() { HasText = "Pledged (cumulative)" })).ToHaveCountAsync(1);
        await page.Screenshot("assistance-ledger");
    }

    [Fact]
    public async Task the_delays_page_gives_each_donors_days_to_first_delivery_with_counts()
    {
        await TestLedger.Ensure(host);
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive("/assistance/delays");

        // Over the shipped pledges (confirmations: upper bounds) and this ledger's two German ones (132 and 212 days).
        var summary = page.GetByTestId("delays-summary");
        await Expect(summary).ToContainTextAsync("As of 2025-09-15, at most (deliveries are dated by their first public confirmation, an upper bound on arrival)");
        await Expect(summary).ToContainTextAsync("DEU, 9 pledges, median at most 83 days (from 46 to 212)");
        await Expect(page.GetByTestId("delays-chart").Locator("svg text", new() { HasText = "DEU (n=9)" })).ToHaveCountAsync(1);
        // The shells were promised by 2023-06-30 and arrived 2023-09-01: 63 days late.
        await Expect(page.GetByTestId("late-table")).ToContainTextAsync("DEU-test-shells-2023-02");
        await Expect(page.GetByTestId("late-table")).ToContainTextAsync("63");
        await page.Screenshot("assistance-delays");
    }

    [Fact]
    public async Task the_readiness_page_shows_the_2024_expenditure_of_all_32_allies_with_sources()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive("/readiness");

        var rows = page.GetByTestId("expenditure-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(32);
        await Expect(page.GetByTestId("expenditure-summary")).ToContainTextAsync("32 Allies: 23 at or above 2% of GDP");
        var albania = rows.Filter(new() { HasText = "Albania" });
        await Expect(albania).ToContainTextAsync("2.03%");
        await Expect(albania).ToContainTextAsync("Meets 2%");
        await Expect(albania).ToContainTextAsync("Defence Expenditure of NATO Countries (2014-2024)");
        // The long citations are folded so the figures stay readable, and open on demand.
        var sources = albania.Locator("details.readiness-sources");
        await Expect(sources.Locator("summary")).ToHaveTextAsync("Estimate and revised figure: sources");
        await Expect(sources.Locator(".readiness-sources-text")).Not.ToBeVisibleAsync();
        await sources.Locator("summary").ClickAsync();
        await Expect(sources.Locator(".readiness-sources-text")).ToBeVisibleAsync();
        // Each document a link to its record, the equipment share's own among them.
        await Expect(sources.Locator("a[href='/sources/icds-2024-07-03-defence-spending']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("example-notice")).ToContainTextAsync("EXAMPLE");
        await Expect(page.GetByTestId("readiness-gauges").Locator("svg text", new() { HasText = "floor" }).First).ToBeVisibleAsync();
        await page.Screenshot("readiness");
    }

    [Fact]
    public async Task the_planner_proposes_for_a_signed_in_account()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        await context.SignIn("analyst");
        var page = await context.OpenLive("/assistance/plan");

        await page.GetByLabel("Quantity 1").FillAsync("2");
        await page.GetByTestId("plan-submit").ClickAsync();

        await Expect(page.GetByTestId("plan-summary")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("plan-result")).ToContainTextAsync("Solver");
        await page.Screenshot("assistance-planner");
    }

    [Fact]
    public async Task the_planner_asks_an_anonymous_visitor_to_sign_in()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive("/assistance/plan");

        await Expect(page.GetByTestId("planner-sign-in")).ToContainTextAsync("Sign in");
        await Expect(page.GetByTestId("plan-submit")).ToHaveCountAsync(0);
    }
}

/// <summary>A small ledger recorded through the use cases: two German pledges in EUR and one American in USD.</summary>
public static class TestLedger
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task Ensure(KestrelHost host)
    {
        await Gate.WaitAsync();
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
            var clock = scope.ServiceProvider.GetRequiredService<NodaTime.IClock>();
            var who = new WriteContext("browser-tests");
            var ct = CancellationToken.None;
            if ((await GetPledge.Handle(db, clock, "DEU-test-iris-2022-06", null, ct)).Value is not null) return;

            Check(await AnnouncePledge.Handle(db, clock, new AnnounceRequest("DEU-test-iris-2022-06", "DEU", "UKR", "2022-06-01", "AirDefence",
                [new ItemRequest("IRIS-T SLM", 4, "systems")], new MoneyRequest(400_000_000, "EUR", "2022-06-01", "Stated"), null, "test source", "Reported"), who, ct));
            Check(await DeliverPledge.Handle(db, clock, "DEU-test-iris-2022-06", new DeliveryRequest("2022-10-11",
                [new ItemRequest("IRIS-T SLM", 1, "systems")], new MoneyRequest(100_000_000, "EUR", "2022-10-11", "Stated"), "test source", "Reported"), who, ct));
            Check(await AnnouncePledge.Handle(db, clock, new AnnounceRequest("DEU-test-shells-2023-02", "DEU", "UKR", "2023-02-01", "Ammunition155mm",
                [new ItemRequest("155 mm shells", 50_000, "rounds")], new MoneyRequest(200_000_000, "EUR", "2023-02-01", "Estimated"), "2023-06-30", "test source", "Estimated"), who, ct));
            Check(await DeliverPledge.Handle(db, clock, "DEU-test-shells-2023-02", new DeliveryRequest("2023-09-01",
                [new ItemRequest("155 mm shells", 50_000, "rounds")], new MoneyRequest(200_000_000, "EUR", "2023-09-01", "Estimated"), "test source", "Estimated"), who, ct));
            Check(await AnnouncePledge.Handle(db, clock, new AnnounceRequest("USA-test-himars-2023-12", "USA", "UKR", "2023-12-20", "Artillery",
                [new ItemRequest("HIMARS", 3, "systems")], new MoneyRequest(300_000_000, "USD", "2023-12-20", "Stated"), null, "test source", "Reported"), who, ct));
            Check(await DeliverPledge.Handle(db, clock, "USA-test-himars-2023-12", new DeliveryRequest("2024-05-10",
                [new ItemRequest("HIMARS", 3, "systems")], new MoneyRequest(300_000_000, "USD", "2024-05-10", "Stated"), "test source", "Reported"), who, ct));
        }
        finally { Gate.Release(); }
    }

    private static void Check<T>(Result<T> result)
    {
        if (result.Refusal is { } refusal) throw new InvalidOperationException($"The test ledger did not record: {refusal.Reason}");
    }
}
