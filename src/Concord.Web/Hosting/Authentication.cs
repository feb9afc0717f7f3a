using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Concord.Features.Accounts;
using Concord.Features.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Concord.Web.Hosting;

/// <summary>
/// Who is calling: a personal access token (<c>Authorization: Bearer concord_pat_…</c>) for the API and the CLI, the
/// Identity application cookie for the browser. One policy scheme picks between them per request; both produce the
/// same claims (<see cref="ReaderClaims"/>), so both read as the same <see cref="Features.Access.Reader"/>.
/// </summary>
public static class Authentication
{
    /// <summary>The default scheme: forwards to <see cref="TokenScheme"/> or to the Identity cookie.</summary>
    public const string Scheme = "Concord";
    public const string TokenScheme = "AccessToken";
    public const string SignInPath = "/account/signin";
    public const string SignOutPath = "/account/signout";
    /// <summary>The browser's sign-in cookie (a long one is split into chunks; this one always names them).</summary>
    public const string CookieName = "concord.auth";

    /// <summary>True when the request carries an Authorization header or the sign-in cookie: only then is there anyone to authenticate.</summary>
    public static bool CarriesCredentials(HttpContext http) =>
        http.Request.Headers.ContainsKey(HeaderNames.Authorization) || http.Request.Cookies.ContainsKey(CookieName);

    public static IServiceCollection AddConcordAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebOptions>(configuration.GetSection("Concord"));
        // Identity's core and the accounts service come with AddConcord (AddConcordAccounts); the browser adds sign-in.
        new IdentityBuilder(typeof(ConcordUser), typeof(IdentityRole), services).AddSignInManager();
        // After the accounts' own registration, so the claims carry nationality and clearance as well as name and roles.
        services.AddScoped<IUserClaimsPrincipalFactory<ConcordUser>, ConcordClaimsFactory>();
        // A session follows its account: every request with the cookie checks that the account still exists, is not
        // locked and has not changed since sign-in (its security stamp), and reads its rights afresh. One read by key per
        // request, against rights that would otherwise outlive a lock or a demotion for the validator's default 30 minutes.
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, SessionValidator>());
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            o.OnRefreshingPrincipal = KeepSession;
        });
        // The same check for an open Blazor circuit, which has no requests: whenever a page asks who is signed in, and
        // every half minute for a circuit left open (then the page falls back to what a visitor sees).
        services.AddScoped<AuthenticationStateProvider, CircuitSessions>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(Scheme, "Access token or cookie", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.FirstOrDefault() is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TokenScheme : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(TokenScheme, "Personal access token", null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(Math.Max(1, configuration.GetSection("Concord:Accounts").Get<AccountsOptions>()?.SessionHours ?? 8));
            o.LoginPath = SignInPath;
            o.LogoutPath = SignOutPath;
            o.AccessDeniedPath = SignInPath;
            o.ReturnUrlParameter = "ReturnUrl";
            // The API never redirects: it answers 401 or 403 as ProblemDetails.
            o.Events.OnRedirectToLogin = c => ApiOr(c, 401, "Sign in first.", "This needs an account: sign in, or send an access token (Authorization: Bearer).");
            o.Events.OnRedirectToAccessDenied = c => ApiOr(c, 403, "Not allowed for this account.", "This account does not hold the permission this needs.");
            // Signing in on the sign-in page goes to its ReturnUrl at once, unless the page has something to show first
            // (the recovery codes of an authenticator just enrolled; the page links on to the ReturnUrl).
            o.Events.OnRedirectToReturnUrl = c =>
            {
                if (!c.HttpContext.Items.ContainsKey(StayOnPage)) c.Response.Redirect(c.RedirectUri);
                return Task.CompletedTask;
            };
        });

        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ApiAuthorizationResults>();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddTransient<IStartupFilter, EndpointGuard>();
        return services;
    }

    private static Task ApiOr(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status, string title, string detail)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        if (status == 401) context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext, ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    /// <summary>The claim naming the browser session a cookie belongs to (<see cref="AccountService.StartSession"/>).</summary>
    public const string SessionClaim = "concord:session";

    /// <summary>How the session was signed in: "pwd" (password alone) or "mfa" (password and authenticator).</summary>
    public const string MethodClaim = "amr";

    /// <summary>
    /// Begins a browser session for an account that has given all it must (its password, and its authenticator code when
    /// it needs one): the session is recorded on the server and the cookie carries its id, so that it can be listed and
    /// revoked. Ends the half-done sign-in (<see cref="IdentityConstants.TwoFactorUserIdScheme"/>) if there was one.
    /// </summary>
    public static async Task SignInSession(SignInManager<ConcordUser> signIn, AccountService accounts, ConcordUser user, bool secondFactor, bool stayOnPage = false)
    {
        var http = signIn.Context;
        if (stayOnPage) http.Items[StayOnPage] = true;
        var session = await accounts.StartSession(user, http.Request.Headers.UserAgent.ToString(), http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        await http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
            [new Claim(SessionClaim, session), new Claim(MethodClaim, secondFactor ? "mfa" : "pwd")]);
    }

    /// <summary>
    /// Remembers, for five minutes (Identity's two-factor cookie), which account gave the right password and still owes
    /// its authenticator code: its id and security stamp, so that a change to the account in between voids the step.
    /// </summary>
    public static Task BeginSecondStep(HttpContext http, ConcordUser user) =>
        http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Id), new Claim(PendingStampClaim, user.SecurityStamp ?? "")], IdentityConstants.TwoFactorUserIdScheme)));

    /// <summary>The account half signed in by <see cref="BeginSecondStep"/>, while it is unchanged, or null.</summary>
    public static async Task<ConcordUser?> SecondStepAccount(HttpContext http, UserManager<ConcordUser> users)
    {
        var pending = await http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (pending.Principal?.FindFirstValue(ClaimTypes.Name) is not { Length: > 0 } id) return null;
        var user = await users.FindByIdAsync(id);
        return user is not null && string.Equals(user.SecurityStamp, pending.Principal.FindFirstValue(PendingStampClaim), StringComparison.Ordinal) ? user : null;
    }

    private const string PendingStampClaim = "concord:pending-stamp";

    private static readonly object StayOnPage = new();

    /// <summary>The validator makes a fresh principal from the account on every request: the session's id and how it was signed in carry over.</summary>
    private static Task KeepSession(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity fresh && context.CurrentPrincipal is { } current)
            foreach (var claim in current.FindAll(c => c.Type is SessionClaim or MethodClaim))
                if (!fresh.HasClaim(claim.Type, claim.Value)) fresh.AddClaim(new Claim(claim.Type, claim.Value));
        return Task.CompletedTask;
    }

    /// <summary>True for a local path only ("/decisions/x"), never another host ("//evil.example", "/\evil", "https://…").</summary>
    public static bool IsLocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains("\\", StringComparison.Ordinal) && !url.Any(char.IsControl);
}

/// <summary>The claims of an account: name and roles (Identity), and Concord's nationality and clearance.</summary>
public sealed class ConcordClaimsFactory(UserManager<ConcordUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ConcordUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ConcordUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.Nationality)) identity.AddClaim(new Claim(ReaderClaims.Nationality, user.Nationality));
        identity.AddClaim(new Claim(ReaderClaims.Clearance, ((int)user.Clearance).ToString(CultureInfo.InvariantCulture)));
        if (!string.IsNullOrWhiteSpace(user.DisplayName)) identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        return identity;
    }

    /// <summary>The account's display name, shown beside its user name.</summary>
    public const string DisplayNameClaim = "concord:display-name";
}

/// <summary>
/// <c>Authorization: Bearer concord_pat_&lt;prefix&gt;_&lt;secret&gt;</c>: a personal access token, checked by the
/// accounts service (known, not expired, not revoked, its account not locked out), gives the account's principal.
/// </summary>
public sealed class AccessTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (token.Length is 0 or > 512) return AuthenticateResult.Fail("The access token is malformed.");
        var holder = await Context.RequestServices.GetRequiredService<AccountService>().ValidateToken(token, Context.RequestAborted);
        if (holder is null) return AuthenticateResult.Fail("The access token is unknown, expired or revoked, or its account is locked.");
        // The account's id and security stamp, as the cookie carries them: idempotency keys belong to the account's id,
        // and a kept answer is replayed only while the stamp (the account's rights) is unchanged.
        var identity = new ClaimsIdentity(holder.Reader.ToClaims().Append(new Claim(ClaimTypes.NameIdentifier, holder.User.Id))
            .Append(new Claim(Context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType,
                holder.User.SecurityStamp ?? "")), Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}

/// <summary>
/// Identity's cookie validator, also refusing a locked account (Identity checks only the security stamp) and a session
/// the server no longer knows (signed out, revoked by an administrator, expired; a cookie without a session id). Run on every
/// request (<see cref="SecurityStampValidatorOptions.ValidationInterval"/> zero): a refused cookie is signed out and
/// the request is anonymous; an accepted one gets its claims read again from the account.
/// </summary>
public sealed class SessionValidator(IOptions<SecurityStampValidatorOptions> options, SignInManager<ConcordUser> signIn, ILoggerFactory logger)
    : SecurityStampValidator<ConcordUser>(options, signIn, logger)
{
    protected override async Task<ConcordUser?> VerifySecurityStamp(ClaimsPrincipal? principal)
    {
        var accounts = SignInManager.Context.RequestServices.GetRequiredService<AccountService>();
        return await accounts.SessionHolder(SignInManager.UserManager.GetUserId(principal ?? new ClaimsPrincipal()),
            principal?.FindFirstValue(SignInManager.Options.ClaimsIdentity.SecurityStampClaimType), principal?.FindFirstValue(Authentication.SessionClaim),
            SignInManager.Context.RequestAborted);
    }
}

/// <summary>
/// Who is signed in to a Blazor circuit, checked against the account (<see cref="AccountService.SessionHolder(string?, string?, string?, CancellationToken)"/>) each
/// time a page asks and every <see cref="RevalidationInterval"/>: a circuit whose account was locked, removed or changed
/// reads from then on as a visitor, and its forms write nothing as that account.
/// </summary>
public sealed class CircuitSessions(ILoggerFactory logger, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(logger)
{
    private static readonly AuthenticationState Visitor = new(new ClaimsPrincipal(new ClaimsIdentity()));

    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    public override async Task<AuthenticationState> GetAuthenticationStateAsync()
    {
        var state = await base.GetAuthenticationStateAsync();
        if (state.User.Identity is not { IsAuthenticated: true } || await ValidateAuthenticationStateAsync(state, CancellationToken.None)) return state;
        SetAuthenticationState(Task.FromResult(Visitor));
        return Visitor;
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        if (state.User.Identity is not { IsAuthenticated: true }) return true;
        var claims = identity.Value.ClaimsIdentity;
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountService>()
            .SessionHolder(state.User.FindFirstValue(claims.UserIdClaimType), state.User.FindFirstValue(claims.SecurityStampClaimType),
                state.User.FindFirstValue(Authentication.SessionClaim), ct) is not null;
    }
}
