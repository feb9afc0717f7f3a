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

    /// <summary>
    /// Opens the store only to read it (export, verify, audit, backup): read-only and never migrated or seeded, so a
    /// read-only copy of the file, a read-only mount or a PostgreSQL standby can be read. A store that does not exist yet
    /// is created as by any other command (there is nothing to protect); one at an older schema is refused, not migrated.
    /// </summary>
    public static async Task<Store> OpenReadOnly(IConfiguration configuration, CancellationToken ct)
    {
        var readOnly = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(ReadOnlyStore.Overrides(configuration)).Build();
        var store = new Store(Services(readOnly));
        try
        {
            switch (await ReadOnlyStore.Inspect(store.Db, ct))
            {
                case ReadOnlyState.Current: return store;
                case ReadOnlyState.Outdated: throw new StoreNotReadable(ReadOnlyStore.OutdatedReason);
            }
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
        await store.DisposeAsync();
        return await Open(configuration, Seeding.WhenEmpty, ct);
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
