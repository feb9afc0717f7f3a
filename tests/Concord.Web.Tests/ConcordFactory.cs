using Concord.Features.Access;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Testing;

namespace Concord.Web.Tests;

/// <summary>
/// The real Concord web host over its own temporary SQLite file, seeded from data/ like a first run, with a
/// <see cref="FakeClock"/> in place of the system clock. One per test class (<c>IClassFixture</c>); the file is
/// deleted afterwards.
/// </summary>
/// <remarks>
/// <para>The store is a copy of <see cref="SeededStore"/>, put in place before the host starts
/// (<see cref="InitializeAsync"/>): the seeded store that Program.cs's own <see cref="StoreSetup.Prepare"/> makes
/// at <see cref="Start"/>, made once per test process instead of once per host. The host's start then finds it migrated
/// and seeded and adds nothing; a test checks that the store is seeded and that preparing it again adds nothing. A
/// factory that is not initialised starts on an empty file, which Program.cs seeds as on a first run.</para>
/// <para>The silence-deadline background job is left out so that what a test reads comes from the read path alone:
/// a deadline that passes is reported even though no job has recorded it yet (tests run the job by hand).</para>
/// </remarks>
/// <para>Accounts: <see cref="ClientAs"/> gives a client that calls as an account of a role (a delegation with its
/// state), with a bearer token; the accounts and tokens are written into the store directly, so they add nothing to
/// the log. Lockout comes after 3 failed sign-ins; the rate limits are high unless a subclass lowers them
/// (<see cref="Settings"/>).</para>
public class ConcordFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>
    /// "Now" when each host starts: after every fact of the data pack, the last of them Lavrov's statement of 2025-08-24:
    /// an importer refuses a fact dated after today, so the seed would not load before it.
    /// </summary>
    public static readonly Instant Start = Instant.FromUtc(2025, 9, 15, 9, 0);

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"concord-web-tests-{Guid.NewGuid():N}.db");

    public FakeClock Clock { get; } = new(Start);

    private readonly AccountClients _accounts;

    public ConcordFactory() => _accounts = new AccountClients(() => CreateClient(), () => Services, () => Clock.GetCurrentInstant());

    /// <summary>A client calling the API as the test account of <paramref name="role"/> (for a delegation, of
    /// <paramref name="nationality"/>), with a personal access token. The same client for the same account.</summary>
    public HttpClient ClientAs(Role role, string? nationality = null) => _accounts.As(role, nationality);

    /// <summary>The secretariat's client: reads everything, opens and runs decisions.</summary>
    public HttpClient Secretariat => ClientAs(Role.Secretariat);

    /// <summary>The delegation of <paramref name="state"/>: records that state's positions.</summary>
    public HttpClient Delegation(string state) => ClientAs(Role.Delegation, state);

    /// <summary>Settings of this host beyond the store's; a subclass adds or overrides (e.g. low rate limits).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Concord:Accounts:MaxFailedAttempts", "3"),
        new("Concord:RateLimits:SignInPerMinute", "1000"),
        new("Concord:RateLimits:WritesPerMinute", "100000"),
        // No test reaches beyond loopback: webhooks registered here are never sent (the dispatch is tested where it runs).
        new("Concord:Webhooks:Dispatch", "false"),
    ];

    public string DatabasePath => _databasePath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting reaches WebApplication.CreateBuilder as arguments, so AddConcord sees it when it picks the store.
        builder.UseSetting("ConnectionStrings:Concord", $"Data Source={_databasePath}");
        builder.UseSetting("Concord:Database:Provider", "Sqlite");
        builder.UseSetting("Concord:SeedOnFirstRun", "true");
        // A page that starts the calibration backtest starts its fast mode: the suite shares two cores.
        builder.UseSetting("Concord:BacktestStepDays", "90");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(Clock);
            var job = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SilenceDeadlines));
            services.Remove(job);
        });
    }

    public async ValueTask InitializeAsync() => await SeededStore.CopyTo(_databasePath);

    /// <summary>Skips (or, under CI, fails) a test when this host's store is not available; the SQLite file always is.</summary>
    public virtual void Require() { }

    /// <summary>Opens the open copy of the Washington question once per host (<see cref="OpenQuestion.Open"/>); returns its id.</summary>
    public Task<string> OpenInvitation() => OpenQuestion.Open(Services);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(_databasePath + suffix);
    }
}
