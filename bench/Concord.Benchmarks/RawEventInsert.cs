using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Concord.Benchmarks;

/// <summary>
/// The stack's limit for a durable append: one prepared single-row INSERT through Microsoft.Data.Sqlite in autocommit
/// mode (its own durable WAL commit), into an events table whose DDL and indexes are copied from a Concord store,
/// with the same pragmas Concord's store has (WAL, SQLite's default synchronous = FULL).
/// </summary>
public sealed class RawEventInsert : IDisposable
{
    private const string Payload = """{"member":"USA","kind":"concur","source":"Synthetic source 1/1","confidence":"reported"}""";

    private readonly SqliteConnection _raw;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _p;
    private long _position;

    /// <summary>Creates <paramref name="rawFile"/> with the events table of the Concord store <paramref name="concordFile"/>.</summary>
    public RawEventInsert(string concordFile, string rawFile)
    {
        var ddl = new List<string>();
        using (var concord = Stores.OpenRaw(concordFile))
        {
            using var cmd = concord.CreateCommand();
            cmd.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name = 'events' AND sql IS NOT NULL ORDER BY type DESC";
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) ddl.Add(reader.GetString(0));
            Console.WriteLine($"// Concord store: journal_mode={Stores.Scalar(concord, "PRAGMA journal_mode")}, synchronous={Stores.Scalar(concord, "PRAGMA synchronous")}");
        }
        _raw = Stores.OpenRaw(rawFile, pooling: true);
        Stores.Execute(_raw, "PRAGMA journal_mode=WAL;");
        foreach (var sql in ddl) Stores.Execute(_raw, sql);
        Console.WriteLine($"// Raw store: journal_mode={Stores.Scalar(_raw, "PRAGMA journal_mode")}, synchronous={Stores.Scalar(_raw, "PRAGMA synchronous")}");
        _insert = _raw.CreateCommand();
        _insert.CommandText = """
            INSERT INTO events (Position, StreamId, StreamVersion, Name, Payload, Effective, Recorded, RecordedBy, IdempotencyKey, PreviousHash, Hash)
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, NULL, $p8, $p9)
            """;
        _p = Enumerable.Range(0, 10).Select(i => _insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        _insert.Prepare();
    }

    /// <summary>Inserts the next row: one durable commit.</summary>
    public int Insert()
    {
        var position = ++_position;
        _p[0].Value = position;
        _p[1].Value = "decision-bench-decision-00001";
        _p[2].Value = position;
        _p[3].Value = "PositionStated";
        _p[4].Value = Payload;
        _p[5].Value = 638_000_000_000_000_000L + position;
        _p[6].Value = 638_000_000_000_000_000L + position;
        _p[7].Value = "bench";
        _p[8].Value = (position - 1).ToString("x64", CultureInfo.InvariantCulture);
        _p[9].Value = position.ToString("x64", CultureInfo.InvariantCulture);
        return _insert.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _raw.Dispose();
    }
}
