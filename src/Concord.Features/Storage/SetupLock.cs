using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Concord.Features.Storage;

/// <summary>
/// The lock a process holds while it migrates and seeds a store (<see cref="StoreSetup"/>), so that instances started
/// together on one store take turns: without it two of them create the same tables (42P07) or load the same data file
/// into the log. On PostgreSQL it is an advisory session lock on a connection of its own, held until disposed (and
/// released by the server if the process dies); on a SQLite file, an exclusive lock on the file <c>STORE.lock</c> beside
/// it (SQLite's own writer lock lasts one transaction, a setup takes many). An in-memory store has no other user.
/// </summary>
internal sealed class SetupLock : IAsyncDisposable
{
    // Any 64-bit number of our own, other than the log's: it names the lock every instance takes to set the store up.
    private const long SetupLockKey = 0x436f6e636f7264 + 1;

    private readonly NpgsqlConnection? _session;
    private readonly FileStream? _file;

    private SetupLock(NpgsqlConnection? session, FileStream? file) => (_session, _file) = (session, file);

    public static async Task<SetupLock> Take(ConcordDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql()) return new SetupLock(await Postgres(db, ct), null);
        if (db.Database.GetDbConnection() is SqliteConnection sqlite
            && new SqliteConnectionStringBuilder(sqlite.ConnectionString) is { DataSource: { Length: > 0 } file, Mode: not (SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly) }
            && file != ":memory:" && !file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return new SetupLock(null, await LockFile(Path.GetFullPath(file) + ".lock", ct));
        // In memory or opened read-only: nothing here sets it up but this process.
        return new SetupLock(null, null);
    }

    private static async Task<NpgsqlConnection> Postgres(ConcordDbContext db, CancellationToken ct)
    {
        // Unpooled: the session, and with it the lock, ends when the connection is closed.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        try
        {
            try
            {
                await connection.OpenAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                // The database does not exist yet: create it (the lock lives inside it); another instance may do so at once.
                try
                {
                    await db.GetService<IRelationalDatabaseCreator>().CreateAsync(ct);
                }
                catch (PostgresException again) when (again.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
                {
                }
                await connection.OpenAsync(ct);
            }
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT pg_advisory_lock({SetupLockKey})";
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<FileStream?> LockFile(string path, CancellationToken ct)
    {
        try
        {
            StoreSetup.CreatePrivate(path);
        }
        catch (UnauthorizedAccessException)
        {
            // A folder this process may not write to: it cannot set the store up either, and opening it says so.
            return null;
        }
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive lock on the file (flock on Unix) that every process honours.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                await Task.Delay(100, ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            try
            {
                await using var command = _session.CreateCommand();
                command.CommandText = $"SELECT pg_advisory_unlock({SetupLockKey})";
                await command.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The session is gone, and its lock with it.
            }
            await _session.DisposeAsync();
        }
        if (_file is not null) await _file.DisposeAsync();
    }
}
