using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Storage;

/// <summary>Brings a store to the current schema (migrations of its provider) at start.</summary>
public static class StoreSetup
{
    public static async Task Migrate(ConcordDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite() && db.Database.GetDbConnection() is SqliteConnection sqlite
            && new SqliteConnectionStringBuilder(sqlite.ConnectionString).DataSource is { Length: > 0 } file
            && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            Directory.CreateDirectory(folder);
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
