using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concord.Web.Tests.Browser;

/// <summary>Writing from the decision room's form: what one reader records reaches another without a reload, and
/// a refused write says why in words. Each writer signs in through the sign-in page as its delegation first. Own host,
/// so its writes do not reach the reading tests.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RecordingPositionsTests(BrowserFixture browser, KestrelHost host) : IClassFixture<KestrelHost>
{
    /// <summary>The room of the open copy of the Washington question: the shipped decision concluded and takes no more positions.</summary>
    private const string Room = $"/decisions/{ApiCalls.OpenInvitation}";

    [Fact]
    public async Task a_position_recorded_in_one_browser_appears_in_another_without_reload()
    {
        await host.OpenInvitation();
        await using var writer = await browser.NewContext(host.BaseUrl);
        await using var reader = await browser.NewContext(host.BaseUrl);
        await writer.SignIn("delegation-deu");
        await reader.SignIn("analyst");
        var watching = await reader.OpenLive(Room);
        await Expect(watching.GetByTestId("outcome-sentence")).ToContainTextAsync("Germany");
        var navigations = 0;
        watching.FrameNavigated += (_, frame) => { if (frame == watching.MainFrame) navigations++; };
        // A flag on the window survives only if the page is never reloaded.
        await watching.EvaluateAsync("() => window.__sameDocument = true");

        var page = await writer.OpenLive(Room);
        await page.ChooseIn("record-member", "Germany (DEU)");
        await page.ChooseIn("record-kind", "Concurs");
        await page.GetByTestId("record-submit").ClickAsync();

        await Expect(page.GetByTestId("record-outcome")).ToContainTextAsync("Recorded: Germany concurs.");
        await page.Screenshot("record-position-writer");

        var sentence = watching.GetByTestId("outcome-sentence");
        await Expect(sentence).ToHaveTextAsync("Blocked, as reported: Hungary and Slovakia (reported as sceptical), the United States (reported).");
        var germany = watching.GetByTestId("positions-table").Locator("tbody tr")
            .Filter(new() { Has = watching.Locator(".ally-name").GetByText("Germany", new() { Exact = true }) });
        await Expect(germany).ToContainTextAsync("Concurs");
        Assert.Equal(0, navigations);
        Assert.True(await watching.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        await watching.Screenshot("record-position-second-browser");
    }

    [Fact]
    public async Task a_reservation_without_its_condition_is_refused_in_words()
    {
        await host.OpenInvitation();
        await using var context = await browser.NewContext(host.BaseUrl);
        await context.SignIn("delegation-hun");
        var page = await context.OpenLive(Room);

        await page.ChooseIn("record-member", "Hungary (HUN)");
        await page.ChooseIn("record-kind", "Reservation");
        await page.GetByTestId("record-submit").ClickAsync();

        var refusal = page.GetByTestId("record-outcome");
        await Expect(refusal).ToHaveAttributeAsync("role", "alert");
        await Expect(refusal).ToContainTextAsync("A reservation needs its condition: what must happen for it to be lifted.");
        await Expect(page.GetByTestId("outcome-sentence")).ToContainTextAsync("Hungary");
        await page.Screenshot("record-position-refused");
    }
}

public sealed partial class RecordingPositionsTests
{
    [Fact]
    public async Task a_visitor_sees_no_form_and_a_delegation_is_offered_only_its_own_state()
    {
        await host.OpenInvitation();
        await using var visitor = await browser.NewContext(host.BaseUrl);
        await using var germany = await browser.NewContext(host.BaseUrl);
        await germany.SignIn("delegation-deu");

        var anonymous = await visitor.OpenLive(Room);
        await Expect(anonymous.GetByTestId("outcome-sentence")).ToContainTextAsync("Blocked");
        await Expect(anonymous.GetByTestId("position-form")).ToHaveCountAsync(0);
        await Expect(anonymous.GetByTestId("secretariat-form")).ToHaveCountAsync(0);
        await Expect(anonymous.GetByTestId("sign-in")).ToBeVisibleAsync();

        var page = await germany.OpenLive(Room);
        await Expect(page.GetByTestId("position-form")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("secretariat-form")).ToHaveCountAsync(0);
        await page.GetByTestId("record-member").ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveTextAsync(["Germany (DEU)"]);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("account-who")).ToContainTextAsync("Delegation of DEU");
    }

    [Fact]
    public async Task the_secretariat_sees_its_own_form_and_no_position_form()
    {
        await host.OpenInvitation();
        await using var context = await browser.NewContext(host.BaseUrl);
        await context.SignIn("secretariat");

        var page = await context.OpenLive(Room);

        await Expect(page.GetByTestId("secretariat-form")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("position-form")).ToHaveCountAsync(0);
    }
}

internal static class MudSelects
{
    /// <summary>Opens the MudSelect marked <paramref name="testId"/> and picks the option with that text.</summary>
    public static async Task ChooseIn(this IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new($"^\\s*{System.Text.RegularExpressions.Regex.Escape(option)}\\s*$") });
        await item.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
