using System.Net;
using System.Security.Claims;
using Concord.Domain;
using Concord.Features;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Web.Tests.Hosting;

/// <summary>
/// A browser's session follows its account (<see cref="SessionValidator"/>, <see cref="CircuitSessions"/>): locking,
/// removing or changing the account ends the session on its next request, as it already refuses the account's tokens.
/// </summary>
public sealed class AuthenticationSessionTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Browser, TestAccount Account)> SignedIn(string userName, Role role = Role.Secretariat, string? nationality = null)
    {
        var account = new TestAccount(userName, role, nationality, Marking.NatoSecret, TestAccounts.Password);
        await TestAccounts.Ensure(factory.Services, account);
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var signedIn = await browser.SignIn(account.UserName, account.Password!);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (browser, account);
    }

    private async Task Change(Func<AccountService, Task<Result<AccountView>>> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Null((await change(scope.ServiceProvider.GetRequiredService<AccountService>())).Refusal);
    }

    private static async Task<HttpStatusCode> Audit(HttpClient browser)
    {
        using var response = await browser.GetAsync("/api/v1/audit?limit=1", Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task a_locked_account_s_cookie_is_refused_on_its_next_request()
    {
        var (browser, account) = await SignedIn("cookie-then-locked");
        Assert.Equal(HttpStatusCode.OK, await Audit(browser));

        await Change(a => a.Lock(account.UserName, WriteContext.System, Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, await Audit(browser));
    }

    [Fact]
    public async Task a_removed_account_s_cookie_is_refused_on_its_next_request()
    {
        var (browser, account) = await SignedIn("cookie-then-removed");
        Assert.Equal(HttpStatusCode.OK, await Audit(browser));

        await Change(a => a.Remove(account.UserName, WriteContext.System, Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, await Audit(browser));
    }

    [Fact]
    public async Task a_demoted_account_s_cookie_loses_its_old_rights_on_its_next_request_and_signs_in_again_with_the_new_ones()
    {
        var (browser, account) = await SignedIn("cookie-then-demoted");
        Assert.Equal(HttpStatusCode.OK, await Audit(browser));

        await Change(a => a.SetRoles(account.UserName, ["Observer"], WriteContext.System, Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, await Audit(browser));
        using (var again = await browser.SignIn(account.UserName, account.Password!)) Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await Audit(browser));
    }

    [Fact]
    public async Task a_locked_delegation_s_cookie_records_no_position()
    {
        var decision = (await factory.Secretariat.OpenDecision("Written after a lock")).GetProperty("id").GetString();
        var (browser, account) = await SignedIn("delegation-then-locked", Role.Delegation, "DEU");
        var before = (await factory.Secretariat.AllEvents()).Count;

        await Change(a => a.Lock(account.UserName, WriteContext.System, Ct));
        using var response = await browser.PostJson($"/api/v1/decisions/{decision}/positions", new { member = "DEU", kind = "concur" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before + 1, (await factory.Secretariat.AllEvents()).Count); // the lock's own event, nothing else
    }

    [Fact]
    public async Task an_open_page_reads_as_a_visitor_from_the_moment_its_account_is_locked()
    {
        var account = new TestAccount("circuit-then-locked", Role.Secretariat, null, Marking.NatoSecret, TestAccounts.Password);
        var user = await TestAccounts.Ensure(factory.Services, account);
        await using var circuit = factory.Services.CreateAsyncScope();
        var principal = await circuit.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ConcordUser>>().CreateAsync(user);
        // As the sign-in page leaves it: a session the server knows, named in the principal.
        var session = await circuit.ServiceProvider.GetRequiredService<AccountService>().StartSession(user, null, null, Ct);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(Authentication.SessionClaim, session));
        var provider = Assert.IsType<CircuitSessions>(circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        Assert.Equal(account.UserName, (await provider.GetAuthenticationStateAsync()).User.Identity?.Name);
        var changed = 0;
        provider.AuthenticationStateChanged += _ => changed++;

        await Change(a => a.Lock(account.UserName, WriteContext.System, Ct));

        var state = await provider.GetAuthenticationStateAsync();
        Assert.False(state.User.Identity?.IsAuthenticated);
        Assert.Null(state.User.FindFirst(ClaimTypes.Name));
        Assert.Equal(1, changed);
    }
}
