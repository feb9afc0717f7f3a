using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Concord.Features.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Concord.Web.Tests;

/// <summary>
/// An account the test host made: its user name, and its password when it signs in through the page. One with a password
/// cleared above NATO RESTRICTED has an authenticator enrolled with <see cref="TestAccounts.AuthenticatorKey"/> unless
/// <paramref name="Enrolled"/> is false (then it must set one up at its first sign-in).
/// </summary>
public sealed record TestAccount(string UserName, Role Role, string? Nationality, Marking Clearance, string? Password, bool Enrolled = true);

/// <summary>
/// Accounts and personal access tokens for the tests, written straight into the host's Identity store (not through the
/// accounts service), so that making them appends nothing to the event log a test counts.
/// </summary>
public static class TestAccounts
{
    /// <summary>The password of every account a test host opens for signing in through the page.</summary>
    public const string Password = "correct horse battery staple";

    /// <summary>The authenticator key (Base32) of every test account enrolled with one: the sign-in helpers compute its codes.</summary>
    public const string AuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    /// <summary>"secretariat", "delegation-deu", "candidatedelegation-ukr"…</summary>
    public static string UserName(Role role, string? nationality) =>
        (role.ToString() + (nationality is null ? "" : "-" + nationality)).ToLowerInvariant();

    /// <summary>The clearance a test account of <paramref name="role"/> gets unless told: secret for alliance staff,
    /// restricted for a candidate's delegation, none beyond public for an observer.</summary>
    public static Marking DefaultClearance(Role role) => role switch
    {
        Role.Observer => Marking.Public,
        Role.CandidateDelegation => Marking.NatoRestricted,
        _ => Marking.NatoSecret,
    };

    /// <summary>Opens the account unless it exists; with a password it can sign in through the page.</summary>
    public static async Task<ConcordUser> Ensure(IServiceProvider services, TestAccount account)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConcordUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (await users.FindByNameAsync(account.UserName) is { } existing) return existing;
        if (!await roles.RoleExistsAsync(account.Role.ToString())) Check(await roles.CreateAsync(new IdentityRole(account.Role.ToString())));
        var user = new ConcordUser
        {
            UserName = account.UserName, DisplayName = $"Test {account.Role}", Nationality = account.Nationality, Clearance = account.Clearance,
        };
        Check(account.Password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, account.Password));
        Check(await users.AddToRoleAsync(user, account.Role.ToString()));
        if (account.Password is not null && account.Enrolled && account.Clearance > Marking.NatoRestricted)
        {
            // As enrolment leaves it: the key in Identity's tokens, the second factor on.
            Check(await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", AuthenticatorKey));
            Check(await users.SetTwoFactorEnabledAsync(user, true));
        }
        return user;
    }

    /// <summary>A personal access token for the account, expiring at <paramref name="expires"/>; returns its whole text.</summary>
    public static async Task<string> Token(IServiceProvider services, ConcordUser user, Instant expires)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<IClock>().GetCurrentInstant();
        var (prefix, secret) = AccessTokenText.NewToken();
        db.AccessTokens.Add(new PersonalAccessToken
        {
            Id = Guid.NewGuid().ToString(), UserId = user.Id, Name = "test", Prefix = prefix, SecretHash = AccessTokenText.Hash(secret),
            Created = now, Expires = expires,
        });
        await db.SaveChangesAsync();
        return AccessTokenText.Format(prefix, secret);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}

/// <summary>HTTP clients that call the API as an account, with a bearer token; one per account and host, made on first use.</summary>
public sealed class AccountClients(Func<HttpClient> create, Func<IServiceProvider> services, Func<Instant> now)
{
    private readonly ConcurrentDictionary<(Role, string?), Lazy<Task<HttpClient>>> _clients = new();

    public HttpClient As(Role role, string? nationality = null) =>
        _clients.GetOrAdd((role, nationality?.ToUpperInvariant()), key => new Lazy<Task<HttpClient>>(() => Make(key.Item1, key.Item2)))
            .Value.GetAwaiter().GetResult();

    private async Task<HttpClient> Make(Role role, string? nationality)
    {
        var user = await TestAccounts.Ensure(services(),
            new TestAccount(TestAccounts.UserName(role, nationality), role, nationality, TestAccounts.DefaultClearance(role), null));
        var token = await TestAccounts.Token(services(), user, now() + Duration.FromDays(365));
        var client = create();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
