using System.CommandLine;
using System.Data.Common;
using Concord.Features;
using Concord.Features.Storage;
using Concord.Web.Hosting;
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

/// <summary>
/// The global options that choose the store, over configuration (appsettings.json beside the executable, then
/// environment variables such as <c>Concord__Database__Provider</c> and <c>ConnectionStrings__Concord</c>).
/// </summary>
public sealed class StoreChoice
{
    public Option<string?> Database { get; } = new("--database")
    {
        Description = "The SQLite file to use (overrides configuration).", Recursive = true, HelpName = "PATH",
    };

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "Use PostgreSQL with this connection string instead of SQLite.", Recursive = true, HelpName = "CONNSTRING",
    };

    /// <summary>The configuration keys the options set, to lay over every other source.</summary>
    public IReadOnlyDictionary<string, string?> Overrides(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(Database) is { } file)
        {
            overrides["Concord:Database:Provider"] = "Sqlite";
            overrides["ConnectionStrings:Concord"] = $"Data Source={Path.GetFullPath(file)}";
        }
        if (parse.GetValue(Postgres) is { } connection)
        {
            overrides["Concord:Database:Provider"] = "Postgres";
            overrides["ConnectionStrings:Concord"] = connection;
        }
        return overrides;
    }

    /// <summary>Why the options cannot be used as given, or null when they can.</summary>
    public string? Problem(ParseResult parse)
    {
        var (file, connection) = (parse.GetValue(Database), parse.GetValue(Postgres));
        if (file is not null && connection is not null) return "Use --database or --postgres, not both.";
        if (file is not null && string.IsNullOrWhiteSpace(file)) return "--database needs the path of a SQLite file.";
        if (connection is not null && string.IsNullOrWhiteSpace(connection)) return "--postgres needs a connection string.";
        return null;
    }

    public IConfiguration Configuration(ParseResult parse) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .AddInMemoryCollection(Overrides(parse))
        .Build();

    /// <summary>
    /// Runs <paramref name="work"/> with the configuration the options choose. A store that cannot be reached or a
    /// file that cannot be read is reported as a user error on stderr, not as a stack trace.
    /// </summary>
    public async Task<int> Run(ParseResult parse, Terminal terminal, Func<IConfiguration, Task<int>> work)
    {
        if (Problem(parse) is { } problem) return terminal.Fail(problem);
        try
        {
            return await work(Configuration(parse));
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or ConfigurationProblem)
        {
            return terminal.Fail(e.Message);
        }
    }

    /// <summary>Opens the chosen store, prepares it as <paramref name="seeding"/> says, runs <paramref name="work"/> on it and closes it.</summary>
    public Task<int> Run(ParseResult parse, Terminal terminal, Seeding seeding, Func<Store, Task<int>> work, CancellationToken ct) =>
        Run(parse, terminal, async configuration =>
        {
            await using var store = await Store.Open(configuration, seeding, ct);
            return await work(store);
        });
}

/// <summary>The configuration names a store that cannot be used (e.g. PostgreSQL without a connection string).</summary>
public sealed class ConfigurationProblem(string message, Exception inner) : Exception(message, inner);

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
        if (seeding == Seeding.WhenEmpty) await ConcordWebApp.PrepareStore(store._services, ct);
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
