using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Concord.Web.Components.Pages;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Concord.Benchmarks;

/// <summary>
/// Rendering the dashboard page to HTML in-process, as the server's first (static) render of "/" does: the page's
/// own load (the decision list, then every open decision's view, the summits and the accessions) and the rendering of
/// its MudBlazor markup, by Blazor's <see cref="HtmlRenderer"/> with the web host's own services. The goal: under
/// 50 ms with 1,000 open PUBLIC decisions (the dashboard store: the seeded store plus 1,000 open decisions of 10 to
/// 40 events). The seeded store's render is there for scale, not as a limit.
/// </summary>
/// <remarks>
/// The layout (navigation, theme) is not rendered: only the page. The reader is the German delegation cleared NATO
/// RESTRICTED of <see cref="DecisionListBenchmarks"/>, signed in. Concord's internal API used here (to adapt after the
/// rewrite): <c>ConcordWebApp.Build</c>, the <c>Dashboard</c> component, <c>ReaderClaims.ToClaims</c>; all in
/// <see cref="Host"/> and <see cref="Render"/>.
/// </remarks>
[MemoryDiagnoser]
public class DashboardBenchmarks
{
    private WebApplication _seeded = null!;
    private WebApplication _busy = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _seeded = Host(await Stores.EnsureSeededStore());
        _busy = Host(await Stores.EnsureRealisticStore(RealisticShape.Dashboard));
        foreach (var (name, app) in new[] { ("seeded", _seeded), ("dashboard", _busy) })
        {
            var html = await Render(app);
            var open = html.Split("class=\"card-list-item\"").Length - 1;
            Console.WriteLine($"// {name} store: {html.Length:N0} characters of HTML, {open} list items");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _seeded.DisposeAsync();
        await _busy.DisposeAsync();
    }

    [Benchmark(Description = "Dashboard, seeded store")]
    public Task<string> Seeded() => Render(_seeded);

    [Benchmark(Description = "Dashboard, 1,000 open PUBLIC decisions")]
    public Task<string> OpenDecisions1000() => Render(_busy);

    /// <summary>The web host's services on <paramref name="file"/> (built, not started: no hosted services run).</summary>
    private static WebApplication Host(string file) => ConcordWebApp.Build([], builder =>
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Concord"] = Stores.ConnectionString(file),
            ["Concord:Database:Provider"] = "Sqlite",
            ["Concord:SeedOnFirstRun"] = "false",
        });
        builder.Logging.ClearProviders();
    });

    /// <summary>One render of the page in a new DI scope (a request's), as the signed-in delegation.</summary>
    private static async Task<string> Render(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (services.GetRequiredService<NavigationManager>() is IHostEnvironmentNavigationManager navigation)
            navigation.Initialize("http://localhost/", "http://localhost/");
        var principal = new ClaimsPrincipal(new ClaimsIdentity(DecisionListBenchmarks.Delegation.ToClaims(), "bench", ClaimTypes.Name, ClaimTypes.Role));
        if (services.GetRequiredService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider auth)
            auth.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<Dashboard>()).ToHtmlString());
    }
}
