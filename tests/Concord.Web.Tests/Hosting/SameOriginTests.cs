using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Concord.Domain;
using Concord.Features.Access;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Concord.Web.Tests.Hosting;

/// <summary>A signed-in browser's writes to the API are taken only from Concord's own pages; tokens are not affected.</summary>
public sealed class SameOriginTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A browser signed in as a secretariat account (the cookie, no token).</summary>
    private async Task<HttpClient> SignedInBrowser(string userName)
    {
        await TestAccounts.Ensure(factory.Services, new TestAccount(userName, Role.Secretariat, null, Marking.NatoSecret, TestAccounts.Password));
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var signedIn = await browser.SignIn(userName, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    private static async Task<HttpResponseMessage> Open(HttpClient client, string subject, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/decisions")
        {
            Content = new StringContent(ApiCalls.ToJson(new { subject }), Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await client.SendAsync(request, Ct);
    }

    [Theory]
    [InlineData("Origin", "https://attacker.example")]
    [InlineData("Origin", "null")]
    [InlineData("Origin", "http://localhost:8080")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Referer", "https://attacker.example/page.html")]
    public async Task a_signed_in_browsers_api_write_from_another_site_is_refused_with_403_and_changes_nothing(string header, string value)
    {
        var browser = await SignedInBrowser("cross-site-" + Math.Abs(StringComparer.Ordinal.GetHashCode(header + value)));

        var problem = await factory.Secretariat.AssertRefusedWithoutChange(
            () => Open(browser, "Planted from another site", (header, value)), HttpStatusCode.Forbidden);

        Assert.Contains("another site", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_text_plain_import_from_another_site_with_the_cookie_stores_nothing()
    {
        var browser = await SignedInBrowser("cross-site-importer");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assistance/imports/timeline")
        {
            Content = new StringContent("date,event\n2024-01-02,Planted\n", Encoding.UTF8, "text/plain"),
            Headers = { { "Origin", "https://attacker.example" } },
        };

        await factory.Secretariat.AssertRefusedWithoutChange(() => browser.SendAsync(request, Ct), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("Origin", "http://localhost")]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Referer", "http://localhost/decisions")]
    public async Task a_signed_in_browsers_api_write_from_concords_own_pages_is_taken(string header, string value)
    {
        var browser = await SignedInBrowser("same-site-" + header.ToLowerInvariant());

        using var response = await Open(browser, "Opened from Concord's own page " + header, (header, value));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task a_cookie_write_that_names_no_origin_at_all_is_taken_as_a_tool_sends_it()
    {
        var browser = await SignedInBrowser("tool-with-cookie");

        using var response = await Open(browser, "Opened by a tool holding the cookie");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task a_write_with_an_access_token_is_not_checked_for_its_origin()
    {
        using var response = await Open(factory.Secretariat, "Opened with a token from anywhere", ("Origin", "https://elsewhere.example"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task a_cross_site_write_to_another_spelling_of_an_api_path_is_refused_too()
    {
        var browser = await SignedInBrowser("cross-site-spelling");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/API/v1/decisions/")
        {
            Content = new StringContent(ApiCalls.ToJson(new { subject = "Planted through another spelling" }), Encoding.UTF8, "application/json"),
            Headers = { { "Origin", "https://attacker.example" } },
        };

        await factory.Secretariat.AssertRefusedWithoutChange(() => browser.SendAsync(request, Ct), HttpStatusCode.Forbidden);
    }
}
