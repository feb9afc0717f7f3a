using System.Data.Common;
using System.Text;
using System.Text.Json;
using Concord.Features.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using SQLitePCL;

namespace Concord.Features.EventLog;

public static partial class LogOperations
{
    /// <summary>
    /// The first id after every id starting with <paramref name="prefix"/>, on SQLite, which compares text byte by byte:
    /// the streams under a prefix are then one range of the index, and the scan stops at its end rather than the index's.
    /// Null elsewhere: PostgreSQL may sort by a language's collation, in which such a bound could cut the range.
    /// </summary>
    private static string? After(ConcordDbContext db, string prefix) =>
        db.Database.IsSqlite() && prefix.Length > 0 && prefix.All(char.IsAscii) && prefix[^1] < '\u007f' ? prefix[..^1] + (char)(prefix[^1] + 1) : null;

    /// <summary>
    /// The columns of the events table a fold reads, located and converted as the EF model says, read without
    /// materializing entities: on a large log EF's materializer costs as much as the fold.
    /// </summary>
    private sealed class EventColumns(ConcordDbContext db)
    {
        private readonly IEntityType _events = db.Model.FindEntityType(typeof(StoredEvent))!;
        private IProperty Effective => _events.FindProperty(nameof(StoredEvent.Effective))!;
        private IProperty Marking => _events.FindProperty(nameof(StoredEvent.Marking))!;

        /// <summary>
        /// Reads up to <paramref name="limit"/> events of the streams under <paramref name="prefix"/> from stream
        /// <paramref name="from"/> on, handing every stream followed by another to <paramref name="stream"/>. Returns how
        /// many events it read, how many streams it handed, and the last stream read (not handed).
        /// </summary>
        public async Task<(int Read, int Handed, List<StoredEvent>? Last)> Read(string prefix, string? from, int limit,
            Action<List<StoredEvent>> stream, CancellationToken ct)
        {
            // Bounded below (and above on SQLite) so the index is searched from the prefix, not scanned from its start.
            // With both bounds the range holds exactly the ids under the prefix (SQLite compares the bytes, and the upper
            // bound is the prefix with its last ASCII character raised by one), so the prefix is not tested again on
            // every row: SQLite's LIKE on a million ids cost a quarter of the scan itself.
            var start = from ?? prefix;
            var query = After(db, prefix) is { } end
                ? db.Events.Where(e => string.Compare(e.StreamId, start) >= 0 && string.Compare(e.StreamId, end) < 0)
                : db.Events.Where(e => e.StreamId.StartsWith(prefix) && string.Compare(e.StreamId, start) >= 0);
            await using var command = query.OrderBy(e => e.StreamId).ThenBy(e => e.StreamVersion).Take(limit)
                .Select(e => new { e.StreamId, e.StreamVersion, e.Name, e.Payload, e.Effective, e.Marking, e.ReleasableTo })
                .CreateDbCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var rows = new Streams(stream);
            if (command.Connection is SqliteConnection { Handle: { } handle }) ReadSqlite(handle, command, rows);
            else await ReadAny(command, rows, ct);
            return (rows.Read, rows.Handed, rows.Current);
        }

        private string Column(string property) => _events.FindProperty(property)!.GetColumnName();

        private async Task ReadAny(DbCommand command, Streams rows, CancellationToken ct)
        {
            var instant = StoredValues.Reader<Instant>(Effective);
            var marking = StoredValues.Reader<Domain.Marking>(Marking);
            await using var reader = await command.ExecuteReaderAsync(ct);
            int Ordinal(string property) => reader.GetOrdinal(Column(property));
            var (id, version, name, payload, effective, markingAt, releasable) = (Ordinal(nameof(StoredEvent.StreamId)),
                Ordinal(nameof(StoredEvent.StreamVersion)), Ordinal(nameof(StoredEvent.Name)), Ordinal(nameof(StoredEvent.Payload)),
                Ordinal(nameof(StoredEvent.Effective)), Ordinal(nameof(StoredEvent.Marking)), Ordinal(nameof(StoredEvent.ReleasableTo)));
            while (await reader.ReadAsync(ct))
            {
                var streamId = reader.GetString(id);
                rows.Add(rows.Current is { } current && current[0].StreamId == streamId ? current[0].StreamId : streamId, reader.GetInt32(version),
                    reader.GetString(name), reader.GetString(payload), null, instant(reader, effective), marking(reader, markingAt),
                    reader.IsDBNull(releasable) ? null : reader.GetString(releasable));
            }
        }

        /// <summary>
        /// The same query stepped through SQLitePCL on the connection's own handle (so inside its transaction): a stream's
        /// id and the event names are compared as the stored bytes and made strings once, where Microsoft.Data.Sqlite
        /// makes a string of every column of every row, and checks and converts on each call.
        /// </summary>
        private void ReadSqlite(sqlite3 handle, DbCommand command, Streams rows)
        {
            var instant = StoredValues.FromInteger<Instant>(Effective);
            var marking = StoredValues.FromInteger<Domain.Marking>(Marking);
            Check(raw.sqlite3_prepare_v2(handle, command.CommandText, out var statement), handle);
            using (statement)
            {
                foreach (DbParameter parameter in command.Parameters)
                {
                    var index = raw.sqlite3_bind_parameter_index(statement, parameter.ParameterName);
                    Check(parameter.Value switch
                    {
                        string text => raw.sqlite3_bind_text(statement, index, text),
                        int number => raw.sqlite3_bind_int64(statement, index, number),
                        long number => raw.sqlite3_bind_int64(statement, index, number),
                        var other => throw new NotSupportedException($"A parameter of {other?.GetType().Name} in the events query."),
                    }, handle);
                }
                var names = Enumerable.Range(0, raw.sqlite3_column_count(statement)).Select(i => raw.sqlite3_column_name(statement, i).utf8_to_string()).ToList();
                int Ordinal(string property) => names.IndexOf(Column(property)) is var i and >= 0 ? i : throw new InvalidOperationException($"No column for {property}.");
                var (id, version, name, payload, effective, markingAt, releasable) = (Ordinal(nameof(StoredEvent.StreamId)),
                    Ordinal(nameof(StoredEvent.StreamVersion)), Ordinal(nameof(StoredEvent.Name)), Ordinal(nameof(StoredEvent.Payload)),
                    Ordinal(nameof(StoredEvent.Effective)), Ordinal(nameof(StoredEvent.Marking)), Ordinal(nameof(StoredEvent.ReleasableTo)));
                var streamId = new Utf8Strings(1);
                var eventNames = new Utf8Strings(64);
                int rc;
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    var eventName = eventNames.Of(raw.sqlite3_column_blob(statement, name));
                    rows.Add(streamId.Of(raw.sqlite3_column_blob(statement, id)), raw.sqlite3_column_int(statement, version),
                        eventName, "", Decode(eventName, raw.sqlite3_column_blob(statement, payload)),
                        instant(raw.sqlite3_column_int64(statement, effective)), marking(raw.sqlite3_column_int64(statement, markingAt)),
                        raw.sqlite3_column_type(statement, releasable) == raw.SQLITE_NULL ? null : Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, releasable)));
                }
                if (rc != raw.SQLITE_DONE) Check(rc, handle);
            }
        }

        /// <summary>
        /// The event a payload holds, deserialized from the stored UTF-8 bytes as <see cref="EventStore.Deserialize"/> would
        /// from the text: making a string of every payload only for the serializer to encode it back to UTF-8 cost a
        /// string per event and two conversions.
        /// </summary>
        private static object Decode(string eventName, ReadOnlySpan<byte> payload) =>
            JsonSerializer.Deserialize(payload, EventNames.TypeOf(eventName), ConcordJson.Options)
            ?? throw new InvalidOperationException($"An event {eventName} has an empty payload.");

        private static void Check(int rc, sqlite3 handle)
        {
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }

    /// <summary>The few strings a column repeats (a stream's id row after row, the event names), each made once from its UTF-8 bytes.</summary>
    private sealed class Utf8Strings(int capacity)
    {
        private readonly List<(byte[] Bytes, string Text)> _known = [];

        public string Of(ReadOnlySpan<byte> bytes)
        {
            for (var i = _known.Count - 1; i >= 0; i--)
                if (bytes.SequenceEqual(_known[i].Bytes)) return _known[i].Text;
            var text = Encoding.UTF8.GetString(bytes);
            if (_known.Count == capacity) _known.RemoveAt(0);
            _known.Add((bytes.ToArray(), text));
            return text;
        }
    }

    /// <summary>Events read in stream order, gathered into streams: each one is handed on when the next begins.</summary>
    private sealed class Streams(Action<List<StoredEvent>> stream)
    {
        public int Read { get; private set; }
        public int Handed { get; private set; }
        public List<StoredEvent>? Current { get; private set; }

        public void Add(string streamId, int version, string name, string payload, object? decoded, Instant effective, Domain.Marking marking, string? releasableTo)
        {
            Read++;
            if (Current is not null && !ReferenceEquals(Current[0].StreamId, streamId) && Current[0].StreamId != streamId)
            {
                stream(Current);
                Handed++;
                Current = null;
            }
            (Current ??= []).Add(StoredEvent.ToFold(streamId, version, name, payload, effective, marking, releasableTo, decoded));
        }
    }
}
