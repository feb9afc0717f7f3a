using Concord.Features;
using Concord.Features.Storage;
using Concord.Web.Api;
using Concord.Web.Components;
using Concord.Web.Components.Shared;
using MudBlazor.Services;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace Concord.Web.Hosting;

/// <summary>Builds the Concord web host: the same for `dotnet run`, `concord serve` and the tests.</summary>
public static class ConcordWebApp
{
    /// <summary>Where Concord listens when nothing else is configured.</summary>
    public const string DefaultUrls = "http://localhost:5080";

    // The key ASP.NET Core's UseAuthentication sets and WebApplication checks before adding the middleware itself.
    private const string AuthenticationMiddlewareSet = "__AuthenticationMiddlewareSet";

    /// <summary>
    /// True when configuration says where to listen: <c>--urls</c>, <c>ASPNETCORE_URLS</c> or a <c>Urls</c> setting (all
    /// the key "urls"), <c>ASPNETCORE_HTTP_PORTS</c> / <c>HTTPS_PORTS</c>, or Kestrel endpoints
    /// (<c>Kestrel:Endpoints:…</c>, which Kestrel prefers over any URL).
    /// </summary>
    public static bool NamesAnAddress(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"]) || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args, ContentRootPath = AppContext.BaseDirectory,
            // Static web assets (MudBlazor's, wwwroot/) are listed under this assembly's name, also when another
            // entry point (concord serve) hosts the app.
            ApplicationName = typeof(ConcordWebApp).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);
        // The default address lives here, not in appsettings.json, where it would outrank ASPNETCORE_URLS: it applies
        // only when nothing else names one (NamesAnAddress).
        if (!NamesAnAddress(builder.Configuration)) builder.WebHost.UseUrls(DefaultUrls);
        // A build (not a publish) lists its static assets (MudBlazor's, blazor.web.js) in a runtime manifest that only
        // Development reads by default; without it `concord serve` in Production answers them empty. Published output
        // has no such manifest, and then this does nothing.
        builder.WebHost.UseStaticWebAssets();
        // A build's manifest otherwise turns on the hot-reload handler for static assets, whose fallback route checks the
        // disk for a file on every request that reaches routing (an lstat per API read). Concord's assets are all in the
        // manifest at build time; set ReloadStaticAssetsAtRuntime=true to have the handler back while editing them.
        builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
        builder.Services.AddConcord(builder.Configuration).AddQuietFailedCommands();
        builder.Services.AddConcordAuthentication(builder.Configuration);
        builder.Services.AddConcordRateLimits(builder.Configuration);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ConcordExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o => ConcordJson.Configure(o.SerializerOptions));
        builder.Services.AddOpenApi(ApiDocument.Configure);
        builder.Services.AddHealthChecks();
        builder.Services.AddHostedService<SilenceDeadlines>();
        builder.Services.AddWebhookDispatch();
        builder.Services.AddSingleton<LogWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LogWatcher>());
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<ConcordStore>();
        builder.Services.AddSingleton<CalibrationRunner>();
        builder.Services.AddScoped<ViewerZone>();

        var app = builder.Build();
        var web = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebOptions>>().Value;
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseStatusCodePages();
        app.UseBodyLimit();
        app.UseRouting();
        // Whether an answer is an account's (never stored) or a visitor's (tagged) follows from the credentials the
        // request carries: decided before anything answers, refusals included.
        app.UseCachePolicy();
        // Before anything acts on the cookie: a browser's API write from another site is refused outright.
        app.UseSameOriginWrites();
        // Who is calling (token or cookie), then whether the endpoint's permission allows it (RequiresPermission),
        // then how often; idempotency keys belong to the account, so it comes after authentication.
        // A request that carries neither a token nor the sign-in cookie is anonymous: it skips the schemes' work.
        app.UseWhen(Authentication.CarriesCredentials, credentials => credentials.UseAuthentication());
        // UseAuthentication marks only the branch's copy of the properties; without the mark on the app itself,
        // WebApplication adds a second, unconditional authentication middleware at the front of the pipeline.
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSet] = true;
        app.UseAuthorization();
        // Only sign-in attempts and API writes are limited (RateLimits); reads skip the limiter.
        app.UseWhen(RateLimits.IsLimited, limited => limited.UseRateLimiter());
        app.UseIdempotency();
        app.UseAntiforgery();
        app.MapStaticAssets();
        // The API's description is read like the public view: by visitors while it is on, by accounts only when it is off.
        app.MapOpenApi().RequirePermission(Features.Access.Permission.ReadPublic);
        // Scalar's own fonts come from fonts.scalar.com: off, so the reference loads nothing from another origin (CSP).
        app.MapScalarApiReference("/scalar", o => o.WithTitle("Concord API").DisableDefaultFonts())
            .RequirePermission(Features.Access.Permission.ReadPublic);
        app.MapHealthChecks("/health");
        var api = app.MapGroup("/api/v1");
        api.MapReadinessApi().MapPlannerApi();
        api.MapMembersApi().MapSummitsApi().MapSourcesApi().MapStatementsApi().MapSearchApi().MapFeedsApi().MapCalendarApi().MapWebhooksApi().MapForecastsApi().MapDecisionsApi().MapAccessionsApi().MapEventsApi().MapAuditApi().MapAssistanceImportsApi().MapAssistanceApi();
        // The browser app: dashboard at /, decision rooms, accessions, members, summits (Components/Pages).
        app.MapAccountEndpoints();
        var pages = app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        // Without the public view, a visitor is sent to sign in (the sign-in page itself is AllowAnonymous).
        if (!web.PublicView) pages.RequireAuthorization();
        return app;
    }
}
