using System.Diagnostics;
using Concord.Features.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Concord.Benchmarks;

/// <summary>Where the benchmark stores live and how Concord's SQLite contexts are made for them.</summary>
public static class Stores
{
    /// <summary>Bump when the synthetic log's content changes, so cached stores are regenerated.</summary>
    public const string GeneratorVersion = "v1";

    /// <summary>The 1M-event shape: 32 Allies + 10,000 decisions x (1 opened + 99 position events) = 1,000,032 events.</summary>
    public static readonly LogShape Million = new(Decisions: 10_000, EventsPerDecision: 100, ActiveDecisions: 250);

    /// <summary>Cached stores: $CONCORD_BENCH_CACHE, else a folder under the temp directory.</summary>
    public static string CacheDirectory =>
        Environment.GetEnvironmentVariable("CONCORD_BENCH_CACHE") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Path.GetTempPath(), "concord-bench");

    public static string ConnectionString(string file, bool pooling = true) =>
        new SqliteConnectionStringBuilder { DataSource = file, Pooling = pooling }.ToString();

    /// <summary>Options built once per store, as the web host's DI does; a new context per operation, as per request.</summary>
    public static DbContextOptions<SqliteConcordDbContext> Options(string file, bool pooling = true) =>
        new DbContextOptionsBuilder<SqliteConcordDbContext>().UseSqlite(ConnectionString(file, pooling)).Options;

    /// <summary>The newest migration of the SQLite store: part of the cache key, so a schema change regenerates.</summary>
    public static string SchemaVersion()
    {
        using var db = new SqliteConcordDbContext(Options(":memory:", pooling: false));
        return db.Database.GetMigrations().LastOrDefault() ?? "none";
    }

    /// <summary>The append benchmark's store: 2,000 decisions of 33 events (opened + 32 positions, like the seeded Ukraine decision).</summary>
    public static readonly LogShape Small = new(Decisions: 2_000, EventsPerDecision: 33, ActiveDecisions: 100);

    /// <summary>The cached 1M-event store, generated on first use (minutes) and reused afterwards.</summary>
    public static Task<string> EnsureMillionEventStore(CancellationToken ct = default) => EnsureStore(Million, ct);

    /// <summary>The cached store of <paramref name="shape"/>, generated on first use and reused afterwards.</summary>
    public static Task<string> EnsureStore(LogShape shape, CancellationToken ct = default) =>
        EnsureCached($"concord-{GeneratorVersion}-{SchemaVersion()}-{shape.Decisions}x{shape.EventsPerDecision}.db",
            $"{shape.TotalEvents:N0} events", async partial => await SyntheticLog.Write(partial, shape, ct));

    /// <summary>Bump when the synthetic accession changes, so the cached accession store is regenerated.</summary>
    public const string AccessionVersion = "a1";

    /// <summary>
    /// The 1M-event store plus the synthetic accession of Serbia (32 tracks x 6 stages) and the Allies' procedures,
    /// added through Concord's use cases (<see cref="SyntheticAccession"/>): generated once from a copy of the cached
    /// 1M store, keyed by both versions and the schema.
    /// </summary>
    public static async Task<string> EnsureAccessionStore(CancellationToken ct = default)
    {
        var million = await EnsureMillionEventStore(ct);
        var name = Path.GetFileNameWithoutExtension(million) + $"-accession-{AccessionVersion}.db";
        return await EnsureCached(name, $"the accession of {SyntheticAccession.Candidate} on a copy of {Path.GetFileName(million)}", async partial =>
        {
            File.Copy(million, partial);
            await SyntheticAccession.Write(partial, ct);
            SqliteConnection.ClearAllPools();
            using var check = OpenRaw(partial);
            var events = (long)Scalar(check, "SELECT COUNT(*) FROM events")!;
            if (events != Million.TotalEvents + SyntheticAccession.AddedEvents)
                throw new InvalidOperationException($"{events:N0} events; expected {Million.TotalEvents + SyntheticAccession.AddedEvents:N0}.");
            return events;
        });
    }

    /// <summary>
    /// <paramref name="name"/> in the cache folder; when missing, <paramref name="write"/> creates it under a
    /// per-process partial name (returning its event count), which is moved into place once checkpointed.
    /// </summary>
    private static async Task<string> EnsureCached(string name, string what, Func<string, Task<long>> write)
    {
        var file = Path.Combine(CacheDirectory, name);
        if (File.Exists(file)) return file;
        Directory.CreateDirectory(CacheDirectory);
        var partial = file + $".{Environment.ProcessId}.partial";
        Console.WriteLine($"// Generating {what} at {file} (once; cached afterwards)...");
        var watch = Stopwatch.StartNew();
        try
        {
            Delete(partial);
            var events = await write(partial);
            SqliteConnection.ClearAllPools();
            if (File.Exists(partial + "-wal") && new FileInfo(partial + "-wal").Length > 0)
                throw new InvalidOperationException("The generated store was not checkpointed.");
            Delete(partial + "-wal");
            Delete(partial + "-shm");
            File.Move(partial, file, overwrite: true);
            Console.WriteLine($"// Generated {events:N0} events, {new FileInfo(file).Length / 1024 / 1024:N0} MiB, in {watch.Elapsed.TotalSeconds:N1} s.");
        }
        finally
        {
            Delete(partial);
        }
        return file;
    }

    /// <summary>A fresh temporary folder for one benchmark process.</summary>
    public static string NewWorkDirectory(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "concord-bench-work", $"{name}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Deletes a SQLite file and its WAL companions, after releasing pooled connections.</summary>
    public static void Delete(string file)
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
            if (File.Exists(f)) File.Delete(f);
    }

    /// <summary>Copies a store (checkpointed: the cached file has no WAL left once its writer closed).</summary>
    public static void Copy(string from, string to)
    {
        Delete(to);
        File.Copy(from, to);
    }

    public static SqliteConnection OpenRaw(string file, bool pooling = false)
    {
        var connection = new SqliteConnection(ConnectionString(file, pooling));
        connection.Open();
        return connection;
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
