using System.Net;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Web.Tests.Hosting;

/// <summary>The host as the tests build it: its own store, migrated and seeded from data/ on first start.</summary>
public sealed class ConcordWebAppTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_store_is_the_factorys_own_sqlite_file_seeded_from_the_data_pack()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();

        Assert.Equal(factory.DatabasePath, db.Database.GetDbConnection().DataSource);
        Assert.True(File.Exists(factory.DatabasePath));
        Assert.Equal(32, await db.Members.CountAsync(m => m.Body == "NATO", Ct));
        Assert.True(await db.Summits.AnyAsync(s => s.Id == "washington-2024", Ct));
        Assert.Equal(Domain.Rules.Outcome.Blocked, (await Features.Decisions.GetDecision.Handle(db, NodaTime.SystemClock.Instance, Domain.Decisions.DecisionId.Parse(ApiCalls.UkraineInvitation), null, Features.Access.Reader.System, Ct)).Value!.Outcome);
    }

    [Fact]
    public async Task preparing_the_store_again_seeds_nothing_twice()
    {
        var before = await _client.LogHead();

        await StoreSetup.Prepare(factory.Services, Ct);

        Assert.Equal(before, await _client.LogHead());
    }

    [Fact]
    public async Task health_answers_healthy()
    {
        using var response = await _client.GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task the_root_is_the_dashboard_and_links_to_the_api_reference()
    {
        using var response = await _client.GetAsync("/", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1", html);
        Assert.Contains(">Dashboard</", html);
        Assert.Contains("href=\"/scalar\"", html);
        Assert.Contains("Invite Ukraine to join the Alliance", html);
    }
}
