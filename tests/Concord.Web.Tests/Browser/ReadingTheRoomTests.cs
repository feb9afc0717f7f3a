using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concord.Web.Tests.Browser;

/// <summary>What a reader sees in the seeded store: the dashboard, the Ukraine decision room (concluded at Washington) now and in the past,
/// and Finland's accession tracker. Nothing here writes.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadingTheRoomTests(BrowserFixture browser, KestrelHost host) : IClassFixture<KestrelHost>
{
    private const string Room = $"/decisions/{ApiCalls.UkraineInvitation}";

    [Fact]
    public async Task the_dashboard_no_longer_lists_the_ukraine_invitation_as_open()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive("/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("No decision is open.")).ToBeVisibleAsync();
        await page.Screenshot("dashboard");
    }

    [Fact]
    public async Task the_ukraine_decision_room_says_it_lapsed_at_washington_and_who_blocked_it_as_reported()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive(Room);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Invite Ukraine to join the Alliance", Level = 1 })).ToBeVisibleAsync();
        var sentence = page.GetByTestId("outcome-sentence");
        await Expect(sentence).ToHaveTextAsync("Lapsed: closed without consensus on 2024-07-11. "
            + "Blocked, as reported: Germany and the United States (reported), Hungary and Slovakia (reported as sceptical).");
        await Expect(page.GetByTestId("what-it-would-take")).ToHaveTextAsync("Nothing can: the decision is closed.");
        // The recorded outcome's source is a registered id: a link to its record.
        await Expect(page.GetByTestId("conclusion-source").Locator("a.source-link[href='/sources/S34']")).ToContainTextAsync("S34 (3 documents)");
        // The tally says how the positions it counts are known: most are a third party's claim.
        var known = page.GetByTestId("tally-known");
        await Expect(known).ToHaveCountAsync(2);
        await Expect(known.First).ToHaveTextAsync("How known: claimed 28");
        await Expect(known.Last).ToHaveTextAsync("How known: reported 4");
        await page.Screenshot("decision-room-blockers");
    }

    [Fact]
    public async Task as_of_2024_04_05_the_ukraine_decision_room_shows_it_open_and_blocked_as_reported()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive(Room + "?asOf=2024-04-05");

        await Expect(page.GetByTestId("outcome-sentence"))
            .ToHaveTextAsync("Blocked, as reported: Germany and the United States (reported), Hungary and Slovakia (reported as sceptical).");
        await Expect(page.GetByTestId("what-it-would-take"))
            .ToContainTextAsync("Germany, Hungary, Slovakia and the United States would have to concur");
    }

    [Fact]
    public async Task moving_the_as_of_control_before_any_position_empties_the_room()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive(Room);
        await Expect(page.GetByTestId("outcome-sentence")).ToContainTextAsync("Blocked");

        var date = page.Locator("#asof-date");
        await date.FillAsync("2024-04-04");
        await date.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"[?&]asOf=2024-04-04\b"));
        await Expect(page.GetByTestId("asof-label")).ToContainTextAsync("2024-04-04");
        await Expect(page.GetByTestId("outcome-sentence")).ToHaveTextAsync("Pending: 32 Allies have still to act.");
        // The tally has one group only: all 32 Allies undeclared.
        var tally = page.GetByTestId("tally").Locator("li");
        await Expect(tally).ToHaveCountAsync(1);
        await Expect(tally).ToContainTextAsync("Undeclared");
        await Expect(tally.Locator("strong")).ToHaveTextAsync("32");
        var rows = page.GetByTestId("positions-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(32);
        await Expect(rows.Filter(new() { HasText = "Undeclared" })).ToHaveCountAsync(32);
        await page.Screenshot("decision-room-as-of-2024-04-04");
    }

    [Fact]
    public async Task finlands_tracker_reads_member_since_2023_04_04()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoLive("/accessions/FIN");
            await Expect(page.GetByTestId("member-since")).ToHaveTextAsync("Member since 2023-04-04");
            await Expect(page.GetByTestId("accession-summary")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("ratification-table")).ToBeVisibleAsync();
            // The timeline is drawn by ECharts in the browser: one bar per Party, the last ratifier labelled in words.
            var chart = page.GetByTestId("gantt").Locator("svg");
            await Expect(chart.Locator("text", new() { HasText = "Türkiye" })).ToHaveCountAsync(1);
            await Expect(chart.Locator("text", new() { HasText = "ratified 2023-03-30, deposited 2023-04-04" })).ToHaveCountAsync(1);
        }
        finally { await page.Screenshot("accession-tracker-finland"); }
    }
}
