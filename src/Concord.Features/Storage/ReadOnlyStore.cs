using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Concord.Features.Storage;

/// <summary>Whether a store can be read as it is, without being migrated.</summary>
public enum ReadOnlyState
{
    /// <summary>At this build's schema: read it.</summary>
    Current,

    /// <summary>No store yet (no SQLite file, no PostgreSQL database, or one without Concord's tables): nothing to protect.</summary>
    Missing,

    /// <summary>Written by an older build: it must be migrated before this build can read it.</summary>
    Outdated,
}

/// <summary>A store that cannot be read without changing it (e.g. one at an older schema, opened read-only).</summary>
public sealed class StoreNotReadable(string message) : Exception(message);

/// <summary>
/// Opening a store only to read it (export, verify, audit, backup): a read-only copy of a SQLite file, a file on a
/// read-only mount, or a PostgreSQL standby can be read, and the store is never migrated or seeded by a reader.
/// </summary>
public static class ReadOnlyStore
{
    /// <summary>
    /// The configuration keys that make the configured store's connection read-only: SQLite opens the file with
    /// <c>Mode=ReadOnly</c>; PostgreSQL sessions start with <c>default_transaction_read_only</c> on, so no statement can write.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Overrides(IConfiguration configuration)
    {
        var options = configuration.GetSection("Concord").Get<ConcordOptions>() ?? new ConcordOptions();
        var connection = configuration.GetConnectionString("Concord");
        string readOnly;
        if (ConcordServices.IsPostgres(options))
        {
            var builder = new NpgsqlConnectionStringBuilder(connection);
            builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
            readOnly = builder.ConnectionString;
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder(connection ?? $"Data Source={ConcordServices.DefaultSqlitePath()}") { Mode = SqliteOpenMode.ReadOnly };
            if (!Opens(builder.ConnectionString) && builder.DataSource is { Length: > 0 } file && File.Exists(file)
                && !file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            {
                // A store in WAL mode is read through its -shm file, which a reader creates beside it: on a read-only mount
                // it cannot, so the file is read as immutable (nothing can write to it there either).
                builder.DataSource = new Uri(Path.GetFullPath(file)).AbsoluteUri + "?immutable=1";
            }
            readOnly = builder.ConnectionString;
        }
        return new Dictionary<string, string?> { ["ConnectionStrings:Concord"] = readOnly };
    }

    /// <summary>Whether SQLite can open and read the file as <paramref name="connection"/> says (false when it cannot open it at all).</summary>
    private static bool Opens(string connection)
    {
        try
        {
            using var probe = new SqliteConnection(new SqliteConnectionStringBuilder(connection) { Pooling = false }.ConnectionString);
            probe.Open();
            using var command = probe.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master";
            command.ExecuteScalar();
            return true;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 14)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="db"/> (opened read-only) can be read as it is: one plain query of its migration history.</summary>
    public static async Task<ReadOnlyState> Inspect(ConcordDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection is SqliteConnection sqlite
            && new SqliteConnectionStringBuilder(sqlite.ConnectionString).DataSource is { Length: > 0 } file
            && file != ":memory:" && !file.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            && (!File.Exists(file) || new FileInfo(file).Length == 0))
            return ReadOnlyState.Missing;
        var (pending, rebuildOwed, exists) = await StoreSetup.History(db, ct);
        if (!exists) return ReadOnlyState.Missing;
        // A rebuild still owed after a migration is part of migrating: until it is done the read models are not current.
        return pending.Count == 0 && !rebuildOwed ? ReadOnlyState.Current : ReadOnlyState.Outdated;
    }

    /// <summary>Why an outdated store is not read: a reader does not migrate it.</summary>
    public const string OutdatedReason =
        "The store was written by an older version of Concord and must be migrated first; a read-only command does not change it. "
        + "Run a command that writes (e.g. `concord serve` or `concord rebuild`) on the store itself, or on a writable copy.";
}
