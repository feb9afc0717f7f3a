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

/// <summary>Who records, when, and under which idempotency key (stored on the first event of the commit).</summary>
/// <summary>Whether an Idempotency-Key was spent (<see cref="EventStore.Spent"/>).</summary>
public enum KeySpent { No, BySameRequest, ByAnotherRequest }

public sealed record Recording(Instant Recorded, string RecordedBy, RequestKey? IdempotencyKey = null);

/// <summary>
/// Events to append to one stream. <paramref name="ExpectedVersion"/> is the version the writer decided on (0 for a new
/// stream): another writer's event in between is a conflict. Null appends after whatever the stream holds when the
/// commit runs, for streams whose events do not depend on the ones before (the audit of accounts).
/// </summary>
public sealed record StreamWrite(string StreamId, int? ExpectedVersion, IReadOnlyList<PendingEvent> Events);

/// <summary>
/// The event log: reads streams, and appends through <see cref="Commit{T}"/>, the one way anything is written to it.
/// </summary>
public sealed partial class EventStore(ConcordDbContext db)
{
    /// <summary>The hash the first event of a log chains to.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private (long Position, string Hash)? _head;

    public async Task<IReadOnlyList<StoredEvent>> ReadStream(string streamId, CancellationToken ct) =>
        await db.Events.AsNoTracking().Where(e => e.StreamId == streamId).OrderBy(e => e.StreamVersion).ToListAsync(ct);

    /// <summary>
    /// The stream's events as a fold and the visibility rule read them: version, name, payload, effective instant and
    /// marking. The rest (position, when and by whom recorded, the idempotency key and the chain's two hashes) is left
    /// empty: a read of the past reads seven fewer columns per event. Not for export, verification or appending.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadStreamToFold(string streamId, CancellationToken ct)
    {
        var rows = new List<StoredEvent>();
        await foreach (var e in ToFold.For(db)(db, streamId).WithCancellation(ct))
            rows.Add(StoredEvent.ToFold(streamId, e.StreamVersion, e.Name, e.Payload, e.Effective, e.Marking, e.ReleasableTo));
        return rows;
    }

    private sealed record FoldColumns(int StreamVersion, string Name, string Payload, Instant Effective, Marking Marking, string? ReleasableTo);

    // Compiled once per model: a read of the past runs this on every request, and the compiled form skips translating it.
    private static readonly CompiledPerModel<Func<ConcordDbContext, string, IAsyncEnumerable<FoldColumns>>> ToFold = new(() =>
        EF.CompileAsyncQuery((ConcordDbContext db, string streamId) => db.Events.AsNoTracking().Where(e => e.StreamId == streamId)
            .OrderBy(e => e.StreamVersion).Select(e => new FoldColumns(e.StreamVersion, e.Name, e.Payload, e.Effective, e.Marking, e.ReleasableTo))));

    /// <summary>The stream's events and version, folded by the aggregate's own <paramref name="fold"/>.</summary>
    public async Task<Fetched<TState>> FetchForWriting<TState>(string streamId, Func<IReadOnlyList<StoredEvent>, TState> fold, CancellationToken ct)
    {
        var rows = await ReadStream(streamId, ct);
        return new Fetched<TState>(streamId, rows.Count == 0 ? 0 : rows[^1].StreamVersion, fold(rows));
    }

    /// <summary>
    /// Whether <paramref name="key"/> was spent, and by this request or another: its claim, kept in the transaction that
    /// stored the write, holds the fingerprint. (Events under a key with no claim cannot be appended twice either: the
    /// events' unique key refuses the second, and the commit answers it as already recorded.)
    /// </summary>
    public async Task<KeySpent> Spent(RequestKey key, CancellationToken ct)
    {
        var claimed = await db.IdempotentResponses.AsNoTracking().Where(r => r.Key == key.Value).Select(r => r.Fingerprint).FirstOrDefaultAsync(ct);
        return claimed is null ? KeySpent.No : claimed == key.Fingerprint ? KeySpent.BySameRequest : KeySpent.ByAnotherRequest;
    }

    /// <summary>The refusal of a request sent under a key another request spent: nothing of it is stored.</summary>
    public static Refusal KeySpentByAnotherRequest() =>
        Refusal.Unprocessable("This Idempotency-Key was already used for a different request; nothing was stored. Send this request under a new key.", "Idempotency-Key");

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

    /// <summary>Deserializes a stored event by its registered name.</summary>
    public static object Deserialize(StoredEvent row) =>
        row.Decoded ?? JsonSerializer.Deserialize(row.Payload, EventNames.TypeOf(row.Name), ConcordJson.Options)
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
