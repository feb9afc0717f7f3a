using System.Data;
using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Concord.Domain;
using Concord.Features.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace Concord.Features.EventLog;

/// <summary>A table in a backup and how many rows it holds.</summary>
public sealed record BackupTable(string Name, long Rows);

/// <summary>What a backup holds (or a restore wrote): the store it came from, the head of its log and every table's row count.</summary>
public sealed record BackupSummary(string Provider, long HeadPosition, string HeadHash, IReadOnlyList<BackupTable> Tables)
{
    /// <summary>The chain as the backup found it in its snapshot (null when read from a file): a broken one cannot be restored.</summary>
    public ChainReport? Chain { get; init; }

    public long Events => Tables.FirstOrDefault(t => t.Name == Backup.EventsTable)?.Rows ?? 0;

    /// <summary>The head as <c>concord audit head</c> prints it.</summary>
    public string Head => ChainHead.Format(HeadPosition, HeadHash);
}

/// <summary>
/// Concord's own backup file (docs/data-formats.md, "Backup"): gzip'ed JSON lines, a header, one line per row of every
/// table that is not projected from the log (the log itself, the accounts and everything ASP.NET Core Identity keeps,
/// the API tokens' hashes, the idempotency records) and a trailer with the SHA-256 of every line before it.
/// <para>
/// The tables are found in the store's EF Core model, not listed here: a table added later (an authenticator key, a
/// session) is carried without a change to this file. Tables owned by a registered projection are left out, because a
/// restore projects them again from the log.
/// </para>
/// </summary>
public static class Backup
{
    public const string Format = "concord-backup";
    public const int FormatVersion = 1;
    public const string EventsTable = "events";

    private const int Batch = 1000;

    /// <summary>
    /// Writes a backup of the store to <paramref name="output"/> from one consistent snapshot: on PostgreSQL a REPEATABLE
    /// READ, READ ONLY transaction; on SQLite a deferred read transaction (in WAL mode a reader sees the database as it
    /// was at its first read, while writers go on). Writes nothing to the store.
    /// </summary>
    public static async Task<BackupSummary> Write(ConcordDbContext db, Stream output, Instant now, CancellationToken ct)
    {
        var opened = db.Database.GetDbConnection().State != ConnectionState.Open;
        await using var snapshot = await new EventStore(db).ReadSnapshot(ct);
        try
        {
            var tables = Tables(db);
            var counts = new List<BackupTable>(tables.Count);
            foreach (var table in tables) counts.Add(new BackupTable(table.Name, await Count(db, table, ct)));
            var head = await db.Events.AsNoTracking().OrderByDescending(e => e.Position).Select(e => new { e.Position, e.Hash }).FirstOrDefaultAsync(ct);
            // Verified in the same snapshot, so the operator learns now, not at a restore, that a copy of a broken log cannot be restored.
            var chain = await ChainVerifier.Verify(db, ct);
            var summary = new BackupSummary(ProviderOf(db), head?.Position ?? 0, head?.Hash ?? EventStore.GenesisHash, counts) { Chain = chain };

            await using var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var line = new LineBuffer();
            async Task Emit(Action<Utf8JsonWriter> write)
            {
                line.Reset();
                await using (var json = new Utf8JsonWriter(line)) write(json);
                line.WriteByte((byte)'\n');
                sha.AppendData(line.Written);
                await gzip.WriteAsync(line.Memory, ct);
            }

            await Emit(json => Header(json, summary, db, now));
            foreach (var table in tables)
            {
                var read = 0;
                await foreach (var entity in Rows(db, table, ct))
                {
                    var entry = db.Entry(entity);
                    await Emit(json =>
                    {
                        json.WriteStartObject();
                        json.WriteString("table", table.Name);
                        json.WriteStartObject("row");
                        foreach (var p in table.Properties)
                        {
                            json.WritePropertyName(p.Name);
                            JsonSerializer.Serialize(json, entry.Property(p.Name).CurrentValue, p.ClrType, ConcordJson.Options);
                        }
                        json.WriteEndObject();
                        json.WriteEndObject();
                    });
                    // The rows are tracked only to read every property (shadow ones too): let them go as they are written.
                    if (++read % Batch == 0) db.ChangeTracker.Clear();
                }
                db.ChangeTracker.Clear();
            }
            var checksum = Convert.ToHexStringLower(sha.GetHashAndReset());
            line.Reset();
            await using (var json = new Utf8JsonWriter(line))
            {
                json.WriteStartObject();
                json.WriteString("end", Format);
                json.WriteString("sha256", checksum);
                json.WriteEndObject();
            }
            line.WriteByte((byte)'\n');
            await gzip.WriteAsync(line.Memory, ct);
            return summary;
        }
        finally
        {
            db.ChangeTracker.Clear();
            await snapshot.RollbackAsync(CancellationToken.None);
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Restores a backup into an EMPTY store of either provider, all or nothing: the file is read once to check its
    /// checksum, its counts and that this version knows every table and column in it; then, in one transaction under the
    /// log's lock, the store is checked to be empty, every row is written, the chain is verified (it must be intact and
    /// end at the head the header names) and the read models are projected again from the restored log.
    /// </summary>
    /// <param name="open">Opens the backup file; called twice (the check, then the restore).</param>
    public static async Task<Result<BackupSummary>> Restore(ConcordDbContext db, IClock clock, Func<Stream> open, CancellationToken ct)
    {
        var tables = Tables(db).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var checkedFile = await Check(open, tables, ct);
        if (checkedFile.Refusal is { } refusal) return refusal;
        var header = checkedFile.Value!;
        return await new EventStore(db).WholeStore(() => Load(db, clock, open, tables, header, ct), ct);
    }

    private static async Task<Result<BackupSummary>> Load(ConcordDbContext db, IClock clock, Func<Stream> open,
        Dictionary<string, Table> tables, BackupSummary header, CancellationToken ct)
    {
        try
        {
            return await Insert(db, clock, open, tables, header, ct);
        }
        catch (BackupFileException e)
        {
            // The file changed between the check and the restore.
            return Refusal.Invalid("FILE", e.Message + " Nothing was restored.");
        }
    }

    private static async Task<Result<BackupSummary>> Insert(ConcordDbContext db, IClock clock, Func<Stream> open,
        Dictionary<string, Table> tables, BackupSummary header, CancellationToken ct)
    {
        foreach (var table in tables.Values)
            if (await Any(db, table, ct))
                return Refusal.Conflict($"The store is not empty (its table {table.Name} has rows); a backup can only be restored into an empty store. Nothing was changed.");
        var written = 0;
        // The log, by far the largest table, is written in bulk (prepared INSERTs on SQLite, COPY on PostgreSQL) as a
        // rebuild writes its rows; the other tables through the change tracker, which sets shadow properties too.
        await using (var bulk = await BulkRows.Open(db, ct))
        {
            var events = 0;
            await foreach (var (_, table, row) in Lines(open, tables, ct))
            {
                if (table is null) continue;
                var entity = Activator.CreateInstance(table.Type.ClrType)
                    ?? throw new InvalidOperationException($"Cannot create a row of {table.Name}.");
                var values = new List<(IProperty Property, object? Value)>();
                foreach (var cell in row.EnumerateObject())
                {
                    var p = table.Properties.First(x => x.Name == cell.Name);
                    var value = cell.Value.Deserialize(p.ClrType, ConcordJson.Options);
                    if (p.PropertyInfo is { } property) property.SetValue(entity, value);
                    else if (p.FieldInfo is { } field) field.SetValue(entity, value);
                    else values.Add((p, value));
                }
                if (entity is StoredEvent e && values.Count == 0)
                {
                    bulk.Add(e);
                    if (++events % (Batch * 5) == 0) await bulk.Flush(ct);
                    continue;
                }
                await bulk.Flush(ct);
                var entry = db.Add(entity);
                foreach (var (p, value) in values) entry.Property(p.Name).CurrentValue = value;
                if (++written % Batch == 0)
                {
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                }
            }
            await bulk.Flush(ct);
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        if (db.Database.IsNpgsql()) await AdvanceSequences(db, tables.Values, ct);

        var chain = await ChainVerifier.Verify(db, ct);
        if (!chain.Intact)
            return Refusal.Unprocessable($"The backup's log does not verify: {chain.Sentence} Nothing was restored.", "FILE");
        if (chain.HeadPosition != header.HeadPosition || chain.HeadHash != header.HeadHash)
            return Refusal.Unprocessable(
                $"The backup's log ends at {chain.Head}, not at the head its header names ({header.Head}). Nothing was restored.", "FILE");
        await LogOperations.Rebuild(db, clock, ct);
        return header;
    }

    /// <summary>Reads the whole file: its header, that every line parses and names a known table and column, the counts and the checksum.</summary>
    private static async Task<Result<BackupSummary>> Check(Func<Stream> open, Dictionary<string, Table> tables, CancellationToken ct)
    {
        try
        {
            BackupSummary? header = null;
            var counted = new Dictionary<string, long>(StringComparer.Ordinal);
            var ended = false;
            await foreach (var (number, table, row) in Lines(open, tables, ct, (h, l) => header = ReadHeader(h, l), () => ended = true))
            {
                if (table is null) continue;
                foreach (var cell in row.EnumerateObject())
                {
                    if (table.Properties.FirstOrDefault(p => p.Name == cell.Name) is not { } property)
                        return Refusal.Invalid("FILE", $"Line {number}: the table {table.Name} has no column {cell.Name} in this version of Concord; the backup was made by a newer one. Nothing was restored.");
                    try
                    {
                        _ = cell.Value.Deserialize(property.ClrType, ConcordJson.Options);
                    }
                    catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
                    {
                        return Refusal.Invalid("FILE", $"Line {number}: {cell.Value.GetRawText()} is not a value of {table.Name}.{cell.Name}. Nothing was restored.");
                    }
                }
                counted[table.Name] = counted.GetValueOrDefault(table.Name) + 1;
            }
            if (!ended) return Refusal.Invalid("FILE", "The backup ends before its last line (the checksum): it is incomplete. Nothing was restored.");
            foreach (var table in header!.Tables)
                if (counted.GetValueOrDefault(table.Name) != table.Rows)
                    return Refusal.Invalid("FILE", $"The header counts {table.Rows} rows of {table.Name}, the file holds {counted.GetValueOrDefault(table.Name)}. Nothing was restored.");
            return header;
        }
        catch (BackupFileException e)
        {
            return Refusal.Invalid("FILE", e.Message + " Nothing was restored.");
        }
    }

    /// <summary>
    /// The rows of a backup file, with their line numbers and tables, after its header (handed to <paramref name="header"/>)
    /// and up to its trailer, whose checksum is checked (then <paramref name="ended"/> is called).
    /// </summary>
    private static async IAsyncEnumerable<(long Line, Table? Table, JsonElement Row)> Lines(Func<Stream> open, Dictionary<string, Table> tables,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct, Action<JsonElement, long>? header = null, Action? ended = null)
    {
        await using var file = open();
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, new UTF8Encoding(false, throwOnInvalidBytes: true));
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long number = 0;
        var ending = false;
        while (true)
        {
            string? text;
            try
            {
                text = await reader.ReadLineAsync(ct);
            }
            catch (Exception e) when (e is InvalidDataException or DecoderFallbackException)
            {
                throw new BackupFileException(number == 0
                    ? "The file is not a Concord backup (not gzip'ed JSON lines)."
                    : $"The file is damaged after line {number}: {e.Message}");
            }
            if (text is null) break;
            number++;
            if (ending) throw new BackupFileException($"Line {number} follows the backup's last line (the checksum).");
            using var line = Parse(text, number);
            var root = line.RootElement;
            if (number == 1)
            {
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
                    || format.GetString() != Format)
                    throw new BackupFileException("The file is not a Concord backup: its first line is not a backup header.");
                header?.Invoke(root, number);
            }
            else if (root.TryGetProperty("end", out _))
            {
                var expected = root.TryGetProperty("sha256", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                if (Convert.ToHexStringLower(sha.GetHashAndReset()) != expected)
                    throw new BackupFileException($"The checksum on line {number} does not match the lines before it: the file was altered or damaged.");
                ending = true;
                ended?.Invoke();
                continue;
            }
            else
            {
                if (!root.TryGetProperty("table", out var name) || name.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty("row", out var row) || row.ValueKind != JsonValueKind.Object)
                    throw new BackupFileException($"Line {number} is not a row of a Concord backup.");
                if (!tables.TryGetValue(name.GetString()!, out var table))
                    throw new BackupFileException($"Line {number}: this version of Concord has no table {name.GetString()}; the backup was made by a newer one.");
                yield return (number, table, row.Clone());
            }
            sha.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        }
        if (number == 0) throw new BackupFileException("The file is empty: it is not a Concord backup.");
    }

    private static JsonDocument Parse(string text, long number)
    {
        try
        {
            return JsonDocument.Parse(text, ConcordJson.IncomingDocument);
        }
        catch (JsonException)
        {
            throw new BackupFileException(number == 1 ? "The file is not a Concord backup: its first line is not JSON." : $"Line {number} is not JSON.");
        }
    }

    private static void Header(Utf8JsonWriter json, BackupSummary summary, ConcordDbContext db, Instant now)
    {
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteNumber("version", FormatVersion);
        json.WriteString("provider", summary.Provider);
        // The schema this build writes and reads: a read-only store is refused unless it is at this schema.
        json.WriteString("schema", db.Database.GetMigrations().LastOrDefault());
        json.WriteString("created", NodaTime.Text.InstantPattern.ExtendedIso.Format(now));
        json.WriteStartObject("head");
        json.WriteNumber("position", summary.HeadPosition);
        json.WriteString("hash", summary.HeadHash);
        json.WriteEndObject();
        json.WriteStartObject("tables");
        foreach (var table in summary.Tables) json.WriteNumber(table.Name, table.Rows);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static BackupSummary ReadHeader(JsonElement root, long number)
    {
        try
        {
            if (root.GetProperty("version").GetInt32() != FormatVersion)
                throw new BackupFileException($"The backup is of format version {root.GetProperty("version").GetInt32()}; this version of Concord reads version {FormatVersion}.");
            var head = root.GetProperty("head");
            var tables = root.GetProperty("tables").EnumerateObject().Select(t => new BackupTable(t.Name, t.Value.GetInt64())).ToList();
            var hash = head.GetProperty("hash").GetString() ?? "";
            return new BackupSummary(root.GetProperty("provider").GetString() ?? "", head.GetProperty("position").GetInt64(), hash, tables);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new BackupFileException($"Line {number}: the backup's header lacks its format version, provider, head or table counts.");
        }
    }

    /// <summary>
    /// Every table a backup carries, in an order that writes a row's principal before it (the log first): every entity
    /// type of the model that has a table, but those a registered projection owns.
    /// </summary>
    internal static List<Table> Tables(ConcordDbContext db)
    {
        var projected = LogRegistry.Current.Projections.SelectMany(p => p.Rows).ToHashSet();
        var types = db.Model.GetEntityTypes()
            .Where(t => t is { BaseType: null, IsPropertyBag: false } && !t.IsOwned() && t.GetTableName() is not null && t.FindPrimaryKey() is not null
                && !projected.Contains(t.ClrType))
            .OrderBy(t => t.ClrType == typeof(StoredEvent) ? 0 : 1).ThenBy(t => t.GetTableName(), StringComparer.Ordinal)
            .ToList();
        var ordered = new List<IEntityType>();
        var placed = new HashSet<IEntityType>();
        void Place(IEntityType type, int depth)
        {
            if (placed.Contains(type) || depth > types.Count) return;
            foreach (var principal in type.GetForeignKeys().Select(k => k.PrincipalEntityType).Where(p => p != type && types.Contains(p)))
                Place(principal, depth + 1);
            if (placed.Add(type)) ordered.Add(type);
        }
        foreach (var type in types) Place(type, 0);
        return [.. ordered.Select(t => new Table(t.GetTableName()!, t, [.. t.GetProperties()]))];
    }

    internal sealed record Table(string Name, IEntityType Type, IReadOnlyList<IProperty> Properties);

    private static string ProviderOf(ConcordDbContext db) => db.Database.IsNpgsql() ? "Postgres" : "Sqlite";

    /// <summary>
    /// PostgreSQL does not move an identity column's sequence past values inserted explicitly: move each one past the
    /// restored rows, so the next claim or login gets a free key. (SQLite's AUTOINCREMENT follows explicit keys itself.)
    /// </summary>
    private static async Task AdvanceSequences(ConcordDbContext db, IEnumerable<Table> tables, CancellationToken ct)
    {
        foreach (var table in tables)
            foreach (var p in table.Properties.Where(p => p.ValueGenerated == ValueGenerated.OnAdd && (p.ClrType == typeof(int) || p.ClrType == typeof(long))))
            {
                var column = p.GetColumnName(StoreObjectIdentifier.Table(table.Name, table.Type.GetSchema())) ?? p.Name;
                var quoted = $"\"{table.Name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
                var col = $"\"{column.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
#pragma warning disable EF1002, EF1003 // Names from the store's own model, quoted; no user input.
                await db.Database.ExecuteSqlRawAsync(
                    $"SELECT setval(pg_get_serial_sequence('{quoted.Replace("'", "''", StringComparison.Ordinal)}', '{column.Replace("'", "''", StringComparison.Ordinal)}'), "
                    + $"(SELECT COALESCE(MAX({col}), 0) + 1 FROM {quoted}), false)", ct);
#pragma warning restore EF1002, EF1003
            }
    }

    private static readonly MethodInfo CountOf = typeof(Backup).GetMethod(nameof(CountRows), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo AnyOf = typeof(Backup).GetMethod(nameof(AnyRows), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo RowsOf = typeof(Backup).GetMethod(nameof(TrackedRows), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Task<long> Count(ConcordDbContext db, Table table, CancellationToken ct) =>
        (Task<long>)CountOf.MakeGenericMethod(table.Type.ClrType).Invoke(null, [db, ct])!;

    private static Task<bool> Any(ConcordDbContext db, Table table, CancellationToken ct) =>
        (Task<bool>)AnyOf.MakeGenericMethod(table.Type.ClrType).Invoke(null, [db, ct])!;

    private static IAsyncEnumerable<object> Rows(ConcordDbContext db, Table table, CancellationToken ct) =>
        (IAsyncEnumerable<object>)RowsOf.MakeGenericMethod(table.Type.ClrType).Invoke(null, [db, table.Type, ct])!;

    private static Task<long> CountRows<T>(ConcordDbContext db, CancellationToken ct) where T : class => db.Set<T>().LongCountAsync(ct);

    private static Task<bool> AnyRows<T>(ConcordDbContext db, CancellationToken ct) where T : class => db.Set<T>().AnyAsync(ct);

    /// <summary>The table's rows in key order, tracked so that every property can be read from its entry.</summary>
    private static async IAsyncEnumerable<object> TrackedRows<T>(ConcordDbContext db, IEntityType type,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct) where T : class
    {
        IQueryable<T> query = db.Set<T>();
        var key = type.FindPrimaryKey()!.Properties;
        var ordered = query.OrderBy(e => EF.Property<object>(e, key[0].Name));
        foreach (var p in key.Skip(1)) ordered = ordered.ThenBy(e => EF.Property<object>(e, p.Name));
        await foreach (var row in ordered.AsAsyncEnumerable().WithCancellation(ct)) yield return row;
    }

    /// <summary>A line of JSON being written: a growable buffer the JSON writer writes into.</summary>
    private sealed class LineBuffer : System.Buffers.IBufferWriter<byte>
    {
        private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(4096);

        public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;
        public ReadOnlyMemory<byte> Memory => _buffer.WrittenMemory;
        public void Reset() => _buffer.ResetWrittenCount();
        public void WriteByte(byte b) { _buffer.GetSpan(1)[0] = b; _buffer.Advance(1); }
        public void Advance(int count) => _buffer.Advance(count);
        public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.GetMemory(sizeHint);
        public Span<byte> GetSpan(int sizeHint = 0) => _buffer.GetSpan(sizeHint);
    }

    private sealed class BackupFileException(string message) : Exception(message);
}
