using Concord.Features;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime.Testing;

namespace Concord.Features.Tests;

public enum StoreKind { Sqlite, Postgres }

/// <summary>
/// A fresh, migrated store for one test: a temporary SQLite file, or a new database on the PostgreSQL server
/// named by CONCORD_TEST_POSTGRES (scripts/test starts one), each a copy of a template prepared once per process. Without that variable the PostgreSQL cases are
/// skipped locally but FAIL under CI=true, so a missing install step turns CI red.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string PostgresVariable = "CONCORD_TEST_POSTGRES";

    private readonly string _connection;
    private readonly string? _postgresAdmin;
    private readonly string _name;

    private TestStore(StoreKind kind, string connection, string name, string? postgresAdmin)
    {
        Kind = kind;
        _connection = connection;
        _name = name;
        _postgresAdmin = postgresAdmin;
    }

    public StoreKind Kind { get; }

    /// <summary>Now, for every use case in the test: 2026-11-29 12:00 UTC unless a test moves it.</summary>
    public FakeClock Clock { get; } = new(StoreTemplates.SeededAt);

    public static TheoryData<StoreKind> Kinds => new(StoreKind.Sqlite, StoreKind.Postgres);

    /// <summary>A new store for one test, migrated and, with <paramref name="seed"/>, seeded from data/ at
    /// <see cref="Clock"/>'s start: a copy of the process's template of that provider (<see cref="StoreTemplates"/>).</summary>
    public static async Task<TestStore> Create(StoreKind kind, bool seed = false)
    {
        var name = "concord_t_" + Guid.NewGuid().ToString("N")[..16];
        if (kind == StoreKind.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), name + ".db");
            await StoreTemplates.CopySqlite(file, seed);
            return new TestStore(kind, $"Data Source={file};Pooling=False", name, null);
        }
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
                Assert.Fail($"{PostgresVariable} is not set under CI: scripts/test must start PostgreSQL.");
            Assert.Skip($"{PostgresVariable} is not set; run scripts/test to include PostgreSQL.");
        }
        await StoreTemplates.CreatePostgres(admin, name, seed);
        return new TestStore(kind, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, name, admin);
    }

    /// <summary>A new unit of work on this store (dispose it).</summary>
    public ConcordDbContext NewContext() => Kind == StoreKind.Sqlite
        ? new SqliteConcordDbContext(new DbContextOptionsBuilder<SqliteConcordDbContext>().UseSqlite(_connection).Options)
        : new PostgresConcordDbContext(new DbContextOptionsBuilder<PostgresConcordDbContext>().UseNpgsql(_connection, o => o.UseNodaTime()).Options);

    public async Task<int> EventCount()
    {
        await using var db = NewContext();
        return await db.Events.CountAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Kind == StoreKind.Sqlite)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(Path.Combine(Path.GetTempPath(), _name + ".db" + suffix));
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(_postgresAdmin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
