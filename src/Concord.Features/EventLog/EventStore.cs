using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Concord.Domain;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Concord.Features.EventLog;

/// <summary>An event about to be appended, with the instant it took effect in the world and who may read it.</summary>
public sealed record PendingEvent(object Event, Instant Effective, Classification? Classification = null);

/// <summary>Who records, when, and under which idempotency key (stored on the first event of the batch).</summary>
public sealed record Recording(Instant Recorded, string RecordedBy, string? IdempotencyKey = null);

/// <summary>
/// Reads and appends events. Appends are added to the unit of work (the DbContext) so the caller saves them
/// together with the read models they change, in one transaction.
/// </summary>
public sealed class EventStore(ConcordDbContext db)
{
    /// <summary>The hash the first event of a log chains to.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private (long Position, string Hash)? _head;

    public async Task<IReadOnlyList<StoredEvent>> ReadStream(string streamId, CancellationToken ct) =>
        await db.Events.AsNoTracking().Where(e => e.StreamId == streamId).OrderBy(e => e.StreamVersion).ToListAsync(ct);

    public Task<bool> KeyWasUsed(string idempotencyKey, CancellationToken ct) =>
        db.Events.AnyAsync(e => e.IdempotencyKey == idempotencyKey, ct);

    /// <summary>
    /// Adds events to the stream after <paramref name="expectedVersion"/> (0 for a new stream), chained to the
    /// head of the log. Nothing is written until the caller saves; a stale version fails then, as a
    /// <see cref="ConcurrencyException"/> from <see cref="Save"/>.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> Append(
        string streamId, int expectedVersion, IReadOnlyList<PendingEvent> events, Recording recording, CancellationToken ct)
    {
        var (position, previous) = _head ??= await ReadHead(ct);
        var rows = new List<StoredEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var row = Seal(new StoredEvent
            {
                Position = ++position,
                StreamId = streamId,
                StreamVersion = expectedVersion + i + 1,
                Name = EventNames.NameOf(events[i].Event),
                Payload = JsonSerializer.Serialize(events[i].Event, events[i].Event.GetType(), ConcordJson.Options),
                Effective = Truncate(events[i].Effective),
                Recorded = Truncate(recording.Recorded),
                RecordedBy = recording.RecordedBy,
                Marking = events[i].Classification?.Marking ?? Marking.Public,
                ReleasableTo = events[i].Classification?.ReleasableText,
                IdempotencyKey = i == 0 ? recording.IdempotencyKey : null,
                PreviousHash = previous,
                Hash = "",
            });
            previous = row.Hash;
            rows.Add(row);
        }
        _head = (position, previous);
        db.Events.AddRange(rows);
        return rows;
    }

    /// <summary>Adds an exported event as it was, keeping its instants and author; its hash must come out the same.</summary>
    public async Task<StoredEvent> AppendExported(StoredEvent exported, CancellationToken ct)
    {
        var (position, previous) = _head ??= await ReadHead(ct);
        var row = Seal(new StoredEvent
        {
            Position = position + 1, StreamId = exported.StreamId, StreamVersion = exported.StreamVersion,
            Name = exported.Name, Payload = exported.Payload, Effective = exported.Effective, Recorded = exported.Recorded,
            RecordedBy = exported.RecordedBy, Marking = exported.Marking, ReleasableTo = exported.ReleasableTo, IdempotencyKey = exported.IdempotencyKey, PreviousHash = previous, Hash = "",
        });
        _head = (row.Position, row.Hash);
        db.Events.Add(row);
        return row;
    }

    /// <summary>Saves the unit of work; a unique-key violation on the log means another writer came first.</summary>
    public async Task Save(string streamId, int expectedVersion, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            _head = null;
            throw new ConcurrencyException(streamId, expectedVersion, ex);
        }
    }

    /// <summary>Deserializes a stored event by its registered name.</summary>
    public static object Deserialize(StoredEvent row) =>
        JsonSerializer.Deserialize(row.Payload, EventNames.TypeOf(row.Name), ConcordJson.Options)
        ?? throw new InvalidOperationException($"Event {row.Position} has an empty payload.");

    /// <summary>
    /// The hash of an event: SHA-256 over its previous hash and every stored field, in a fixed order, the acting account
    /// included. The classification is appended when it is not PUBLIC, so logs written before markings existed keep
    /// their hashes and a marking lowered in the database breaks the chain.
    /// </summary>
    public static string ComputeHash(StoredEvent e)
    {
        var text = string.Join('\n', e.PreviousHash, e.StreamId, e.StreamVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.Name, e.Payload, InstantPattern.ExtendedIso.Format(e.Effective), InstantPattern.ExtendedIso.Format(e.Recorded),
            e.RecordedBy, e.IdempotencyKey ?? "");
        if (e.Marking != Marking.Public || e.ReleasableTo is not null)
            text += "\n" + ((int)e.Marking).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n" + (e.ReleasableTo ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Instants are kept to the microsecond, the finest precision both SQLite ticks and PostgreSQL timestamps hold,
    /// so a hash computed before saving still matches what is read back.
    /// </summary>
    public static Instant Truncate(Instant instant) => Instant.FromUnixTimeTicks(instant.ToUnixTimeTicks() / 10 * 10);

    private static StoredEvent Seal(StoredEvent e)
    {
        e.Hash = ComputeHash(e);
        return e;
    }

    private async Task<(long, string)> ReadHead(CancellationToken ct)
    {
        var head = await db.Events.AsNoTracking().OrderByDescending(e => e.Position)
            .Select(e => new { e.Position, e.Hash }).FirstOrDefaultAsync(ct);
        return head is null ? (0, GenesisHash) : (head.Position, head.Hash);
    }
}
