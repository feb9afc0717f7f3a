using Concord.Tests;
using Microsoft.Playwright;

namespace Concord.Web.Tests.Browser;

/// <summary>Helpers shared by the browser tests: open a page once its Blazor circuit is live, save screenshots.</summary>
public static class Pages
{
    /// <summary>Opens <paramref name="path"/> and waits until the layout's live indicator says "Live": the circuit is
    /// connected and the page interactive, so a click is no longer lost.</summary>
    public static async Task<IPage> OpenLive(this IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoLive(path);
        return page;
    }

    public static async Task GotoLive(this IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        if (response is { Ok: false })
            Assert.Fail($"GET {path} answered {response.Status} {response.StatusText}: the page is not there.");
        await WaitLive(page);
    }

    public static async Task WaitLive(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await Assertions.Expect(page.Locator(".live-indicator")).ToContainTextAsync("Live");
    }

    /// <summary>
    /// Signs the context in as <paramref name="userName"/> through the real sign-in page (a form post with its
    /// antiforgery token), with the authenticator code when asked; the cookie then serves every page the context opens.
    /// </summary>
    public static async Task SignIn(this IBrowserContext context, string userName, string password = TestAccounts.Password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByTestId("signin-submit").ClickAsync();
        // An account cleared above NATO RESTRICTED is asked for its authenticator code next (the test accounts' key).
        var code = page.GetByTestId("signin-code");
        await Assertions.Expect(code.Or(page.GetByTestId("account-who"))).ToBeVisibleAsync();
        if (await code.IsVisibleAsync())
        {
            await code.FillAsync(Totp.Code(TestAccounts.AuthenticatorKey));
            await page.GetByTestId("signin-code-submit").ClickAsync();
        }
        await Assertions.Expect(page.GetByTestId("account-who")).ToContainTextAsync(userName);
        await page.CloseAsync();
    }

    /// <summary>Saves a full-page screenshot as screenshots/<paramref name="name"/>.png under the test output folder.</summary>
    public static async Task<string> Screenshot(this IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {path}");
        return path;
    }
}
