using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using Concord.Features.EventLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

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

    private readonly RowBatch _kept = new();
    private readonly Dictionary<Type, sqlite3_stmt> _inserts = [];

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
    public void Add<T>(T row) where T : class => _kept.Add(row);

    /// <summary>Writes every row kept, type by type in the order they were first added. Returns how many.</summary>
    public Task<long> Flush(CancellationToken ct) => Write(_kept, ct);

    /// <summary>Writes the rows of <paramref name="batch"/>, type by type in the order they were first added, and empties it. Returns how many.</summary>
    public async Task<long> Write(RowBatch batch, CancellationToken ct)
    {
        long written = 0;
        foreach (var (type, rows) in batch.Types)
        {
            if (rows.Count == 0) continue;
            if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Rows are written in bulk inside a transaction only.");
            var table = Tables.GetOrAdd((db.Model, type), key => Table.Of(db, key.Item2));
            written += db.Database.IsNpgsql() ? await Copy(table, rows, ct) : Insert(type, table, rows);
        }
        batch.Clear();
        return written;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var insert in _inserts.Values) raw.sqlite3_finalize(insert);
        _inserts.Clear();
        // Connections are pooled: the next user gets SQLite's cache as it was.
        if (_sqliteCacheBefore is { } before) await Pragma(db, $"PRAGMA cache_size = {before}", CancellationToken.None);
    }

    /// <summary>
    /// One prepared INSERT per table, run once per row. It is stepped through SQLitePCL on the connection's own handle
    /// (so inside its transaction) with the values bound by position: Microsoft.Data.Sqlite binds every parameter by name
    /// and re-encodes every string on each execution, which was most of the cost of writing a rebuild's rows.
    /// </summary>
    private long Insert(Type type, Table table, System.Collections.IList rows)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        if (!_inserts.TryGetValue(type, out var insert))
        {
            Check(raw.sqlite3_prepare_v2(handle, table.InsertSql, out insert), handle);
            _inserts[type] = insert;
        }
        long count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < table.Columns.Count; i++) Check(table.Columns[i].Bind(row, insert, i + 1, _text), handle);
            var step = raw.sqlite3_step(insert);
            raw.sqlite3_reset(insert);
            if (step != raw.SQLITE_DONE) Check(step, handle);
            count++;
        }
        return count;
    }

    private readonly TextBuffer _text = new();

    /// <summary>The bytes of the text value being bound, reused value after value: SQLite copies them (SQLITE_TRANSIENT).</summary>
    private sealed class TextBuffer
    {
        public byte[] Bytes = new byte[1024];
    }

    private static int BindText(sqlite3_stmt insert, int index, string value, TextBuffer buffer)
    {
        var length = System.Text.Encoding.UTF8.GetMaxByteCount(value.Length);
        if (buffer.Bytes.Length < length) buffer.Bytes = new byte[Math.Max(length, 1024)];
        var written = System.Text.Encoding.UTF8.GetBytes(value, buffer.Bytes);
        return raw.sqlite3_bind_text(insert, index, buffer.Bytes.AsSpan(0, written));
    }

    private static int BindInt64(sqlite3_stmt insert, int index, long value) => raw.sqlite3_bind_int64(insert, index, value);

    private static int BindBool(sqlite3_stmt insert, int index, bool value) => raw.sqlite3_bind_int64(insert, index, value ? 1 : 0);

    private static int BindDouble(sqlite3_stmt insert, int index, double value) => raw.sqlite3_bind_double(insert, index, value);

    private static int BindBlob(sqlite3_stmt insert, int index, byte[] value) => raw.sqlite3_bind_blob(insert, index, value);

    private static int BindNull(sqlite3_stmt insert, int index) => raw.sqlite3_bind_null(insert, index);

    /// <summary>A stored value of any other type, boxed: what the typed binders do not cover is refused by name.</summary>
    private static int BindBoxed(sqlite3_stmt insert, int index, object? value, TextBuffer buffer, string column) => value switch
    {
        null => BindNull(insert, index),
        string s => BindText(insert, index, s, buffer),
        long l => BindInt64(insert, index, l),
        int n => BindInt64(insert, index, n),
        bool b => BindBool(insert, index, b),
        double d => BindDouble(insert, index, d),
        byte[] bytes => BindBlob(insert, index, bytes),
        _ => throw new NotSupportedException($"{column} is stored as {value.GetType().Name}, which rows written in bulk do not bind yet."),
    };

    private static void Check(int rc, sqlite3 handle)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, handle);
    }

    private async Task<long> Copy(Table table, System.Collections.IList rows, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(table.CopySql, ct);
        foreach (var row in rows)
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
    private sealed record Column(string Name, Func<object, object?> Stored,
        Func<NpgsqlBinaryImporter, object, CancellationToken, Task> Copy, Func<object, sqlite3_stmt, int, TextBuffer, int> Bind)
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
            return new Column(column.Column.Name, stored, copy, Binder(column.Column.Name, info, converter));
        }

        /// <summary>
        /// Binds the column's value of a row to an INSERT's parameter: the property read, EF's converter applied and the
        /// stored value bound, typed all the way (compiled once per table). Going through <see cref="Stored"/> boxed
        /// every value of every row and converted each through the converter's untyped path, which on a rebuild's
        /// 330,000 rows cost more than SQLite's own work on them.
        /// </summary>
        private static Func<object, sqlite3_stmt, int, TextBuffer, int> Binder(string name, System.Reflection.PropertyInfo info,
            Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? converter)
        {
            var row = Expression.Parameter(typeof(object), "row");
            var insert = Expression.Parameter(typeof(sqlite3_stmt), "insert");
            var index = Expression.Parameter(typeof(int), "index");
            var buffer = Expression.Parameter(typeof(TextBuffer), "buffer");
            Expression Call(string method, params Expression[] arguments) =>
                Expression.Call(typeof(BulkRows).GetMethod(method, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!,
                    [insert, index, .. arguments]);
            // Null is bound as NULL before any converter, as EF never hands null to one.
            Expression OrNull(Expression value, Func<Expression, Expression> bind)
            {
                if (System.Nullable.GetUnderlyingType(value.Type) is not null)
                    return Expression.Condition(Expression.Property(value, "HasValue"), bind(Expression.Property(value, "Value")), Call(nameof(BindNull)));
                if (!value.Type.IsValueType)
                    return Expression.Condition(Expression.Equal(value, Expression.Constant(null, value.Type)), Call(nameof(BindNull)), bind(value));
                return bind(value);
            }
            Expression Stored(Expression value)
            {
                var type = value.Type.IsEnum ? Enum.GetUnderlyingType(value.Type) : value.Type;
                if (type != value.Type) value = Expression.Convert(value, type);
                if (type == typeof(string)) return Call(nameof(BindText), value, buffer);
                if (type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte)
                    || type == typeof(ushort) || type == typeof(uint))
                    return Call(nameof(BindInt64), Expression.Convert(value, typeof(long)));
                if (type == typeof(bool)) return Call(nameof(BindBool), value);
                if (type == typeof(double)) return Call(nameof(BindDouble), value);
                if (type == typeof(byte[])) return Call(nameof(BindBlob), value);
                return Call(nameof(BindBoxed), Expression.Convert(value, typeof(object)), buffer, Expression.Constant(name));
            }
            var property = Expression.Property(Expression.Convert(row, info.DeclaringType!), info);
            var body = OrNull(property, value => converter is null
                ? Stored(value)
                : OrNull(Expression.Invoke(converter.ConvertToProviderExpression, Expression.Convert(value, converter.ModelClrType)), Stored));
            return Expression.Lambda<Func<object, sqlite3_stmt, int, TextBuffer, int>>(body, row, insert, index, buffer).Compile();
        }

        private static Func<NpgsqlBinaryImporter, object, CancellationToken, Task> CopyAs<TStored>() =>
            (copy, value, ct) => copy.WriteAsync((TStored)value, ct);
    }
}

/// <summary>Rows kept to be written together, by type in the order each type first came (a page of a rebuild).</summary>
public sealed class RowBatch : IRows
{
    private readonly List<(Type Type, System.Collections.IList Rows)> _types = [];

    public void Add<T>(T row) where T : class
    {
        foreach (var (type, rows) in _types)
            if (type == typeof(T))
            {
                ((List<T>)rows).Add(row);
                return;
            }
        _types.Add((typeof(T), new List<T> { row }));
    }

    internal IReadOnlyList<(Type Type, System.Collections.IList Rows)> Types => _types;

    internal void Clear() => _types.Clear();
}
