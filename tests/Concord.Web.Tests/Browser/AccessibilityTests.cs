using Concord.Tests;
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
    public async Task a_delegation_s_dashboard_shows_its_to_act_list_without_serious_or_critical_accessibility_violations()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        await context.SignIn("delegation-deu");
        var page = await context.OpenLive("/");
        await Expect(page.GetByTestId("to-act")).ToContainTextAsync("To act for DEU");

        await AssertAccessible(page, "a11y-dashboard-to-act");
    }

    [Fact]
    public async Task the_decision_room_has_no_serious_or_critical_accessibility_violations()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        await context.SignIn("delegation-deu");
        var page = await context.OpenLive($"/decisions/{ApiCalls.UkraineInvitation}");
        await Expect(page.GetByTestId("outcome-sentence")).ToContainTextAsync("Blocked");

        await AssertAccessible(page, "a11y-decision-room");
    }

    [Fact]
    public async Task the_decision_room_with_the_secretariats_form_has_no_serious_or_critical_accessibility_violations()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        await context.SignIn("secretariat");
        var page = await context.OpenLive($"/decisions/{ApiCalls.UkraineInvitation}");
        await Expect(page.GetByTestId("secretariat-form")).ToBeVisibleAsync();

        await AssertAccessible(page, "a11y-decision-room-secretariat");
    }

    [Fact]
    public async Task the_sign_in_page_has_no_serious_or_critical_accessibility_violations()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("User name").FillAsync("nobody");
        await page.GetByLabel("Password").FillAsync("wrong password");
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("signin-error")).ToHaveTextAsync("Wrong user name or password.");

        await AssertAccessible(page, "a11y-sign-in");
    }

    [Fact]
    public async Task setting_up_an_authenticator_at_the_first_sign_in_has_no_serious_or_critical_accessibility_violations()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("User name").FillAsync("newcomer");
        await page.GetByLabel("Password").FillAsync(TestAccounts.Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        var key = (await page.GetByTestId("authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await AssertAccessible(page, "a11y-authenticator-set-up");

        await page.GetByTestId("signin-enrol-code").FillAsync(Totp.Code(key));
        await page.GetByTestId("signin-enrol-submit").ClickAsync();
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await AssertAccessible(page, "a11y-recovery-codes");
        await page.GetByTestId("signin-continue").ClickAsync();
        await Expect(page.GetByTestId("account-who")).ToContainTextAsync("newcomer");
    }

    [Fact]
    public async Task the_sign_in_page_is_usable_with_the_keyboard_alone()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/signin?ReturnUrl=%2Fdecisions");

        await page.GetByLabel("User name").FocusAsync();
        await page.Keyboard.TypeAsync("analyst");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(TestAccounts.Password);
        await page.Keyboard.PressAsync("Enter");
        // The analyst is cleared NATO SECRET: its authenticator code next, typed into the field the page gives the focus.
        await Expect(page.GetByTestId("signin-code")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(Totp.Code(TestAccounts.AuthenticatorKey));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/decisions$"));
        await Expect(page.GetByTestId("account-who")).ToContainTextAsync("analyst");
        await Expect(page.GetByTestId("sign-out")).ToBeVisibleAsync();
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

    [Theory]
    [InlineData("/assistance", "ledger-summary", "a11y-assistance-ledger")]
    [InlineData("/assistance/delays", "delays-summary", "a11y-assistance-delays")]
    [InlineData("/readiness", "expenditure-summary", "a11y-readiness")]
    [InlineData("/assistance/plan", "planner-form", "a11y-assistance-planner")]
    [InlineData("/search?q=Leopard", "search-results", "a11y-search")]
    public async Task the_assistance_pages_have_no_serious_or_critical_accessibility_violations(string path, string ready, string screenshot)
    {
        await TestLedger.Ensure(host);
        await using var context = await browser.NewContext(host.BaseUrl);
        await context.SignIn("analyst");
        var page = await context.OpenLive(path);
        await Expect(page.GetByTestId(ready)).ToBeVisibleAsync();

        await AssertAccessible(page, screenshot);
    }

    [Fact]
    public async Task the_forecast_calibration_page_has_no_serious_or_critical_accessibility_violations_once_its_backtest_is_in()
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        var page = await context.OpenLive("/forecasts/calibration");
        await Expect(page.GetByTestId("calibration-pit").Locator("svg path").First).ToBeAttachedAsync(new() { Timeout = 120_000 });

        await AssertAccessible(page, "a11y-forecast-calibration");
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
