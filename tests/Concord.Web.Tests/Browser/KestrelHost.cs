using System.Net;
using Concord.Domain;
using Concord.Features.Access;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Testing;

namespace Concord.Web.Tests.Browser;

/// <summary>
/// The real Concord host on Kestrel at 127.0.0.1 (a free port), over its own temporary SQLite file seeded from
/// data/ (a copy of <see cref="SeededStore"/>), with the clock held at <see cref="ConcordFactory.Start"/>. One per
/// browser test class. It opens the accounts the browser tests sign in with, through the real sign-in page
/// (<see cref="Accounts"/>, password <see cref="TestAccounts.Password"/>).
/// </summary>
public sealed class KestrelHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"concord-browser-tests-{Guid.NewGuid():N}.db");

    public KestrelHost() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    public FakeClock Clock { get; } = new(ConcordFactory.Start);

    /// <summary>The accounts of this host: the secretariat, an analyst, the delegations of Germany and Hungary, and a newcomer not yet enrolled.</summary>
    public static readonly TestAccount[] Accounts =
    [
        new("secretariat", Role.Secretariat, null, Marking.NatoSecret, TestAccounts.Password),
        new("analyst", Role.Analyst, null, Marking.NatoSecret, TestAccounts.Password),
        new("delegation-deu", Role.Delegation, "DEU", Marking.NatoSecret, TestAccounts.Password),
        new("delegation-hun", Role.Delegation, "HUN", Marking.NatoSecret, TestAccounts.Password),
        // Cleared NATO SECRET with no authenticator yet: it sets one up at its first sign-in.
        new("newcomer", Role.Analyst, null, Marking.NatoSecret, TestAccounts.Password, Enrolled: false),
    ];

    /// <summary>Opens the open copy of the Washington question once per host (<see cref="OpenQuestion.Open"/>); returns its id.</summary>
    public Task<string> OpenInvitation() => OpenQuestion.Open(Services);

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Concord", $"Data Source={_databasePath}");
        builder.UseSetting("Concord:Database:Provider", "Sqlite");
        builder.UseSetting("Concord:SeedOnFirstRun", "true");
        builder.UseSetting("Concord:RateLimits:SignInPerMinute", "1000");
        builder.UseSetting("Concord:RateLimits:WritesPerMinute", "100000");
        // The calibration page's backtest in its fast mode (origins every 90 days): each host computes its own.
        builder.UseSetting("Concord:BacktestStepDays", "90");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(Clock);
            var job = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SilenceDeadlines));
            services.Remove(job);
        });
    }

    public async ValueTask InitializeAsync()
    {
        await SeededStore.CopyTo(_databasePath);
        StartServer();
        foreach (var account in Accounts) await TestAccounts.Ensure(Services, account);
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        BaseUrl = new Uri(address.TrimEnd('/') + "/");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(_databasePath + suffix);
    }
}
