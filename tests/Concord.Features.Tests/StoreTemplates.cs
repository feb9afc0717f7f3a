using Concord.Features.Importing;
using Concord.Features.Storage;
using Concord.Tests;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime;
using NodaTime.Testing;

namespace Concord.Features.Tests;

/// <summary>
/// The stores <see cref="TestStore"/> copies, one per provider and per content (migrated; migrated and seeded from
/// data/), each prepared once per test process: a SQLite file copied with <see cref="File.Copy(string, string)"/>, a
/// PostgreSQL database copied with <c>CREATE DATABASE … TEMPLATE</c>.
/// </summary>
/// <remarks>The seeded ones are seeded at <see cref="SeededAt"/>, the instant each <see cref="TestStore"/>'s clock
/// starts at, so a copy holds exactly what seeding the test's own store used to record.</remarks>
internal static class StoreTemplates
{
    public static readonly Instant SeededAt = Instant.FromUtc(2026, 11, 29, 12, 0);

    private static readonly SqliteTemplate SqliteMigrated = new("features-migrated", path => Prepare(Sqlite(path), seed: false));
    private static readonly SqliteTemplate SqliteSeeded = new("features-seeded", path => Prepare(Sqlite(path), seed: true));
    private static readonly Lock PostgresLock = new();
    private static PostgresTemplate? _postgresMigrated;
    private static PostgresTemplate? _postgresSeeded;

    public static Task CopySqlite(string path, bool seed) => (seed ? SqliteSeeded : SqliteMigrated).CopyTo(path);

    public static Task CreatePostgres(string admin, string name, bool seed)
    {
        PostgresTemplate template;
        lock (PostgresLock)
            template = seed
                ? _postgresSeeded ??= new PostgresTemplate(admin, connection => Prepare(Postgres(connection), seed: true))
                : _postgresMigrated ??= new PostgresTemplate(admin, connection => Prepare(Postgres(connection), seed: false));
        return template.CreateCopy(name);
    }

    private static async Task Prepare(ConcordDbContext db, bool seed)
    {
        await using (db)
        {
            await StoreSetup.Migrate(db, CancellationToken.None);
            if (seed) await Seeder.Seed(db, new FakeClock(SeededAt), Path.Combine(AppContext.BaseDirectory, "data"), CancellationToken.None);
        }
    }

    private static SqliteConcordDbContext Sqlite(string path) =>
        new(new DbContextOptionsBuilder<SqliteConcordDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options);

    private static PostgresConcordDbContext Postgres(string connection) =>
        new(new DbContextOptionsBuilder<PostgresConcordDbContext>().UseNpgsql(connection, o => o.UseNodaTime()).Options);
}

/// <summary>
/// A PostgreSQL database prepared once per test process and copied with <c>CREATE DATABASE name TEMPLATE template</c>,
/// dropped when the process exits (a throwaway cluster that dies first takes it along anyway).
/// </summary>
/// <remarks>PostgreSQL refuses to copy a database that has other sessions: the template is prepared over unpooled
/// connections, so none stays open once it is ready, and the copies are made one at a time.</remarks>
internal sealed class PostgresTemplate
{
    private static readonly SemaphoreSlim CopyGate = new(1, 1);

    private readonly string _admin;
    private readonly string _name = "concord_tpl_" + Guid.NewGuid().ToString("N")[..16];
    private readonly Lazy<Task> _ready;

    /// <param name="admin">A connection string to a database of the server other than the template (postgres).</param>
    /// <param name="prepare">Fills the template over the connection string it is given; runs once, on the thread pool.</param>
    public PostgresTemplate(string admin, Func<string, Task> prepare)
    {
        _admin = admin;
        _ready = new Lazy<Task>(() => Task.Run(async () =>
        {
            await Execute(_admin, $"CREATE DATABASE {_name}");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Drop();
            await prepare(new NpgsqlConnectionStringBuilder(_admin) { Database = _name, Pooling = false }.ConnectionString);
        }));
    }

    public async Task CreateCopy(string name)
    {
        await _ready.Value;
        await CopyGate.WaitAsync();
        try { await Execute(_admin, $"CREATE DATABASE {name} TEMPLATE {_name}"); }
        finally { CopyGate.Release(); }
    }

    private static async Task Execute(string connection, string sql)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn);
        await command.ExecuteNonQueryAsync();
    }

    private void Drop()
    {
        try
        {
            using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_admin) { Pooling = false, Timeout = 5 }.ConnectionString);
            conn.Open();
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", conn);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The server may be gone already; its cluster is thrown away with the template in it.
        }
    }
}
