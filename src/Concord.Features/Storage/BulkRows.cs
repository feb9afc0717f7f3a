using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using Concord.Features.EventLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Concord.Features.Storage;

/// <summary>
/// Rows written straight to the store, without the change tracker, in the DbContext's current transaction: prepared
/// INSERTs reused row after row on SQLite, binary COPY on PostgreSQL. The tables, the columns and how each value is
/// stored (NodaTime instants and dates, enums) come from the EF model, with EF's own value converters, so a row comes
/// out as SaveChanges would have written it. Rows are kept until <see cref="Flush"/>: while a reader is open on the
/// connection nothing can be written on PostgreSQL.
/// </summary>
public sealed class BulkRows : IRows, IAsyncDisposable
{
    /// <summary>
    /// The page cache SQLite is given while rows are written in bulk, in KiB. A rebuild reads the log while it writes:
    /// with the default 2 MB the written pages fill the cache and SQLite spills them to the WAL again and again in the
    /// middle of the transaction, which on a million-event log cost more than writing the rows (64 MB holds a page of them).
    /// </summary>
    private const int SqliteCacheKiB = 65_536;

    private readonly ConcordDbContext db;
    private readonly long? _sqliteCacheBefore;

    private static readonly ConcurrentDictionary<(IModel, Type), Table> Tables = new();

    private readonly Dictionary<Type, IPending> _pending = [];
    private readonly Dictionary<Type, DbCommand> _inserts = [];

    private BulkRows(ConcordDbContext db, long? sqliteCacheBefore) => (this.db, _sqliteCacheBefore) = (db, sqliteCacheBefore);

    /// <summary>A bulk writer on <paramref name="db"/>'s connection, inside its current transaction; dispose it to give the connection back as it was.</summary>
    public static async Task<BulkRows> Open(ConcordDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Rows are written in bulk inside a transaction only.");
        if (!db.Database.IsSqlite()) return new BulkRows(db, null);
        var before = await Pragma(db, "PRAGMA cache_size", ct);
        await Pragma(db, $"PRAGMA cache_size = -{SqliteCacheKiB}", ct);
        return new BulkRows(db, before);
    }

    private static async Task<long> Pragma(ConcordDbContext db, string sql, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return await command.ExecuteScalarAsync(ct) is long value ? value : 0;
    }

    /// <summary>Keeps <paramref name="row"/> to be written by the next <see cref="Flush"/>.</summary>
    public void Add<T>(T row) where T : class
    {
        if (!_pending.TryGetValue(typeof(T), out var pending)) _pending[typeof(T)] = pending = new Pending<T>();
        ((Pending<T>)pending).Rows.Add(row);
    }

    /// <summary>Writes every row kept, type by type in the order they were first added. Returns how many.</summary>
    public async Task<long> Flush(CancellationToken ct)
    {
        long written = 0;
        foreach (var (type, pending) in _pending)
        {
            if (pending.Count == 0) continue;
            if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Rows are written in bulk inside a transaction only.");
            var table = Tables.GetOrAdd((db.Model, type), key => Table.Of(db, key.Item2));
            written += db.Database.IsNpgsql() ? await Copy(table, pending, ct) : Insert(type, table, pending);
            pending.Clear();
        }
        return written;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _inserts.Values) await command.DisposeAsync();
        _inserts.Clear();
        // Connections are pooled: the next user gets SQLite's cache as it was.
        if (_sqliteCacheBefore is { } before) await Pragma(db, $"PRAGMA cache_size = {before}", CancellationToken.None);
    }

    /// <summary>One prepared INSERT per table, run once per row (Microsoft.Data.Sqlite runs async calls synchronously anyway).</summary>
    private long Insert(Type type, Table table, IPending pending)
    {
        if (!_inserts.TryGetValue(type, out var insert))
        {
            insert = db.Database.GetDbConnection().CreateCommand();
            insert.CommandText = table.InsertSql;
            for (var i = 0; i < table.Columns.Count; i++)
                insert.Parameters.Add(table.Columns[i].Mapping.CreateParameter(insert, "@p" + i, null, table.Columns[i].Nullable));
            insert.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            insert.Prepare();
            _inserts[type] = insert;
        }
        insert.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        long count = 0;
        foreach (var row in pending.Rows)
        {
            for (var i = 0; i < table.Columns.Count; i++) insert.Parameters[i].Value = table.Columns[i].Stored(row) ?? DBNull.Value;
            count += insert.ExecuteNonQuery();
        }
        return count;
    }

    private async Task<long> Copy(Table table, IPending pending, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(table.CopySql, ct);
        foreach (var row in pending.Rows)
        {
            await copy.StartRowAsync(ct);
            foreach (var column in table.Columns)
            {
                if (column.Stored(row) is { } value) await column.Copy(copy, value, ct);
                else await copy.WriteNullAsync(ct);
            }
        }
        return (long)await copy.CompleteAsync(ct);
    }

    private interface IPending
    {
        int Count { get; }
        IEnumerable<object> Rows { get; }
        void Clear();
    }

    private sealed class Pending<T> : IPending where T : class
    {
        public readonly List<T> Rows = [];
        public int Count => Rows.Count;
        IEnumerable<object> IPending.Rows => Rows;
        public void Clear() => Rows.Clear();
    }

    /// <summary>A table as the EF model maps an entity type to it.</summary>
    private sealed record Table(string InsertSql, string CopySql, IReadOnlyList<Column> Columns)
    {
        public static Table Of(ConcordDbContext db, Type type)
        {
            var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            var mapping = entity.GetTableMappings().Single();
            var sql = db.GetService<ISqlGenerationHelper>();
            var columns = mapping.ColumnMappings.Select(Column.Of).ToList();
            var name = sql.DelimitIdentifier(mapping.Table.Name, mapping.Table.Schema);
            var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
            return new Table(
                $"INSERT INTO {name} ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})",
                $"COPY {name} ({names}) FROM STDIN (FORMAT BINARY)",
                columns);
        }
    }

    /// <summary>
    /// A column: how to get the value EF would store from a row (the property, through the mapping's converter), and
    /// how to hand that value to a binary COPY (typed by the stored CLR type, as Npgsql infers it for a parameter).
    /// </summary>
    private sealed record Column(string Name, bool Nullable, RelationalTypeMapping Mapping, Func<object, object?> Stored,
        Func<NpgsqlBinaryImporter, object, CancellationToken, Task> Copy)
    {
        public static Column Of(IColumnMapping column)
        {
            var property = column.Property;
            var info = property.PropertyInfo ?? throw new InvalidOperationException($"{property.Name} is not a CLR property.");
            var row = Expression.Parameter(typeof(object));
            var read = Expression.Lambda<Func<object, object?>>(
                Expression.Convert(Expression.Property(Expression.Convert(row, info.DeclaringType!), info), typeof(object)), row).Compile();
            var converter = column.TypeMapping.Converter;
            var stored = converter is null ? read : r => read(r) is { } v ? converter.ConvertToProvider(v) : null;
            var storedType = converter?.ProviderClrType ?? column.TypeMapping.ClrType;
            storedType = System.Nullable.GetUnderlyingType(storedType) ?? storedType;
            if (storedType.IsEnum)
            {
                // No converter: the enum is stored as its number, as EF normalizes an enum parameter.
                var enumType = storedType;
                storedType = Enum.GetUnderlyingType(enumType);
                var underlying = storedType;
                var plain = stored;
                stored = r => plain(r) is { } v ? Convert.ChangeType(v, underlying, System.Globalization.CultureInfo.InvariantCulture) : null;
            }
            var copy = (Func<NpgsqlBinaryImporter, object, CancellationToken, Task>)typeof(Column)
                .GetMethod(nameof(CopyAs), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(storedType).Invoke(null, null)!;
            return new Column(column.Column.Name, column.Column.IsNullable, column.TypeMapping, stored, copy);
        }

        private static Func<NpgsqlBinaryImporter, object, CancellationToken, Task> CopyAs<TStored>() =>
            (copy, value, ct) => copy.WriteAsync((TStored)value, ct);
    }
}
