using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Concord.Web.Hosting;

/// <summary>
/// Refuses a write to the API that a browser sends with the sign-in cookie from another site (403 ProblemDetails): the
/// cookie would otherwise carry the reader's rights into a request a foreign page made, and SameSite alone does not stop
/// a sibling site or an old browser. Decided by <c>Origin</c>; when a browser sends none, by <c>Sec-Fetch-Site</c>, then
/// <c>Referer</c>. A request with none of them is not a browser's cross-site request (browsers send Origin on every
/// cross-origin write) and passes. Requests with an access token (<c>Authorization: Bearer</c>) carry no ambient
/// credential and are not checked.
/// </summary>
public static class SameOrigin
{
    public static IApplicationBuilder UseSameOriginWrites(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (Applies(http.Request) && CrossSite(http.Request) is { } from)
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden, Title = "A write from another site was refused.",
                    Detail = $"A signed-in browser may write to the API only from Concord's own pages; this request came from {from}. "
                        + "Scripts and tools send an access token (Authorization: Bearer) instead of the cookie.",
                },
            });
            return;
        }
        await next(http);
    });

    /// <summary>An API write (any spelling of the path, <see cref="RateLimits.IsApiWrite"/>) that the sign-in cookie would
    /// authenticate: it carries the cookie and no bearer token.</summary>
    public static bool Applies(HttpRequest request) =>
        RateLimits.IsApiWrite(request) && request.Cookies.ContainsKey(Authentication.CookieName)
        && !(request.Headers.Authorization.FirstOrDefault() is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase));

    /// <summary>Where a cross-site request says it came from, or null when it is same-origin or says nothing.</summary>
    public static string? CrossSite(HttpRequest request)
    {
        var headers = request.Headers;
        if (!StringValues.IsNullOrEmpty(headers.Origin))
            return IsOwn(headers.Origin.ToString(), request) ? null : "the origin " + Shown(headers.Origin.ToString());
        if (headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site)
            return site is "same-origin" or "none" ? null : "a page of another site (Sec-Fetch-Site: " + Shown(site) + ")";
        if (!StringValues.IsNullOrEmpty(headers[HeaderNames.Referer]))
            return IsOwn(headers[HeaderNames.Referer].ToString(), request) ? null : "a page of another site (its Referer)";
        return null;
    }

    /// <summary>
    /// True when <paramref name="url"/> names the host and port this request was sent to. The scheme is not compared, nor
    /// the port when the Host header names none and the URL uses its scheme's default: behind a proxy that ends TLS,
    /// the browser's https://concord.example reaches Concord as http with Host concord.example.
    /// </summary>
    public static bool IsOwn(string url, HttpRequest request)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return false;
        if (!string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)) return false;
        if (request.Host.Port is { } port) return uri.Port == port;
        return uri.IsDefaultPort;
    }

    /// <summary>A header's value as a refusal may quote it: the client's own text, shown short and without control characters.</summary>
    public static string Shown(string value) =>
        new string([.. value.Take(100).Where(c => !char.IsControl(c))]);
}
