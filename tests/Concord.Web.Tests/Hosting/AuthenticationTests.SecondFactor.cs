using System.Net;
using Concord.Domain;
using Concord.Features;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Concord.Features.Storage;
using Concord.Tests;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Web.Tests.Hosting;

/// <summary>
/// Signing in through the real page as an account cleared above NATO RESTRICTED: its password, then its authenticator code
/// (or, the first time, the set-up of an authenticator) before any session; and what an administrator's reset and
/// revocation do to the sessions a browser holds.
/// </summary>
public sealed class AuthenticationSecondFactorTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<TestAccount> Account(string userName, Marking clearance = Marking.NatoSecret, bool enrolled = true)
    {
        var account = new TestAccount(userName, Role.Secretariat, null, clearance, TestAccounts.Password, enrolled);
        await TestAccounts.Ensure(factory.Services, account);
        return account;
    }

    private async Task<HttpClient> SignedIn(TestAccount account)
    {
        var browser = Browser();
        using var signedIn = await browser.SignIn(account.UserName, account.Password!);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    private static async Task<HttpStatusCode> Audit(HttpClient browser)
    {
        using var response = await browser.GetAsync("/api/v1/audit?limit=1", Ct);
        return response.StatusCode;
    }

    private static bool SetsSessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(Authentication.CookieName + "=", StringComparison.Ordinal)
            && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));

    private async Task<T> Accounts<T>(Func<AccountService, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AccountService>());
    }

    [Fact]
    public async Task a_secret_cleared_account_gets_no_session_without_an_authenticator_code()
    {
        var account = await Account("secret-signer");
        var browser = Browser();

        using var password = await browser.SignInWithPassword(account.UserName, account.Password!);
        var afterPassword = await Audit(browser);
        using var wrong = await browser.SubmitCode(password, Totp.WrongCode(TestAccounts.AuthenticatorKey));
        var afterWrong = await Audit(browser);
        using var right = await browser.SubmitCode(wrong, Totp.Code(TestAccounts.AuthenticatorKey));

        Assert.True(await password.AsksForCode());
        Assert.False(SetsSessionCookie(password));
        Assert.Equal(HttpStatusCode.Unauthorized, afterPassword);
        Assert.Equal("Wrong code.", await wrong.Error());
        Assert.False(SetsSessionCookie(wrong));
        Assert.Equal(HttpStatusCode.Unauthorized, afterWrong);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.True(SetsSessionCookie(right));
        Assert.Equal(HttpStatusCode.OK, await Audit(browser));
    }

    [Fact]
    public async Task a_code_without_the_password_step_before_it_signs_no_one_in()
    {
        var account = await Account("code-only-signer");
        var browser = Browser();
        using var password = await browser.SignInWithPassword(account.UserName, account.Password!);

        // Another browser replays the code form without having given the password.
        var stranger = Browser();
        using var form = await stranger.GetAsync("/account/signin", Ct);
        using var replayed = await stranger.SubmitCode(password, Totp.Code(TestAccounts.AuthenticatorKey));

        Assert.NotEqual(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.False(SetsSessionCookie(replayed));
        Assert.Equal(HttpStatusCode.Unauthorized, await Audit(stranger));
    }

    [Fact]
    public async Task a_wrong_authenticator_code_counts_toward_lockout()
    {
        var account = await Account("code-guesser");
        var browser = Browser();

        using var password = await browser.SignInWithPassword(account.UserName, account.Password!);
        using var first = await browser.SubmitCode(password, Totp.WrongCode(TestAccounts.AuthenticatorKey));
        using var second = await browser.SubmitCode(first, Totp.WrongCode(TestAccounts.AuthenticatorKey));
        using var third = await browser.SubmitCode(second, Totp.WrongCode(TestAccounts.AuthenticatorKey));
        using var rightCode = await browser.SubmitCode(third, Totp.Code(TestAccounts.AuthenticatorKey));
        using var rightPassword = await Browser().SignInWithPassword(account.UserName, account.Password!);

        Assert.Equal("Wrong code.", await rightCode.Error());
        Assert.False(SetsSessionCookie(rightCode));
        Assert.Equal(SignInRefused, await rightPassword.Error());
        Assert.False(await rightPassword.AsksForCode());
        Assert.True(await Accounts(async a => await a.IsLocked((await a.Find(account.UserName))!)));
    }

    private const string SignInRefused = "Wrong user name or password.";

    [Theory]
    [InlineData(Marking.NatoRestricted)]
    [InlineData(Marking.NatoUnclassified)]
    public async Task a_restricted_cleared_account_signs_in_with_its_password_alone(Marking clearance)
    {
        var account = await Account("password-only-" + (int)clearance, clearance);
        var browser = Browser();

        using var signedIn = await browser.SignInWithPassword(account.UserName, account.Password!);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.True(SetsSessionCookie(signedIn));
        Assert.Equal(HttpStatusCode.OK, await Audit(browser));
    }

    [Fact]
    public async Task a_secret_cleared_account_without_an_authenticator_sets_one_up_before_its_first_session_and_then_needs_it()
    {
        var account = await Account("first-time-signer", enrolled: false);
        var browser = Browser();

        using var password = await browser.SignInWithPassword(account.UserName, account.Password!, "/decisions");
        var key = await password.AuthenticatorKey();
        var beforeConfirming = await Audit(browser);
        using var wrong = await browser.SubmitEnrolment(password, Totp.WrongCode(key), "/decisions");
        using var confirmed = await browser.SubmitEnrolment(wrong, Totp.Code(key), "/decisions");
        var html = await confirmed.Content.ReadAsStringAsync(Ct);

        Assert.True(await password.AsksForEnrolment());
        Assert.False(SetsSessionCookie(password));
        Assert.Contains($"otpauth://totp/Concord:{account.UserName}?secret={key}&amp;issuer=Concord", (await password.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Matches("<img src=\"data:image/png;base64,[^\"]{100,}\"[^>]*data-testid=\"authenticator-qr\"", await password.Content.ReadAsStringAsync(Ct));
        Assert.True(password.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.Unauthorized, beforeConfirming);
        Assert.Equal("Wrong code.", await wrong.Error());
        Assert.Equal(key, await wrong.AuthenticatorKey()); // the same key until it is confirmed
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.True(SetsSessionCookie(confirmed));
        var recovery = System.Text.RegularExpressions.Regex.Matches(html, "<li><code>(?<c>[A-Z0-9]{5}-[A-Z0-9]{5})</code></li>").Select(m => m.Groups["c"].Value).ToList();
        Assert.Equal(AccountService.RecoveryCodeCount, recovery.Count);
        Assert.Contains("href=\"/decisions\"", html, StringComparison.Ordinal);
        Assert.True(confirmed.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.OK, await Audit(browser));

        // From then on the password alone is not enough; a recovery code stands in for the app once.
        var later = Browser();
        using var again = await later.SignInWithPassword(account.UserName, account.Password!);
        Assert.True(await again.AsksForCode());
        using var byRecovery = await later.SubmitCode(again, recovery[0]);
        Assert.Equal(HttpStatusCode.Redirect, byRecovery.StatusCode);
        var third = Browser();
        using var once = await third.SignInWithPassword(account.UserName, account.Password!);
        using var spent = await third.SubmitCode(once, recovery[0]);
        Assert.Equal("Wrong code.", await spent.Error());
    }

    [Fact]
    public async Task no_event_payload_holds_the_authenticator_key_or_a_recovery_code()
    {
        var account = await Account("key-keeper", enrolled: false);
        var browser = Browser();
        using var password = await browser.SignInWithPassword(account.UserName, account.Password!);
        var key = await password.AuthenticatorKey();
        using var confirmed = await browser.SubmitEnrolment(password, Totp.Code(key));
        var recovery = System.Text.RegularExpressions.Regex.Matches(await confirmed.Content.ReadAsStringAsync(Ct), "<li><code>(?<c>[A-Z0-9-]+)</code></li>")
            .Select(m => m.Groups["c"].Value).ToList();
        Assert.NotEmpty(recovery);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
        var payloads = await db.Events.Select(e => new { e.Name, e.Payload }).ToListAsync(Ct);

        Assert.Contains(payloads, e => e.Name == "AuthenticatorEnrolled" && e.Payload.Contains(account.UserName, StringComparison.Ordinal));
        foreach (var secret in recovery.Append(key).Append(key.ToLowerInvariant()))
            Assert.DoesNotContain(payloads, e => e.Payload.Contains(secret, StringComparison.OrdinalIgnoreCase));
        // The key is kept where Identity keeps it, and only there.
        Assert.True(await db.UserTokens.AnyAsync(t => t.Value == key, Ct));
    }

    [Fact]
    public async Task a_password_reset_by_an_administrator_ends_the_account_s_sessions()
    {
        var account = await Account("reset-signer");
        var browser = await SignedIn(account);
        Assert.Equal(HttpStatusCode.OK, await Audit(browser));
        const string fresh = "another long enough passphrase";

        Assert.Null((await Accounts(a => a.ResetPassword(account.UserName, fresh, WriteContext.System, Ct))).Refusal);

        Assert.Equal(HttpStatusCode.Unauthorized, await Audit(browser));
        using (var old = await Browser().SignIn(account.UserName, account.Password!)) Assert.Equal(SignInRefused, await old.Error());
        using (var renewed = await browser.SignIn(account.UserName, fresh)) Assert.Equal(HttpStatusCode.Redirect, renewed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await Audit(browser));
    }

    [Fact]
    public async Task a_revoked_session_is_refused_on_its_next_request()
    {
        var account = await Account("two-browser-signer");
        var laptop = await SignedIn(account);
        var desk = await SignedIn(account);
        var sessions = (await Accounts(a => a.ListSessions(account.UserName, Reader.System, Ct))).Value!;
        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s => Assert.Equal(sessions[0].UserName, s.UserName));

        // Which session is the laptop's: the one that was used last after a request from it alone.
        factory.Clock.Advance(NodaTime.Duration.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, await Audit(laptop));
        var laptopSession = (await Accounts(a => a.ListSessions(account.UserName, Reader.System, Ct))).Value!.MaxBy(s => s.LastSeen)!.Id;

        Assert.Null((await Accounts(a => a.RevokeSessions(account.UserName, laptopSession, WriteContext.System, Ct))).Refusal);

        Assert.Equal(HttpStatusCode.Unauthorized, await Audit(laptop));
        Assert.Equal(HttpStatusCode.OK, await Audit(desk));
    }

    [Fact]
    public async Task revoking_all_of_an_account_s_access_ends_its_sessions_and_refuses_its_tokens()
    {
        var account = await Account("everything-revoked");
        var browser = await SignedIn(account);
        var user = (await Accounts(a => a.Find(account.UserName)))!;
        var token = await TestAccounts.Token(factory.Services, user, factory.Clock.GetCurrentInstant() + NodaTime.Duration.FromDays(30));
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, await Audit(api));

        Assert.Null((await Accounts(a => a.RevokeSessions(account.UserName, null, WriteContext.System, Ct))).Refusal);

        Assert.Equal(HttpStatusCode.Unauthorized, await Audit(browser));
        Assert.Equal(HttpStatusCode.Unauthorized, await Audit(api));
    }

    [Fact]
    public async Task a_signed_out_session_s_cookie_is_refused_even_when_kept_and_sent_again()
    {
        var account = await Account("cookie-keeper");
        var browser = Browser();
        using var signedIn = await browser.SignIn(account.UserName, account.Password!);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(Authentication.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
        using var home = await browser.GetAsync("/", Ct);
        var antiforgery = System.Text.RegularExpressions.Regex.Match(await home.Content.ReadAsStringAsync(Ct),
            "name=\"__RequestVerificationToken\"[^>]*value=\"(?<v>[^\"]+)\"").Groups["v"].Value;
        using (var signedOut = await browser.PostAsync(Authentication.SignOutPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/", ["__RequestVerificationToken"] = antiforgery }), Ct))
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        var thief = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit?limit=1");
        request.Headers.Add("Cookie", cookie);
        using var replayed = await thief.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
    }

    [Fact]
    public async Task after_the_authenticator_is_reset_the_next_sign_in_sets_up_a_new_one()
    {
        var account = await Account("phone-lost");
        var browser = await SignedIn(account);

        Assert.Null((await Accounts(a => a.ResetAuthenticator(account.UserName, WriteContext.System, Ct))).Refusal);

        Assert.Equal(HttpStatusCode.Unauthorized, await Audit(browser));
        using var again = await Browser().SignInWithPassword(account.UserName, account.Password!);
        Assert.True(await again.AsksForEnrolment());
        Assert.NotEqual(TestAccounts.AuthenticatorKey, await again.AuthenticatorKey());
    }
}
