using Microsoft.AspNetCore.Authorization;

namespace Concord.Web.Hosting;

/// <summary>
/// Refuses to start a host in which an endpoint under /api does not state the permission it needs
/// (<see cref="Permissions.RequirePermission{TBuilder}"/>) and is not explicitly anonymous: a new endpoint cannot be
/// forgotten. Runs when the host starts and builds its request pipeline (a startup filter, after the app's own
/// configuration, so every endpoint has been mapped and registered), over the app's own endpoints: a failure stops the
/// start before the server listens.
/// </summary>
public sealed class EndpointGuard : IStartupFilter
{
    /// <summary>The /api endpoints that state no permission, by their display names.</summary>
    public static IReadOnlyList<string> Unguarded(EndpointDataSource endpoints) =>
    [
        .. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => IsApi(e) && e.Metadata.GetMetadata<RequiresPermission>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => e.DisplayName ?? e.RoutePattern.RawText ?? "?"),
    ];

    public static bool IsApi(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText is { } raw && ("/" + raw.TrimStart('/')).StartsWith("/api/", StringComparison.OrdinalIgnoreCase);

    public static void Check(EndpointDataSource endpoints)
    {
        var unguarded = Unguarded(endpoints);
        if (unguarded.Count > 0)
            throw new InvalidOperationException(
                "Every endpoint under /api must state the permission it needs (.RequirePermission(Permission.X)) or be marked "
                + "AllowAnonymous; these do not: " + string.Join("; ", unguarded));
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        Check(app.ApplicationServices.GetRequiredService<EndpointDataSource>());
    };
}
