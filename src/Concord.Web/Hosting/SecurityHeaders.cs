namespace Concord.Web.Hosting;

/// <summary>
/// Security headers on every response: a Content-Security-Policy that allows scripts from Concord's own origin only,
/// no framing, no sniffing, no referrer, no powerful browser features, and a browsing context of its own (a page Concord
/// opens, or that opens Concord, gets no handle on the other window). Set when the response starts, so error responses
/// carry them too.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The policy of Concord's own pages and API. Scripts: own origin only, no inline script, no eval.
    /// <c>style-src 'unsafe-inline'</c> is needed because MudBlazor and ECharts set inline <c>style</c> attributes on the
    /// elements they draw (popover positions, chart sizes, theme variables); no inline script is allowed.
    /// </summary>
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The Scalar API reference (/scalar) starts itself with an inline script and evaluates code at run time (checked
    /// in Chromium: both are reported as violations under <see cref="Policy"/>): inline script and eval are allowed
    /// there, and only there. It still loads nothing from another origin (its web fonts are turned off in
    /// <see cref="ConcordWebApp"/>) and cannot be framed.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Browser features Concord never uses, turned off for its pages and anything they embed: a script that gets in still
    /// cannot reach the camera, the microphone, the position or payment. Only features every current browser knows are
    /// named: an unknown one is reported on the console of every page.
    /// </summary>
    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/scalar") ? ApiReferencePolicy : Policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next(http);
    });
}
