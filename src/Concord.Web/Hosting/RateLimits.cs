using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Concord.Web.Components.Pages.Account;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Concord.Web.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter on the two things worth guessing at or flooding: sign-in attempts, per client IP
/// address (<c>Concord:RateLimits:SignInPerMinute</c>, default 10), and writes to the API, per account or, when
/// not signed in, per IP address (<c>Concord:RateLimits:WritesPerMinute</c>, default 120). A refusal is a 429
/// ProblemDetails with <c>Retry-After</c> in seconds. Reads are not limited.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddConcordRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("Concord:RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (IsSignIn(http.Request))
                    return PerMinute("sign-in " + ClientAddress(http), limits.SignInPerMinute);
                if (IsApiWrite(http.Request))
                    return PerMinute("write " + (http.User.Identity is { IsAuthenticated: true, Name: { } name } ? "account " + name : ClientAddress(http)), limits.WritesPerMinute);
                return RateLimitPartition.GetNoLimiter("unlimited");
            });
            o.OnRejected = Reject;
        });
        return services;
    }

    /// <summary>True for the requests a limit applies to: sign-in attempts and API writes.</summary>
    public static bool IsLimited(HttpContext http) => IsSignIn(http.Request) || IsApiWrite(http.Request);

    /// <summary>
    /// A POST that reaches the sign-in page. Decided first by the endpoint routing selected (the limiter runs after
    /// routing), so every spelling that routing sends to the page counts: a trailing slash, another case, an escaped
    /// letter. The path is compared as well, without its trailing slashes, in case no endpoint was selected.
    /// </summary>
    public static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type == typeof(SignIn)
            || Authentication.SignInPath.Equals(Normalised(request.Path), StringComparison.OrdinalIgnoreCase));

    /// <summary>Anything but GET, HEAD, OPTIONS or TRACE to an endpoint under /api (as routing selected it) or to a path under /api.</summary>
    public static bool IsApiWrite(HttpRequest request) =>
        !IsSafe(request.Method)
        && (request.HttpContext.GetEndpoint() is RouteEndpoint endpoint && EndpointGuard.IsApi(endpoint) || IsApiPath(request.Path));

    /// <summary>A path under /api, in any case, with or without a trailing slash or doubled slashes ("//api//v1").</summary>
    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        // Only a path with an empty segment needs the slower look: nothing else can reach /api by another spelling.
        || (path.Value?.Contains("//", StringComparison.Ordinal) == true && new PathString(Normalised(path)).StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase));

    public static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    /// <summary>The path with empty segments ("//", a trailing "/") dropped.</summary>
    public static string Normalised(PathString path) =>
        "/" + string.Join('/', (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries));

    private static string ClientAddress(HttpContext http) => "address " + (http.Connection.RemoteIpAddress ?? IPAddress.None);

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        });

    private static async ValueTask Reject(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var what = IsSignIn(http.Request) ? "sign-in attempts from this address" : "writes from this account";
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = 429, Title = "Too many requests.",
                Detail = $"Too many {what} in the last minute. Try again in {seconds} s.",
                Extensions = { ["retryAfter"] = seconds },
            },
        });
    }
}
