using Concord.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Concord.Web.Hosting;

/// <summary>
/// Decides <see cref="RequiresPermission"/> with the matrix (<see cref="Access.Allows"/>) for the request's
/// <see cref="Reader"/>; a refusal carries its reason in words.
/// </summary>
public sealed class PermissionHandler(IOptions<WebOptions> options) : AuthorizationHandler<RequiresPermission>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RequiresPermission requirement)
    {
        var reader = context.User.ToReader();
        if (Access.Allows(reader, requirement.Permission, options.Value.PublicView)) context.Succeed(requirement);
        else context.Fail(new AuthorizationFailureReason(this, PermissionWords.Refusal(reader, requirement.Permission)));
        return Task.CompletedTask;
    }
}

/// <summary>What each permission is for, and why a reader does not hold it, in words.</summary>
public static class PermissionWords
{
    public static string Doing(Permission permission) => permission switch
    {
        Permission.ReadPublic => "Reading the public view",
        Permission.Read => "Reading",
        Permission.OpenDecision => "Opening a decision",
        Permission.ManageDecision => "Running a decision (silence, conclusion, withdrawal)",
        Permission.RecordPosition => "Recording a position",
        Permission.ScheduleSummit => "Scheduling a summit",
        Permission.RecordAccessionStep => "Recording an accession step",
        Permission.RecordRatification => "Recording a ratification stage",
        Permission.RecordPledge => "Recording a pledge or a delivery",
        Permission.ImportAssistance => "Importing assistance data",
        Permission.ReadAudit => "Reading the audit trail",
        Permission.ManageAccounts => "Managing accounts",
        _ => permission.ToString(),
    };

    public static string Role(Role role) => role switch
    {
        Features.Access.Role.Administrator => "an administrator",
        Features.Access.Role.Secretariat => "the secretariat",
        Features.Access.Role.Delegation => "a member state's delegation",
        Features.Access.Role.CandidateDelegation => "a candidate's delegation",
        Features.Access.Role.Analyst => "an analyst",
        Features.Access.Role.Observer => "an observer",
        _ => role.ToString(),
    };

    /// <summary>"Opening a decision is for the secretariat; the account 'deu-delegate' is a member state's delegation."</summary>
    public static string Refusal(Reader reader, Permission permission)
    {
        var holders = Access.RolesFor(permission).Select(Role).ToList();
        var who = holders.Count == 1 ? holders[0] : string.Join(", ", holders[..^1]) + " or " + holders[^1];
        if (reader.IsAnonymous)
            return permission == Permission.ReadPublic
                ? "This deployment shows nothing to visitors: sign in, or send an access token (Authorization: Bearer)."
                : $"{Doing(permission)} needs an account: sign in, or send an access token (Authorization: Bearer).";
        var held = string.Join(" and ", reader.Roles.Order().Select(Role));
        return $"{Doing(permission)} is for {who}; the account '{reader.Actor}' is {held}.";
    }
}

/// <summary>
/// How a refused API request (or a refused request for the API's OpenAPI document) is answered: 401 with
/// <c>WWW-Authenticate: Bearer</c> when nobody (or an invalid token) is signed in, 403 with the reason in words when the
/// account lacks the permission; both as ProblemDetails. Pages, the API reference included, keep the cookie's behaviour
/// (sign-in redirect).
/// </summary>
public sealed class ApiAuthorizationResults(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        // A credential that was sent but did not hold (expired, revoked, unknown) is refused even where a visitor may
        // read: the caller learns its token is no good instead of silently reading the public view.
        var api = http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/openapi");
        if (api && http.Request.Headers.Authorization.Count > 0 && http.User.Identity is not { IsAuthenticated: true })
            result = PolicyAuthorizationResult.Challenge();
        if (!api || result.Succeeded)
        {
            await _default.HandleAsync(next, http, policy, result);
            return;
        }
        var reason = result.AuthorizationFailure?.FailureReasons.FirstOrDefault()?.Message;
        if (result.Challenged)
        {
            var presented = http.Request.Headers.Authorization.Count > 0;
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.Headers[HeaderNames.WWWAuthenticate] = presented ? "Bearer error=\"invalid_token\"" : "Bearer";
            await Write(http, 401, "Sign in first.", presented
                ? "The access token is not valid: it is unknown, expired or revoked."
                : reason ?? "This needs an account: sign in, or send an access token (Authorization: Bearer).");
            return;
        }
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await Write(http, 403, "Not allowed for this account.", reason ?? "This account does not hold the permission this needs.");
    }

    private Task Write(HttpContext http, int status, string title, string detail) =>
        problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http, ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
}
