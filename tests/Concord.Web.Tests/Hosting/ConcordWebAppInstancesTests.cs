using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Concord.Tests;
using Concord.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime;

namespace Concord.Web.Tests.Hosting;

/// <summary>
/// Three instances of the web app, each a process of its own (the write gate within a process is static: hosts in one
/// test process would share it and hide what only the database can serialise), started together on one PostgreSQL
/// database that does not exist yet.
/// </summary>
public sealed class ConcordWebAppInstancesTests(ConcordWebAppInstancesTests.Instances instances) : IClassFixture<ConcordWebAppInstancesTests.Instances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task three_instances_started_together_on_an_empty_postgresql_database_all_come_up_healthy_and_seed_it_once()
    {
        var started = await instances.Started();

        // Exactly one of them loaded the data pack; the others waited for it and found it loaded.
        Assert.Single(started.Processes, p => p.Output.Contains("Startup: seeded", StringComparison.Ordinal));
        await using var db = started.NewContext();
        var markers = await db.Events.Where(e => e.IdempotencyKey != null && e.IdempotencyKey.StartsWith("seed:"))
            .Select(e => e.IdempotencyKey!).ToListAsync(Ct);
        Assert.NotEmpty(markers);
        Assert.Equal(markers.Count, markers.Distinct().Count());
        Assert.Equal(32, await db.Members.CountAsync(m => m.Body == Body.Nato && m.Until == null, Ct));
        Assert.True((await ChainVerifier.Verify(db, Ct)).Intact);
    }

    [Fact]
    public async Task three_instances_writing_to_disjoint_decisions_without_expected_versions_get_no_409_and_each_write_is_logged_once()
    {
        var started = await instances.Started();
        var token = await started.SecretariatToken();
        const int writersPerInstance = 4, writesPerWriter = 12;
        var acknowledged = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<string>();

        await Task.WhenAll(started.Urls.SelectMany(url => Enumerable.Range(0, writersPerInstance).Select(async _ =>
        {
            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            for (var i = 0; i < writesPerWriter; i++)
            {
                var id = "apart-" + Guid.NewGuid().ToString("N")[..12];
                using var response = await http.PostJson("/api/v1/decisions", new { id, subject = "Written apart " + id });
                if (response.StatusCode == HttpStatusCode.Created) acknowledged.Add(id);
                else refused.Add($"{url} {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
            }
        })));

        Assert.Empty(refused);
        Assert.Equal(started.Urls.Count * writersPerInstance * writesPerWriter, acknowledged.Count);
        await using var db = started.NewContext();
        var streams = acknowledged.Select(id => StreamIds.Decision(DecisionId.Parse(id))).ToList();
        var logged = await db.Events.Where(e => streams.Contains(e.StreamId)).GroupBy(e => e.StreamId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct);
        Assert.Equal(streams.Count, logged.Count);
        Assert.All(logged, stream => Assert.Equal(1, stream.Count));
        Assert.True((await ChainVerifier.Verify(db, Ct)).Intact);
    }

    /// <summary>The three instances, started once for the class on a new database, and stopped (only they) afterwards.</summary>
    public sealed class Instances : IAsyncDisposable
    {
        private readonly Lazy<Task<Started>> _started;
        private Started? _done;

        public Instances() => _started = new(Start);

        /// <summary>The instances, all healthy; skipped without PostgreSQL locally, failed under CI.</summary>
        public Task<Started> Started()
        {
            var server = Environment.GetEnvironmentVariable("CONCORD_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(server))
            {
                if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("CONCORD_TEST_POSTGRES is not set under CI: scripts/test must start PostgreSQL.");
                Assert.Skip("CONCORD_TEST_POSTGRES is not set; run scripts/test to include PostgreSQL.");
            }
            return _started.Value;
        }

        private async Task<Started> Start()
        {
            var server = Environment.GetEnvironmentVariable("CONCORD_TEST_POSTGRES")!;
            var name = "concord_instances_" + Guid.NewGuid().ToString("N")[..12];
            var database = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            var urls = Enumerable.Range(0, 3).Select(_ => $"http://127.0.0.1:{ConcordProcess.FreePort()}").ToList();
            var environment = new Dictionary<string, string?>
            {
                ["Concord__Database__Provider"] = "Postgres",
                ["ConnectionStrings__Concord"] = database,
                ["Concord__RateLimits__WritesPerMinute"] = "100000",
            };
            _done = new Started(server, name, database, urls, [.. urls.Select(url => ConcordProcess.Start(ConcordProcess.Web, ["--urls", url], environment))]);
            // A bound on liveness, not a measure of speed: the two waiting instances wait for the whole pack to be seeded
            // (some 1,200 events now), on two cores shared with the rest of the suite.
            await Task.WhenAll(_done.Processes.Zip(urls, (p, url) => p.Healthy(url, TimeSpan.FromSeconds(240))));
            return _done;
        }

        public async ValueTask DisposeAsync()
        {
            if (_done is null) return;
            foreach (var process in _done.Processes) await process.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_done.Server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_done.Name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    public sealed record Started(string Server, string Name, string Database, IReadOnlyList<string> Urls, IReadOnlyList<ConcordProcess> Processes)
    {
        public ConcordDbContext NewContext() => new PostgresConcordDbContext(new DbContextOptionsBuilder<PostgresConcordDbContext>()
            .UseNpgsql(Database, o => o.UseNodaTime()).Options);

        /// <summary>A secretariat account and its access token, written into the instances' store by a host that is built, never run.</summary>
        public async Task<string> SecretariatToken()
        {
            await using var host = ConcordWebApp.Build(["--Concord:Database:Provider=Postgres", $"--ConnectionStrings:Concord={Database}", "--Concord:SeedOnFirstRun=false"]);
            var user = await TestAccounts.Ensure(host.Services, new TestAccount("secretariat-apart", Role.Secretariat, null, Marking.NatoSecret, null));
            return await TestAccounts.Token(host.Services, user, SystemClock.Instance.GetCurrentInstant() + Duration.FromDays(1));
        }
    }
}
