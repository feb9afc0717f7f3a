using System.Diagnostics;
using Concord.Features.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Concord.Benchmarks;

/// <summary>
/// Where the benchmark stores live and how they are made. Every generated store is first written as an export file
/// (<see cref="LogExport"/>), which does not depend on the code under test and is cached as it is, then loaded by
/// Concord's own command line, <c>concord import log</c> (checks every hash, rebuilds the read models), into a store
/// cached under the identity of the code that imported it: after a change to Concord the same exports are imported
/// again by the new code, so a store's read models are always the ones this code builds.
/// </summary>
public static class Stores
{
    /// <summary>Bump when the uniform synthetic log's content changes, so its cached exports are regenerated.</summary>
    public const string GeneratorVersion = "v1";

    /// <summary>The 1M-event shape: 32 Allies + 10,000 decisions x (1 opened + 99 position events) = 1,000,032 events.</summary>
    public static readonly LogShape Million = new(Decisions: 10_000, EventsPerDecision: 100, ActiveDecisions: 250);

    /// <summary>The append benchmark's store: 2,000 decisions of 33 events (opened + 32 positions, like the seeded Ukraine decision).</summary>
    public static readonly LogShape Small = new(Decisions: 2_000, EventsPerDecision: 33, ActiveDecisions: 100);

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

    /// <summary>
    /// The identity of the Concord code under test: a hash of the sources under src/ (paths and contents, bin and obj
    /// left out), the same in this program and in BenchmarkDotNet's copies of it, which are built elsewhere. Part of
    /// every cached store's name.
    /// </summary>
    public static string CodeVersion { get; } = ConcordCli.SourceVersion();

    // ---- Export files: independent of the code under test, cached as they are. ----

    /// <summary>
    /// The export of a freshly seeded store: <c>concord export</c> on a new file, which the command line seeds from the
    /// data pack first, as the web host does on its first run. Made once; delete it to take a newer data pack.
    /// </summary>
    public static Task<string> EnsureSeedExport() =>
        EnsureFile("export-seed.jsonl", "the seeded store's export", partial =>
        {
            var dir = NewWorkDirectory("seed");
            try
            {
                ConcordCli.Run(["--database", Path.Combine(dir, "concord.db"), "export", partial]);
                return Task.FromResult(File.ReadLines(partial).LongCount());
            }
            finally
            {
                Delete(Path.Combine(dir, "concord.db"));
                Directory.Delete(dir, recursive: true);
            }
        });

    /// <summary>The uniform synthetic log of <paramref name="shape"/> as an export file.</summary>
    public static Task<string> EnsureUniformExport(LogShape shape) =>
        EnsureFile($"export-{GeneratorVersion}-uniform-{shape.Decisions}x{shape.EventsPerDecision}.jsonl", $"{shape.TotalEvents:N0} uniform events",
            partial =>
            {
                using var output = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
                return Task.FromResult(SyntheticLog.WriteExport(output, shape));
            });

    /// <summary>The seeded store's export followed by the realistic decisions of <paramref name="shape"/>.</summary>
    public static async Task<string> EnsureRealisticExport(RealisticShape shape)
    {
        var seed = await EnsureSeedExport();
        // Named after the seed it continues, so a new seed never meets an old continuation.
        var seedHead = File.ReadLines(seed).Last().Split("\"hash\":\"")[1][..8];
        return await EnsureFile($"export-{RealisticLog.Version}-{shape.Name}-on-seed-{seedHead}.jsonl", $"{shape.Name} ({shape.Events:N0} events on the seed)",
            partial =>
            {
                RealisticLog.Summary summary;
                using (var output = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
                    summary = RealisticLog.Write(output, seed, shape);
                Console.WriteLine($"// {shape.Name}: {summary}");
                File.WriteAllText(partial + ".txt", summary + Environment.NewLine);
                return Task.FromResult(summary.SeedEvents + summary.Events);
            });
    }

    // ---- Stores: an export imported by this code's command line. ----

    /// <summary>The store <c>concord import log</c> makes of <paramref name="export"/>, cached per <see cref="CodeVersion"/>.</summary>
    public static Task<string> EnsureImported(string export)
    {
        return EnsureStoreFile(Path.GetFileNameWithoutExtension(export), $"the import of {Path.GetFileName(export)}", async partial =>
        {
            ConcordCli.Run(["--database", partial, "import", "log", export]);
            SqliteConnection.ClearAllPools();
            using var check = OpenRaw(partial);
            var events = (long)Scalar(check, "SELECT COUNT(*) FROM events")!;
            var lines = File.ReadLines(export).LongCount();
            return events == lines ? events : throw new InvalidOperationException($"Imported {events:N0} events of {lines:N0}.");
        });
    }

    /// <summary>The store of the uniform log of <paramref name="shape"/>.</summary>
    public static async Task<string> EnsureStore(LogShape shape) => await EnsureImported(await EnsureUniformExport(shape));

    /// <summary>The cached 1M-event store (generated on first use, minutes; reused afterwards).</summary>
    public static Task<string> EnsureMillionEventStore() => EnsureStore(Million);

    /// <summary>The seeded store: what the web host makes on its first run (here imported from its export).</summary>
    public static async Task<string> EnsureSeededStore() => await EnsureImported(await EnsureSeedExport());

    /// <summary>The seeded store followed by the realistic decisions of <paramref name="shape"/>.</summary>
    public static async Task<string> EnsureRealisticStore(RealisticShape shape) => await EnsureImported(await EnsureRealisticExport(shape));

    /// <summary>Bump when the synthetic accession changes, so the cached accession store is regenerated.</summary>
    public const string AccessionVersion = "a1";

    /// <summary>
    /// The 1M-event store plus the synthetic accession of Serbia (32 tracks x 6 stages) and the Allies' procedures,
    /// added through Concord's use cases (<see cref="SyntheticAccession"/>): generated once from a copy of the cached
    /// 1M store, keyed by both versions and the code.
    /// </summary>
    public static async Task<string> EnsureAccessionStore()
    {
        var million = await EnsureMillionEventStore();
        var kind = Path.GetFileNameWithoutExtension(await EnsureUniformExport(Million)) + $"-accession-{AccessionVersion}";
        return await EnsureStoreFile(kind, $"the accession of {SyntheticAccession.Candidate} on a copy of {Path.GetFileName(million)}",
            async partial =>
            {
                File.Copy(million, partial);
                await SyntheticAccession.Write(partial, CancellationToken.None);
                SqliteConnection.ClearAllPools();
                using var check = OpenRaw(partial);
                var events = (long)Scalar(check, "SELECT COUNT(*) FROM events")!;
                if (events != Million.TotalEvents + SyntheticAccession.AddedEvents)
                    throw new InvalidOperationException($"{events:N0} events; expected {Million.TotalEvents + SyntheticAccession.AddedEvents:N0}.");
                return events;
            });
    }

    /// <summary>
    /// A cached SQLite store of <paramref name="kind"/> made by this code: made when missing and checkpointed; the same
    /// kind made by other code is removed, so the cache does not grow with every change.
    /// </summary>
    private static async Task<string> EnsureStoreFile(string kind, string what, Func<string, Task<long>> write)
    {
        var file = await EnsureFile($"concord-{CodeVersion}-{kind}.db", what, async partial =>
        {
            var events = await write(partial);
            SqliteConnection.ClearAllPools();
            using (var connection = OpenRaw(partial)) Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
            SqliteConnection.ClearAllPools();
            if (File.Exists(partial + "-wal") && new FileInfo(partial + "-wal").Length > 0)
                throw new InvalidOperationException("The generated store was not checkpointed.");
            Delete(partial + "-wal");
            Delete(partial + "-shm");
            return events;
        });
        foreach (var stale in Directory.GetFiles(CacheDirectory, $"concord-*-{kind}.db"))
            if (stale != file && !stale.Contains(CodeVersion, StringComparison.Ordinal)) Delete(stale);
        return file;
    }

    /// <summary>
    /// <paramref name="name"/> in the cache folder; when missing, <paramref name="write"/> creates it under a
    /// per-process partial name (returning its event count), which is moved into place once complete.
    /// </summary>
    private static async Task<string> EnsureFile(string name, string what, Func<string, Task<long>> write)
    {
        var file = Path.Combine(CacheDirectory, name);
        if (File.Exists(file)) return file;
        Directory.CreateDirectory(CacheDirectory);
        var partial = Path.Combine(CacheDirectory, $"{Path.GetFileNameWithoutExtension(name)}.{Environment.ProcessId}.partial{Path.GetExtension(name)}");
        Console.WriteLine($"// Generating {what} at {file} (once; cached afterwards)...");
        var watch = Stopwatch.StartNew();
        try
        {
            Delete(partial);
            var events = await write(partial);
            File.Move(partial, file, overwrite: true);
            if (File.Exists(partial + ".txt")) File.Move(partial + ".txt", file + ".txt", overwrite: true);
            Console.WriteLine($"// Generated {events:N0} events, {new FileInfo(file).Length / 1024 / 1024:N0} MiB, in {watch.Elapsed.TotalSeconds:N1} s.");
        }
        finally
        {
            Delete(partial);
            if (File.Exists(partial + ".txt")) File.Delete(partial + ".txt");
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
