using System.Security.Claims;
using Concord.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Web.Hosting;

/// <summary>The browser's account endpoints that are not pages: sign-out (a form POST with its antiforgery token).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form field makes the endpoint validate the antiforgery token (UseAntiforgery): no cross-site sign-out.
        app.MapPost(Authentication.SignOutPath, async (SignInManager<ConcordUser> signIn, AccountService accounts, [FromForm] string? returnUrl) =>
        {
            // The server forgets the session as well: its cookie, if kept somewhere, no longer holds.
            var user = signIn.Context.User;
            await accounts.EndSession(signIn.UserManager.GetUserId(user), user.FindFirstValue(Authentication.SessionClaim), signIn.Context.RequestAborted);
            await signIn.SignOutAsync();
            return Results.LocalRedirect(Authentication.IsLocalUrl(returnUrl) ? returnUrl! : "/");
        }).ExcludeFromDescription();
        return app;
    }
}
