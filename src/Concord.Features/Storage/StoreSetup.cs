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
    private static readonly string[] Reprojecting = ["_DecisionReadModel", "_LedgerAndReadinessReadModels", "_AccessionReadModel"];

    public static async Task Migrate(ConcordDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite() && db.Database.GetDbConnection() is SqliteConnection sqlite
            && new SqliteConnectionStringBuilder(sqlite.ConnectionString).DataSource is { Length: > 0 } file
            && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            Directory.CreateDirectory(folder);
        var pending = await db.Database.GetPendingMigrationsAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        if (pending.Any(m => Reprojecting.Any(r => m.EndsWith(r, StringComparison.Ordinal))) && await db.Events.AnyAsync(ct))
            await LogOperations.Rebuild(db, SystemClock.Instance, ct);
    }

    /// <summary>
    /// Migrates the store and, on an empty store (unless <see cref="ConcordOptions.SeedOnFirstRun"/> is false), loads the
    /// data pack through the importers: what the web host does at start, and the CLI before every command but
    /// <c>import log</c>.
    /// </summary>
    public static async Task Prepare(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
        var options = scope.ServiceProvider.GetRequiredService<ConcordOptions>();
        var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Concord.Store");
        var phase = System.Diagnostics.Stopwatch.StartNew();
        await Migrate(db, ct);
        log.LogInformation("Startup: migrations checked in {ElapsedMs:N0} ms", phase.ElapsedMilliseconds);
        if (!options.SeedOnFirstRun) return;
        phase.Restart();
        var reports = await Seeder.SeedIfEmpty(db, scope.ServiceProvider.GetRequiredService<IClock>(),
            options.DataDirectory ?? Seeder.DefaultDataDirectory(), ct);
        foreach (var (file, report) in reports) log.LogInformation("Seeded {File}: {Rows} rows, {Added} events", file, report.Rows, report.Added);
        if (reports.Count > 0)
            log.LogInformation("Startup: seeded {Files} data files in {ElapsedMs:N0} ms", reports.Count, phase.ElapsedMilliseconds);
        else
            log.LogInformation("Startup: store already has events, nothing seeded (checked in {ElapsedMs:N0} ms)", phase.ElapsedMilliseconds);
    }
}
