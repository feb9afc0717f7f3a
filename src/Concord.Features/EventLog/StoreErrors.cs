using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Concord.Features.EventLog;

/// <summary>Which of the log's unique keys a failed save ran into.</summary>
public enum LogClash
{
    /// <summary>Not a clash on the log: a read-only file, a full disk, a lost connection. Never a conflict.</summary>
    None,
    /// <summary>(stream, version): another writer appended to the same stream first. A conflict (409).</summary>
    StreamVersion,
    /// <summary>Global position or previous hash: another writer appended elsewhere first. Retried on the new head.</summary>
    Head,
    /// <summary>The idempotency key: the same request was recorded first.</summary>
    IdempotencyKey,
}

/// <summary>The write's idempotency key was spent by another request; nothing was stored (422, naming the key).</summary>
public sealed class KeySpentException(string message) : Exception(message);

/// <summary>The store refused a write for a reason that is not a conflict; nothing was stored.</summary>
public sealed class StoreWriteException(string message, Exception inner) : Exception(message, inner)
{
    /// <summary>True when the store is read-only (SQLite's SQLITE_READONLY, PostgreSQL's read_only_sql_transaction): retrying will not help.</summary>
    public bool ReadOnly { get; } = StoreErrors.IsReadOnly(inner);
}

/// <summary>Reads a provider's error on saving events as one of the log's clashes.</summary>
public static class StoreErrors
{
    public static LogClash Classify(DbUpdateException ex) => ex.InnerException switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg => OfConstraint(pg.ConstraintName ?? ""),
        SqliteException { SqliteErrorCode: 19 } sqlite => OfSqliteMessage(sqlite.Message),
        _ => LogClash.None,
    };

    /// <summary>Whether a provider's error says the store cannot be written at all, rather than that this write failed.</summary>
    public static bool IsReadOnly(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is SqliteException { SqliteErrorCode: 8 } or PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction }) return true;
        return false;
    }

    // PostgreSQL names the index (EF's IX_<table>_<columns>, PK_<table>).
    private static LogClash OfConstraint(string name) => name switch
    {
        "IX_events_StreamId_StreamVersion" => LogClash.StreamVersion,
        "PK_events" or "IX_events_PreviousHash" => LogClash.Head,
        "IX_events_IdempotencyKey" => LogClash.IdempotencyKey,
        _ => LogClash.None,
    };

    // SQLite names the columns: "UNIQUE constraint failed: events.StreamId, events.StreamVersion".
    private static LogClash OfSqliteMessage(string message) =>
        message.Contains("events.StreamId, events.StreamVersion", StringComparison.Ordinal) ? LogClash.StreamVersion
        : message.Contains("events.Position", StringComparison.Ordinal) || message.Contains("events.PreviousHash", StringComparison.Ordinal) ? LogClash.Head
        : message.Contains("events.IdempotencyKey", StringComparison.Ordinal) ? LogClash.IdempotencyKey
        : LogClash.None;
}
