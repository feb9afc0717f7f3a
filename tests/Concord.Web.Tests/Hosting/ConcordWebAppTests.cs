using System.Net;
using System.Net.Http.Headers;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
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
        Assert.Equal(Domain.Rules.Outcome.Lapsed, (await Features.Decisions.GetDecision.Handle(db, NodaTime.SystemClock.Instance, Domain.Decisions.DecisionId.Parse(ApiCalls.UkraineInvitation), null, Features.Access.Reader.System, Ct)).Value!.Outcome);
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

    [Fact]
    public async Task the_authentication_schemes_run_once_for_a_request_with_credentials_and_not_at_all_for_an_anonymous_one()
    {
        var database = Path.Combine(Path.GetTempPath(), $"concord-anonymous-{Guid.NewGuid():N}.db");
        try
        {
            var schemes = new CountingSchemes();
            await using var app = ConcordWebApp.Build(
                [$"--ConnectionStrings:Concord=Data Source={database}", "--Urls=http://127.0.0.1:0", "--Concord:SeedOnFirstRun=false"],
                builder => builder.Services.AddSingleton<IAuthenticationSchemeProvider>(services =>
                    schemes.Attach(services.GetRequiredService<IOptions<AuthenticationOptions>>())));
            await app.StartAsync(Ct);
            using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

            (await client.GetAsync("/health", Ct)).EnsureSuccessStatusCode();
            Assert.Equal(0, schemes.RequestsSeen);

            using var withToken = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token") } };
            (await client.SendAsync(withToken, Ct)).EnsureSuccessStatusCode();
            Assert.Equal(1, schemes.RequestsSeen);

            using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { { "Cookie", Authentication.CookieName + "=stale" } } };
            (await client.SendAsync(withCookie, Ct)).EnsureSuccessStatusCode();
            Assert.Equal(2, schemes.RequestsSeen);
            await app.StopAsync(Ct);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database + suffix);
        }
    }

    /// <summary>A store for hosts that are built and never started: nothing opens it.</summary>
    private static readonly string Unopened = $"--ConnectionStrings:Concord=Data Source={Path.Combine(Path.GetTempPath(), "concord-never-opened.db")}";

    [Fact]
    public void the_shipped_settings_name_no_address_so_they_never_outrank_aspnetcore_urls()
    {
        using var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));

        Assert.DoesNotContain(settings.RootElement.EnumerateObject(), p => p.Name.Equals("Urls", StringComparison.OrdinalIgnoreCase));
        Assert.False(settings.RootElement.TryGetProperty("Kestrel", out _));
    }

    [Fact]
    public async Task with_no_address_configured_concord_listens_on_localhost_5080()
    {
        await using var app = ConcordWebApp.Build([Unopened]);

        Assert.Equal(ConcordWebApp.DefaultUrls, app.Configuration["urls"]);
        Assert.Equal("http://localhost:5080", ConcordWebApp.DefaultUrls);
    }

    [Theory]
    [InlineData("--urls=http://127.0.0.1:5329")]
    [InlineData("--Urls=http://127.0.0.1:5329")]
    [InlineData("--http_ports=5329")]
    [InlineData("--Kestrel:Endpoints:Http:Url=http://127.0.0.1:5329")]
    public async Task an_address_given_in_configuration_replaces_the_default(string setting)
    {
        await using var app = ConcordWebApp.Build([Unopened, setting]);

        Assert.NotEqual(ConcordWebApp.DefaultUrls, app.Configuration["urls"]);
    }

    [Fact]
    public async Task the_address_in_aspnetcore_urls_is_where_concord_listens()
    {
        var database = Path.Combine(Path.GetTempPath(), $"concord-urls-{Guid.NewGuid():N}.db");
        var before = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        WebApplication app;
        // Process-wide for the moment the host is built: harmless to other tests' hosts, which name their own address or
        // replace the server, and undone at once.
        Environment.SetEnvironmentVariable("ASPNETCORE_URLS", "http://127.0.0.1:0");
        try
        {
            app = ConcordWebApp.Build([$"--ConnectionStrings:Concord=Data Source={database}", "--Concord:SeedOnFirstRun=false"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_URLS", before);
        }
        try
        {
            await app.StartAsync(Ct);
            var address = Assert.Single(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses);
            Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
            Assert.NotEqual("http://127.0.0.1:5080", address);
            await app.StopAsync(Ct);
        }
        finally
        {
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database + suffix);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task a_new_store_file_its_wal_and_shm_and_its_folder_are_readable_by_the_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var root = Path.Combine(Path.GetTempPath(), $"concord-private-{Guid.NewGuid():N}");
        var database = Path.Combine(root, "data", "concord.db");
        try
        {
            await using var app = ConcordWebApp.Build([$"--ConnectionStrings:Concord=Data Source={database}", "--Concord:SeedOnFirstRun=false"]);
            await StoreSetup.Prepare(app.Services, Ct);
            // A connection held open keeps the -wal and -shm files, which SQLite makes beside the store in WAL mode.
            await using var open = new SqliteConnection($"Data Source={database}");
            await open.OpenAsync(Ct);
            await using (var read = open.CreateCommand())
            {
                read.CommandText = "SELECT count(*) FROM events";
                await read.ExecuteScalarAsync(Ct);
            }

            const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(database));
            Assert.True(File.Exists(database + "-wal") && File.Exists(database + "-shm"), "WAL files");
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(database + "-wal"));
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(database + "-shm"));
            Assert.Equal(OwnerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(database)!));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The scheme provider, counting how often the authentication middleware asks it for a request's handlers.</summary>
    private sealed class CountingSchemes
    {
        private int _requests;

        public int RequestsSeen => Volatile.Read(ref _requests);

        public IAuthenticationSchemeProvider Attach(IOptions<AuthenticationOptions> options) => new Provider(options, this);

        private sealed class Provider(IOptions<AuthenticationOptions> options, CountingSchemes counter) : AuthenticationSchemeProvider(options)
        {
            public override Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
            {
                Interlocked.Increment(ref counter._requests);
                return base.GetRequestHandlerSchemesAsync();
            }
        }
    }
}
