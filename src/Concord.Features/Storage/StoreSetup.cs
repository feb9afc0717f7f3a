using Concord.Features.EventLog;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Storage;

/// <summary>Brings a store to the current schema (migrations of its provider) at start.</summary>
public static class StoreSetup
{
    /// <summary>Migrations after which the read models are projected again from the log (their shape changed).</summary>
    private static readonly string[] Reprojecting = ["_DecisionReadModel", "_LedgerAndReadinessReadModels"];

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
}
