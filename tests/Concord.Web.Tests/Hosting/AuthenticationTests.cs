using System.Net;
using System.Net.Http.Headers;
using Concord.Domain;
using Concord.Features;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Concord.Web.Tests.Hosting;

/// <summary>Who is calling: personal access tokens for the API, the sign-in page and its cookie for the browser, lockout.</summary>
public sealed class AuthenticationTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<TestAccount> Account(string userName, Role role = Role.Secretariat, string? nationality = null)
    {
        var account = new TestAccount(userName, role, nationality, Marking.NatoSecret, TestAccounts.Password);
        await TestAccounts.Ensure(factory.Services, account);
        return account;
    }

    /// <summary>Where a redirect sends the browser, resolved against the test host's own address.</summary>
    private static string Where(HttpResponseMessage response) => new Uri(new Uri("http://localhost/"), response.Headers.Location!).AbsoluteUri;

    private HttpClient WithToken(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task a_valid_token_writes_as_its_account_and_the_log_names_the_account()
    {
        await factory.Secretariat.OpenDecision("Written with a token");

        var events = await factory.Secretariat.AllEvents();
        Assert.Equal("secretariat", events[^1].GetProperty("recordedBy").GetString());
    }

    [Fact]
    public async Task an_expired_token_is_refused_with_401()
    {
        var user = await TestAccounts.Ensure(factory.Services, await Account("expired-token-holder"));
        var token = await TestAccounts.Token(factory.Services, user, factory.Clock.GetCurrentInstant() - Duration.FromMinutes(1));

        using var response = await WithToken(token).PostJson("/api/v1/decisions", new { subject = "Too late" });

        await response.AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_revoked_token_is_refused_with_401()
    {
        await Account("revoked-token-holder");
        await using var scope = factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var issued = (await accounts.IssueToken("revoked-token-holder", "laptop", 30, WriteContext.System, Ct)).Value!;
        using (var before = await WithToken(issued.Token).GetAsync("/api/v1/audit?limit=1", Ct))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        Assert.Null((await accounts.RevokeToken(issued.Prefix, WriteContext.System, Ct)).Refusal);
        using var response = await WithToken(issued.Token).GetAsync("/api/v1/audit?limit=1", Ct);

        await response.AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("concord_pat_abcdefghij_wrongsecret")]
    public async Task a_malformed_or_unknown_token_is_refused_with_401_even_where_visitors_may_read(string token)
    {
        using var response = await WithToken(token).GetAsync("/api/v1/members", Ct);

        await response.AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task signing_in_through_the_page_sets_an_http_only_strict_cookie_and_returns_to_the_local_page_asked_for()
    {
        var account = await Account("page-signer");
        var browser = Browser();

        using var response = await browser.SignIn(account.UserName, account.Password!, "/decisions");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/decisions", Where(response));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("concord.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        using var page = await browser.GetAsync("/", Ct);
        Assert.Contains("page-signer", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task signing_in_never_sends_the_browser_to_another_site(string returnUrl)
    {
        var account = await Account("careful-signer");

        using var response = await Browser().SignIn(account.UserName, account.Password!, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/", Where(response));
    }

    [Fact]
    public async Task a_wrong_password_is_refused_in_words_without_saying_which_part_was_wrong()
    {
        var account = await Account("forgetful-signer");

        using var wrongPassword = await Browser().SignIn(account.UserName, "not the password at all");
        using var noSuchUser = await Browser().SignIn("nobody-by-that-name", "not the password at all");

        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Equal("Wrong user name or password.", await wrongPassword.Error());
        Assert.Equal("Wrong user name or password.", await noSuchUser.Error());
    }

    [Fact]
    public async Task after_the_configured_three_failures_the_account_is_locked_even_for_the_right_password()
    {
        var account = await Account("locked-signer");
        var browser = Browser();

        using var first = await browser.SignIn(account.UserName, "wrong password one");
        using var second = await browser.SignIn(account.UserName, "wrong password two");
        using var third = await browser.SignIn(account.UserName, "wrong password three");
        using var right = await browser.SignIn(account.UserName, account.Password!);

        Assert.Equal("Wrong user name or password.", await first.Error());
        Assert.Equal("Wrong user name or password.", await second.Error());
        Assert.Equal("Wrong user name or password.", await third.Error());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("Wrong user name or password.", await right.Error());
        Assert.DoesNotContain(right.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("concord.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task a_locked_account_an_unknown_name_and_a_wrong_password_get_the_same_answer()
    {
        var account = await Account("probed-signer");
        var browser = Browser();
        for (var i = 0; i < 3; i++) (await browser.SignIn(account.UserName, "wrong password " + i)).Dispose();

        using var locked = await browser.SignIn(account.UserName, account.Password!);
        using var unknown = await Browser().SignIn("no-such-signer", account.Password!);
        using var wrong = await Browser().SignIn((await Account("other-signer")).UserName, "not it at all");

        var answers = new[] { await locked.Error(), await unknown.Error(), await wrong.Error() };
        Assert.All(answers, a => Assert.Equal("Wrong user name or password.", a));
        // The page says how lockout works to everyone, before any attempt, rather than to the holder of a locked name.
        Assert.Contains("failed attempts an account is locked", await locked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_sign_in_post_without_its_antiforgery_token_is_refused()
    {
        var account = await Account("forged-signer");
        var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["Input.UserName"] = account.UserName, ["Input.Password"] = account.Password!,
        });

        using var response = await Browser().PostAsync("/account/signin", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("concord.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task signing_out_is_a_post_with_its_antiforgery_token_and_ends_the_session()
    {
        var account = await Account("leaving-signer");
        var browser = Browser();
        using (var signedIn = await browser.SignIn(account.UserName, account.Password!)) Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        using var forged = await browser.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var home = await browser.GetAsync("/", Ct);
        var html = await home.Content.ReadAsStringAsync(Ct);
        Assert.Contains("leaving-signer", html, StringComparison.Ordinal);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"(?<v>[^\"]+)\"").Groups["v"].Value;
        using var signedOut = await browser.PostAsync("/account/signout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/", ["__RequestVerificationToken"] = token }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        using var after = await browser.GetAsync("/", Ct);
        Assert.DoesNotContain("leaving-signer", await after.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
