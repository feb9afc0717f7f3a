using Concord.Features.EventLog;
using Concord.Features.Importing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Concord.Features.Storage;

/// <summary>Brings a store to the current schema (migrations of its provider) at start.</summary>
public static class StoreSetup
{
    /// <summary>Migrations after which the read models are projected again from the log (their shape changed).</summary>
    private static readonly string[] Reprojecting = ["_DecisionReadModel", "_LedgerAndReadinessReadModels", "_AccessionReadModel", "_SearchIndex"];

    /// <summary>Migrates the store under its setup lock (see <see cref="Prepare"/>).</summary>
    public static async Task Migrate(ConcordDbContext db, CancellationToken ct)
    {
        await using var held = await SetupLock.Take(db, ct);
        await MigrateHeld(db, ct);
    }

    private static async Task MigrateHeld(ConcordDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite() && db.Database.GetDbConnection() is SqliteConnection sqlite
            && new SqliteConnectionStringBuilder(sqlite.ConnectionString) is { DataSource: { Length: > 0 } file, Mode: not SqliteOpenMode.Memory }
            && file != ":memory:" && !file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            CreatePrivate(Path.GetFullPath(file));
        var (pending, rebuildOwed, _) = await History(db, ct);
        var known = db.Database.GetMigrations().Count();
        // A migration that reshapes the read models leaves them empty until a rebuild fills them. The rebuild is owed from
        // before the migration until it is done, and the store says so (a row in the migration history), so that a start
        // killed in between rebuilds on the next one instead of serving empty lists.
        if (!rebuildOwed && pending.Count < known && pending.Any(m => Reprojecting.Any(r => m.EndsWith(r, StringComparison.Ordinal)))
            && await db.Events.AnyAsync(ct))
        {
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('{RebuildOwed}', 'Concord')", ct);
            rebuildOwed = true;
        }
        // Migrate also compares the migrations with the model, which builds EF Core's design-time model (half a second
        // of every start) for a check that belongs in the tests (CompiledModelTests): with nothing pending, skip it.
        if (pending.Count > 0) await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        if (!rebuildOwed) return;
        KillPoint.Reached("setup:after-migrate", 1);
        await LogOperations.Rebuild(db, SystemClock.Instance, ct);
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '{RebuildOwed}'", ct);
    }

    /// <summary>
    /// The row of the migration history that says a migration reshaped the read models and their rebuild has not finished.
    /// It names no migration of this build, so EF Core passes over it.
    /// </summary>
    public const string RebuildOwed = "~ConcordReadModelRebuildOwed";

    /// <summary>
    /// Creates a new SQLite store file, and its folder when missing, readable by the owner only (0600, folder 0700) before
    /// SQLite first opens it: the file holds password and token hashes and SECRET payloads. SQLite gives the -wal and -shm
    /// files the same mode as the store. An existing file keeps the mode its operator gave it.
    /// </summary>
    public static void CreatePrivate(string file)
    {
        if (Path.GetDirectoryName(file) is { Length: > 0 } folder && !Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        if (OperatingSystem.IsWindows() || File.Exists(file)) return;
        try
        {
            // An empty file is a new database to SQLite.
            using var created = new FileStream(file, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another process created it first; it made it as it saw fit.
        }
    }

    /// <summary>
    /// Whether the store's connection cannot write: SQLite opened with <c>Mode=ReadOnly</c> (or as immutable), or a file this
    /// process may not write; on PostgreSQL a session whose transactions are read-only (a standby, or
    /// <c>default_transaction_read_only</c> set on the database, its role or the connection).
    /// </summary>
    public static async Task<bool> IsReadOnly(ConcordDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection is SqliteConnection sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(sqlite.ConnectionString);
            if (builder.Mode == SqliteOpenMode.ReadOnly) return true;
            var file = builder.DataSource;
            if (file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
                return file.Contains("immutable=1", StringComparison.OrdinalIgnoreCase) || file.Contains("mode=ro", StringComparison.OrdinalIgnoreCase);
            if (file is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory || !File.Exists(file)) return false;
            try
            {
                using var probe = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                return false;
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                return true;
            }
        }
        var opened = connection.State != System.Data.ConnectionState.Open;
        try
        {
            if (opened) await connection.OpenAsync(ct);
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT current_setting('transaction_read_only')";
                return await command.ExecuteScalarAsync(ct) is "on";
            }
            finally
            {
                if (opened) await connection.CloseAsync();
            }
        }
        catch (System.Data.Common.DbException e) when (e.SqlState == "3D000")
        {
            // The database does not exist yet; migrating creates it.
            return false;
        }
    }

    /// <summary>
    /// This build's migrations that the store has not applied, whether it owes a rebuild, and whether it has a migration
    /// history at all (false: no store yet, or no such PostgreSQL database). EF Core's own answer builds a model of its history table
    /// and compiles a query for it on every start; one plain SELECT of the same table says the same.
    /// </summary>
    internal static async Task<(List<string> Pending, bool RebuildOwed, bool Exists)> History(ConcordDbContext db, CancellationToken ct)
    {
        var known = db.Database.GetMigrations().ToList();
        var exists = db.Database.IsSqlite()
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'"
            : "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = '__EFMigrationsHistory' AND schemaname = ANY (current_schemas(false))";
        // The connection itself, not EF Core's wrapper, so a server that cannot be reached fails as the provider's DbException.
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        try
        {
            if (opened) await connection.OpenAsync(ct);
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = exists;
                if (Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0) return (known, false, false);
                command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"";
                var applied = new HashSet<string>(StringComparer.Ordinal);
                await using (var reader = await command.ExecuteReaderAsync(ct))
                    while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
                return ([.. known.Where(m => !applied.Contains(m))], applied.Contains(RebuildOwed), true);
            }
            finally
            {
                if (opened) await connection.CloseAsync();
            }
        }
        catch (System.Data.Common.DbException e) when (e.SqlState == "3D000")
        {
            // PostgreSQL: the database does not exist yet; migrating creates it.
            return (known, false, false);
        }
    }

    /// <summary>
    /// Migrates the store and, on a new store (unless <see cref="ConcordOptions.SeedOnFirstRun"/> is false), loads the
    /// data pack through the importers, completing a first-run seed that was cut short (<see cref="Seeder.Seed"/>): what
    /// the web host does at start, and the CLI before every command but <c>import log</c>. All of it under the store's
    /// setup lock, so any number of instances can start together on one store: the first migrates and seeds, the others
    /// wait for it and find nothing left to do.
    /// </summary>
    public static async Task Prepare(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
        var options = scope.ServiceProvider.GetRequiredService<ConcordOptions>();
        var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Concord.Store");
        var phase = System.Diagnostics.Stopwatch.StartNew();
        if (await IsReadOnly(db, ct))
        {
            // A read-only store (a standby, a database set read-only, a file opened read-only) is served as it is: it can be
            // read, and every write is refused with 503 and nothing stored. It is never migrated or seeded, nor locked.
            switch (await ReadOnlyStore.Inspect(db, ct))
            {
                case ReadOnlyState.Outdated: throw new StoreNotReadable(ReadOnlyStore.OutdatedReason);
                case ReadOnlyState.Missing:
                    throw new StoreNotReadable("The store is read-only and holds no Concord store yet, which Concord cannot create there. "
                        + "Start Concord once on a writable store, or point it at one that exists.");
            }
            log.LogWarning("The store is read-only: Concord serves what it holds, and every write answers 503 with nothing stored. "
                + "It was neither migrated nor seeded (checked in {ElapsedMs:N0} ms).", phase.ElapsedMilliseconds);
            return;
        }
        await using var held = await SetupLock.Take(db, ct);
        if (phase.ElapsedMilliseconds > 1000) log.LogInformation("Startup: waited {ElapsedMs:N0} ms for another instance to prepare the store", phase.ElapsedMilliseconds);
        await MigrateHeld(db, ct);
        log.LogInformation("Startup: migrations checked in {ElapsedMs:N0} ms", phase.ElapsedMilliseconds);
        if (!options.SeedOnFirstRun) return;
        phase.Restart();
        var reports = await Seeder.Seed(db, scope.ServiceProvider.GetRequiredService<IClock>(),
            options.DataDirectory ?? Seeder.DefaultDataDirectory(), ct);
        foreach (var (file, version, upgrade, report) in reports)
            if (!report.Succeeded)
                log.LogWarning("The data pack's version {Version} of {File} was not applied: the store refuses it ({Errors}). The store keeps its earlier "
                    + "version of the file; the upgrade is tried again on the next start.", version, file, string.Join("; ", report.Errors));
            else if (upgrade)
                log.LogInformation("Upgraded {File} to the data pack's version {Version}: {Rows} rows, {Added} events appended (new facts, restatements, corrections; nothing rewritten)",
                    file, version, report.Rows, report.Added);
            else log.LogInformation("Seeded {File} (version {Version}): {Rows} rows, {Added} events", file, version, report.Rows, report.Added);
        if (reports.Count > 0)
            log.LogInformation("Startup: seeded {Files} data files ({Upgraded} of them upgrades of an earlier pack's) in {ElapsedMs:N0} ms",
                reports.Count, reports.Count(r => r.Upgrade), phase.ElapsedMilliseconds);
        else
            log.LogInformation("Startup: store already seeded or filled, nothing seeded (checked in {ElapsedMs:N0} ms)", phase.ElapsedMilliseconds);
    }
}
