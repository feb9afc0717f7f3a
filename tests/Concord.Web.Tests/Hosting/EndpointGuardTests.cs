using Concord.Features.Access;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Web.Tests.Hosting;

/// <summary>The host refuses to start when an endpoint under /api states no permission: a new endpoint cannot be forgotten.</summary>
public sealed class EndpointGuardTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task an_app_with_an_api_endpoint_that_states_no_permission_fails_to_start_naming_it()
    {
        var database = Path.Combine(Path.GetTempPath(), $"concord-guard-{Guid.NewGuid():N}.db");
        try
        {
            await using var app = ConcordWebApp.Build(
                [$"--ConnectionStrings:Concord=Data Source={database}", "--Urls=http://127.0.0.1:0", "--Concord:SeedOnFirstRun=false"]);
            app.MapGet("/api/v1/forgotten", () => "no permission stated");
            app.MapGet("/api/v1/stated", () => "stated").RequirePermission(Permission.Read);
            app.MapGet("/api/v1/open-on-purpose", () => "anonymous").AllowAnonymous();

            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Ct));

            Assert.Contains("/api/v1/forgotten", failure.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("/api/v1/stated", failure.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("open-on-purpose", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database + suffix);
        }
    }

    [Fact]
    public void every_api_endpoint_of_the_real_app_states_its_permission()
    {
        Assert.Empty(EndpointGuard.Unguarded(factory.Services.GetRequiredService<EndpointDataSource>()));
    }
}
