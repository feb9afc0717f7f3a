using System.CommandLine;
using System.Data.Common;
using Microsoft.Extensions.Configuration;

namespace Concord.Cli;

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
        catch (DbException e)
        {
            return terminal.Fail($"The store cannot be used: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ConfigurationProblem or Features.Storage.StoreNotReadable)
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

    /// <summary>Opens the chosen store only to read it (<see cref="Store.OpenReadOnly"/>), runs <paramref name="work"/> on it and closes it.</summary>
    public Task<int> RunReadOnly(ParseResult parse, Terminal terminal, Func<Store, Task<int>> work, CancellationToken ct) =>
        Run(parse, terminal, async configuration =>
        {
            await using var store = await Store.OpenReadOnly(configuration, ct);
            return await work(store);
        });
}

/// <summary>The configuration names a store that cannot be used (e.g. PostgreSQL without a connection string).</summary>
public sealed class ConfigurationProblem(string message, Exception inner) : Exception(message, inner);
