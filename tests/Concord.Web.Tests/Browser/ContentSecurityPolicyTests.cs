using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concord.Web.Tests.Browser;

/// <summary>The pages work under their Content-Security-Policy: the browser reports no violation on any of them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser, KestrelHost host) : IClassFixture<KestrelHost>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/decisions/invite-ukraine-washington-2024")]
    [InlineData("/accessions/FIN")]
    [InlineData("/account/signin")]
    [InlineData("/scalar")]
    [InlineData("/forecasts/calibration")]
    public async Task the_page_runs_without_a_content_security_policy_violation(string path)
    {
        await using var context = await browser.NewContext(host.BaseUrl);
        await context.SignIn("secretariat");
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) violations.Add(message.Text); };
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI));");

        await page.GotoAsync(path);
        if (path.StartsWith("/accessions", StringComparison.Ordinal)) await Expect(page.GetByTestId("gantt").Locator("svg")).ToBeVisibleAsync();
        else if (path == "/scalar") await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        else if (path == "/forecasts/calibration") await Expect(page.GetByTestId("calibration-pit").Locator("svg")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        else if (path != "/account/signin") await Pages.WaitLive(page);
        await page.Screenshot("csp" + path.Replace('/', '-'));

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }
}
