using Concord.Features.EventLog;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Concord.Web.Tests.Hosting;

/// <summary>Expected conflicts are logged once, at Information, without SQL; EF Core does not log them as errors.</summary>
public sealed class ConcordExceptionHandlerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StoredEvent Event(long position, string previousHash) => new()
    {
        Position = position, StreamId = "clash-test", StreamVersion = 1, Name = "DecisionOpened", Payload = "{}",
        Effective = Instant.FromUtc(2024, 1, 1, 0, 0), Recorded = Instant.FromUtc(2024, 1, 1, 0, 0), RecordedBy = "test",
        PreviousHash = previousHash, Hash = "hash-" + position,
    };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task a_unique_key_clash_on_the_log_is_logged_by_ef_core_at_debug_only_and_nowhere_above_with_its_sql(string provider)
    {
        var (store, drop) = Store(provider);
        var logs = new CapturedLogs();
        try
        {
            await using (var app = ConcordWebApp.Build([$"--Concord:Database:Provider={provider}", $"--ConnectionStrings:Concord={store}", "--Concord:SeedOnFirstRun=false"],
                builder => builder.Logging.AddProvider(logs).AddFilter<CapturedLogs>(null, LogLevel.Debug)))
            {
                await StoreSetup.Prepare(app.Services, Ct);
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
                db.Events.Add(Event(1, "first-link"));
                await db.SaveChangesAsync(Ct);
                db.ChangeTracker.Clear();
                var before = logs.Entries.Count;

                db.Events.Add(Event(2, "second-link"));
                await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));

                var after = logs.Entries.Skip(before).ToList();
                Assert.Contains(after, e => e.Event.Id == RelationalEventId.CommandError.Id && e.Level == LogLevel.Debug);
                Assert.DoesNotContain(after, e => e.Level >= LogLevel.Warning);
            }
        }
        finally
        {
            await drop();
        }
    }

    /// <summary>A new, empty store of <paramref name="provider"/>, and how to remove it.</summary>
    private static (string Connection, Func<Task> Drop) Store(string provider)
    {
        if (provider == "Sqlite")
        {
            var file = Path.Combine(Path.GetTempPath(), $"concord-clash-{Guid.NewGuid():N}.db");
            return ($"Data Source={file}", () =>
            {
                SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
                return Task.CompletedTask;
            });
        }
        var server = Environment.GetEnvironmentVariable("CONCORD_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("CONCORD_TEST_POSTGRES is not set under CI: scripts/test must start PostgreSQL.");
            Assert.Skip("CONCORD_TEST_POSTGRES is not set; run scripts/test to include PostgreSQL.");
        }
        var name = $"concord_clash_{Guid.NewGuid():N}";
        var database = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return (database, async () =>
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var admin = new Npgsql.NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var dropping = admin.CreateCommand();
            dropping.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            await dropping.ExecuteNonQueryAsync();
        });
    }

    [Fact]
    public async Task a_version_conflict_is_answered_409_and_logged_once_at_information_without_the_exception()
    {
        var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services, Request = { Path = "/api/v1/decisions/x/positions" } };
        http.Response.Body = new MemoryStream();
        var handler = new ConcordExceptionHandler(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(),
            factory.CreateLogger<ConcordExceptionHandler>());
        var clash = new DbUpdateException("INSERT INTO \"events\" (\"Position\") VALUES (@p0) failed", new InvalidOperationException("unique"));

        await handler.TryHandleAsync(http, new ConcurrencyException("decision-x", 3, clash), Ct);

        Assert.Equal(StatusCodes.Status409Conflict, http.Response.StatusCode);
        var entry = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Null(entry.Exception);
        Assert.Contains("decision-x", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("INSERT", entry.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task a_server_on_a_read_only_store_starts_without_migrating_or_seeding_serves_reads_and_answers_a_write_503_never_409_storing_nothing(string provider)
    {
        var (store, drop) = Store(provider);
        try
        {
            string token;
            await using (var writable = ConcordWebApp.Build([$"--Concord:Database:Provider={provider}", $"--ConnectionStrings:Concord={store}", "--Concord:SeedOnFirstRun=false"]))
            {
                await StoreSetup.Prepare(writable.Services, Ct);
                var user = await TestAccounts.Ensure(writable.Services, new TestAccount("secretariat", Features.Access.Role.Secretariat, null, Domain.Marking.NatoSecret, null));
                token = await TestAccounts.Token(writable.Services, user, SystemClock.Instance.GetCurrentInstant() + Duration.FromDays(1));
            }
            // SQLite opened read-only; PostgreSQL with every new session read-only, as on a standby or a database set so
            // (a write then fails with 25006, read_only_sql_transaction).
            var readOnly = provider == "Sqlite" ? store + ";Mode=ReadOnly" : store + ";Options=-c default_transaction_read_only=on";
            // Started as Program.cs starts it, seeding on first run: the empty store would be seeded if it could be written.
            await using var app = ConcordWebApp.Build([$"--Concord:Database:Provider={provider}", $"--ConnectionStrings:Concord={readOnly}"],
                builder => builder.WebHost.UseTestServer());
            await using (var probe = app.Services.CreateAsyncScope())
                Assert.True(await StoreSetup.IsReadOnly(probe.ServiceProvider.GetRequiredService<ConcordDbContext>(), Ct));
            await StoreSetup.Prepare(app.Services, Ct);
            await app.StartAsync(Ct);
            using var http = app.GetTestClient();
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

            using (var read = await http.GetAsync("/api/v1/decisions", Ct))
                Assert.True(read.StatusCode == System.Net.HttpStatusCode.OK, $"{(int)read.StatusCode}: {await read.Content.ReadAsStringAsync(Ct)}");
            using var response = await http.PostJson("/api/v1/accessions", new { candidate = "SRB", name = "Serbia" });

            Assert.True(response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
            var problem = await response.Json();
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Contains("Nothing was stored", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("The store is read-only.", problem.GetProperty("title").GetString());
            await using var scope = app.Services.CreateAsyncScope();
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ConcordDbContext>().Events.CountAsync(Ct));
            await app.StopAsync(Ct);
        }
        finally
        {
            await drop();
        }
    }
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task a_server_on_a_read_only_store_written_by_an_older_build_refuses_to_start_saying_it_must_be_migrated_and_changes_nothing(string provider)
    {
        var (store, drop) = Store(provider);
        try
        {
            string previous;
            await using (var writable = ConcordWebApp.Build([$"--Concord:Database:Provider={provider}", $"--ConnectionStrings:Concord={store}", "--Concord:SeedOnFirstRun=false"]))
            {
                await StoreSetup.Prepare(writable.Services, Ct);
                await using var scope = writable.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
                previous = db.Database.GetMigrations().SkipLast(1).Last();
                await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(previous, cancellationToken: Ct);
            }
            var readOnly = provider == "Sqlite" ? store + ";Mode=ReadOnly" : store + ";Options=-c default_transaction_read_only=on";
            await using var app = ConcordWebApp.Build([$"--Concord:Database:Provider={provider}", $"--ConnectionStrings:Concord={readOnly}"],
                builder => builder.WebHost.UseTestServer());

            var refused = await Assert.ThrowsAsync<StoreNotReadable>(() => StoreSetup.Prepare(app.Services, Ct));

            Assert.Contains("must be migrated", refused.Message, StringComparison.Ordinal);
            await using var check = app.Services.CreateAsyncScope();
            Assert.Equal(previous, (await check.ServiceProvider.GetRequiredService<ConcordDbContext>().Database.GetAppliedMigrationsAsync(Ct)).Last());
        }
        finally
        {
            await drop();
        }
    }
}

