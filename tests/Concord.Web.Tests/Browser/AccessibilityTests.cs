using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concord.Web.Tests.Browser;

/// <summary>axe-core (Deque.AxeCore.Playwright) on the main pages, once they are interactive: no serious or critical
/// violation. A failure lists each violation's rule, impact and the selectors of the nodes at fault.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, KestrelHost host) : IClassFixture<KestrelHost>
{
    [Fact]
    public async Task the_dashboard_has_no_serious_or_critical_accessibility_violations()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive("/");
        await Expect(page.GetByText("Invite Ukraine to join the Alliance").First).ToBeVisibleAsync();

        await AssertAccessible(page, "a11y-dashboard");
    }

    [Fact]
    public async Task the_decision_room_has_no_serious_or_critical_accessibility_violations()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive($"/decisions/{ApiCalls.UkraineInvitation}");
        await Expect(page.GetByTestId("outcome-sentence")).ToContainTextAsync("Blocked");

        await AssertAccessible(page, "a11y-decision-room");
    }

    [Fact]
    public async Task the_accession_tracker_has_no_serious_or_critical_accessibility_violations()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoLive("/accessions/FIN");
            await Expect(page.GetByTestId("member-since")).ToBeVisibleAsync();
        }
        catch
        {
            await page.Screenshot("a11y-accession-tracker");
            throw;
        }

        await AssertAccessible(page, "a11y-accession-tracker");
    }

    private static async Task AssertAccessible(IPage page, string screenshot)
    {
        await page.Screenshot(screenshot);
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        var report = Describe(page.Url, serious);
        TestContext.Current.TestOutputHelper?.WriteLine(Describe(page.Url, results.Violations));
        Assert.True(serious.Count == 0, report);
    }

    private static string Describe(string url, IEnumerable<AxeResultItem> violations) =>
        string.Join(Environment.NewLine, violations.Select(v =>
            $"axe {v.Id} ({v.Impact}) on {url}: {v.Help}{Environment.NewLine}"
            + string.Join(Environment.NewLine, v.Nodes.Select(n => $"    {n.Target} — {Messages(n)}"))))
        is { Length: > 0 } text ? text : $"no axe violations on {url}";

    private static string Messages(AxeResultNode node) =>
        string.Join("; ", new[] { node.Any, node.All, node.None }.Where(c => c is not null).SelectMany(c => c!).Select(c => c.Message).Distinct())
        + $" [{node.Html}]";
}
