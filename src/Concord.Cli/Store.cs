using Concord.Features;
using Concord.Features.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Concord.Cli;

/// <summary>Whether a command loads the data pack into a store that has no events yet.</summary>
public enum Seeding
{
    /// <summary>Seed an empty store (unless <c>Concord:SeedOnFirstRun</c> is false), as <c>concord serve</c> does.</summary>
    WhenEmpty,

    /// <summary>Only migrate: <c>concord import log</c> needs the store to stay empty.</summary>
    Never,
}

/// <summary>An open, migrated store for one command: its DbContext and clock, disposed with the command.</summary>
public sealed class Store : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _scope;

    private Store(ServiceProvider services)
    {
        _services = services;
        _scope = services.CreateAsyncScope();
    }

    public ConcordDbContext Db => _scope.ServiceProvider.GetRequiredService<ConcordDbContext>();

    public IClock Clock => _scope.ServiceProvider.GetRequiredService<IClock>();

    /// <summary>Who the CLI records as the writer of the events it appends.</summary>
    public WriteContext Writer { get; } = new($"cli:{Environment.UserName}");

    public static async Task<Store> Open(IConfiguration configuration, Seeding seeding, CancellationToken ct)
    {
        var store = new Store(Services(configuration));
        if (seeding == Seeding.WhenEmpty) await StoreSetup.Prepare(store._services, ct);
        else await StoreSetup.Migrate(store.Db, ct);
        return store;
    }

    private static ServiceProvider Services(IConfiguration configuration)
    {
        var services = new ServiceCollection().AddLogging();
        try
        {
            services.AddConcord(configuration);
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigurationProblem(e.Message, e);
        }
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
    }
}
