using Concord.Features.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Features.Accounts;

/// <summary>Registers accounts (ASP.NET Core Identity over the Concord store) and the <see cref="AccountService"/>.</summary>
public static class AccountsServices
{
    /// <summary>
    /// Identity's core (users, roles, the password hasher, lockout) on <see cref="ConcordDbContext"/>, configured from
    /// <c>Concord:Accounts</c>. No sign-in manager and no cookies: the web host adds those on the builder returned.
    /// </summary>
    public static IdentityBuilder AddConcordAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Concord:Accounts").Get<AccountsOptions>() ?? new AccountsOptions();
        services.AddSingleton(options);
        services.AddScoped<AccountService>();
        return services
            .AddIdentityCore<ConcordUser>(identity => Configure(identity, options))
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ConcordDbContext>()
            // The authenticator app's codes (RFC 6238), the second factor of an account cleared above NATO RESTRICTED.
            .AddTokenProvider<AuthenticatorTokenProvider<ConcordUser>>(TokenOptions.DefaultAuthenticatorProvider);
    }

    /// <summary>Lockout on for every new account; passwords of at least twelve characters, with no rule on character classes.</summary>
    public static void Configure(IdentityOptions identity, AccountsOptions options)
    {
        identity.Lockout.AllowedForNewUsers = true;
        identity.Lockout.MaxFailedAccessAttempts = options.MaxFailedAttempts;
        identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(options.LockoutMinutes);
        identity.Password.RequiredLength = AccountsOptions.MinPasswordLength;
        identity.Password.RequireDigit = false;
        identity.Password.RequireLowercase = false;
        identity.Password.RequireUppercase = false;
        identity.Password.RequireNonAlphanumeric = false;
        identity.Password.RequiredUniqueChars = 1;
        identity.User.RequireUniqueEmail = false;
    }
}
