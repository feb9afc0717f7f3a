using System.Data.Common;
using System.Text.Json;
using Concord.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Concord.Features.EventLog;

/// <summary>
/// A stream as read for writing: its version and its state, folded by the aggregate's own fold (or read from its read
/// model, which the commit keeps in step with the stream).
/// </summary>
public sealed record Fetched<TState>(string StreamId, int Version, TState State)
{
    /// <summary>The write of <paramref name="events"/> after this version.</summary>
    public StreamWrite Append(IReadOnlyList<PendingEvent> events) => new(StreamId, Version, events);
}

/// <summary>
/// What a unit of work enlisted in a commit decided: its value and the streams to append to, or a refusal that
/// undoes it all. Refusals are values; the commit rolls back what the work did in the database (e.g. an account change).
/// </summary>
public readonly record struct Enlisted<T>(T? Value, IReadOnlyList<StreamWrite> Writes, Refusal? Refusal)
{
    public static implicit operator Enlisted<T>(Refusal refusal) => new(default, [], refusal);
}

/// <summary>What a commit stored: the events appended (none when the idempotency key had been used), and the work's value.</summary>
public sealed record Committed<T>(IReadOnlyList<StoredEvent> Events, T? Value, bool AlreadyRecorded);

public sealed partial class EventStore
{
    /// <summary>How often a commit is tried again when another instance moved the head of the log under it.</summary>
    private const int HeadRetries = 5;

    // Any 64-bit number of our own: it names the one lock every instance takes before appending.
    private const long LogLockKey = 0x436f6e636f7264;

    /// <summary>Runs a read-decide-commit sequence as the only writer in this process (see <see cref="WriteGate"/>).</summary>
    public static Task<T> Serialized<T>(Func<Task<T>> work, CancellationToken ct) => WriteGate.Run(work, ct);

    /// <summary>Appends <paramref name="writes"/> in one transaction (all or none); see <see cref="Commit{T}"/>.</summary>
    /// <exception cref="KeySpentException">The idempotency key was spent by another request: nothing was stored.</exception>
    public async Task<Committed<object>> Commit(IReadOnlyList<StreamWrite> writes, Recording recording, CancellationToken ct)
    {
        var result = await Commit(() => Task.FromResult(new Enlisted<object>(null, writes, null)), recording, ct);
        // With no work of its own, the only refusal is the key's; the callers read what they wrote back, so it must not pass unseen.
        return result.Refusal is { } refusal ? throw new KeySpentException(refusal.Reason) : result.Value!;
    }

    /// <summary>
    /// The one way to write: in one transaction, under the log's lock (PostgreSQL: an advisory transaction lock, so
    /// several instances append one at a time; SQLite: its single writer), runs <paramref name="work"/> (which may change
    /// the database itself, as the account service does, or refuse), checks each stream's expected version, chains the
    /// events to the head of the log, saves them, runs every registered projection that follows a stream written to,
    /// and commits. All or nothing.
    /// </summary>
    /// <returns>The work's refusal, or what was stored: nothing, when the idempotency key was already used (the first
    /// request was recorded; the caller answers with the state it left).</returns>
    /// <exception cref="ConcurrencyException">A stream is no longer at its expected version.</exception>
    /// <exception cref="StoreWriteException">The store refused the write for another reason (read-only, full, gone).</exception>
    public Task<Result<Committed<T>>> Commit<T>(Func<Task<Enlisted<T>>> work, Recording recording, CancellationToken ct) =>
        Serialized(async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await Transaction(work, recording, ct);
                }
                catch (DbUpdateException ex) when (StoreErrors.Classify(ex) == LogClash.Head && attempt < HeadRetries)
                {
                    // Another instance appended first (one that did not take the lock): chain to the new head.
                }
                catch (DbUpdateException ex) when (StoreErrors.Classify(ex) == LogClash.StreamVersion)
                {
                    throw new ConcurrencyException(_writing?.Stream ?? "", _writing?.Version ?? 0, ex);
                }
                catch (DbUpdateException ex) when (StoreErrors.Classify(ex) == LogClash.IdempotencyKey)
                {
                    return new Result<Committed<T>>(new Committed<T>([], default, true), null);
                }
                catch (Exception ex) when (ex is DbUpdateException or DbException)
                {
                    throw new StoreWriteException("The store did not accept the write; nothing was stored.", ex);
                }
            }
        }, ct);

    /// <summary>
    /// The log's whole-store writes (an import, a rebuild) on the same terms as a commit: under the same gate and lock,
    /// in one transaction, committed only when <paramref name="work"/> does not refuse. Inside a transaction already
    /// open (a rebuild within an import) the work joins it, and the outer one decides.
    /// </summary>
    public async Task<Result<T>> WholeStore<T>(Func<Task<Result<T>>> work, CancellationToken ct) =>
        await Serialized(async () =>
        {
            if (db.Database.CurrentTransaction is not null) return await work();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LogLockKey})", ct);
                var result = await work();
                if (result.Refusal is null) await tx.CommitAsync(ct);
                else await Undo(tx);
                return result;
            }
            finally
            {
                Moved();
            }
        }, ct);

    /// <summary>
    /// A read-only transaction over one consistent snapshot of the whole store (a backup reads every table in it): REPEATABLE
    /// READ and READ ONLY on PostgreSQL; on SQLite a deferred BEGIN, which takes no write lock (a read-only store could not
    /// give one), its snapshot starting at the first read. Nothing can be written in it.
    /// </summary>
    public async Task<IDbContextTransaction> ReadSnapshot(CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", ct);
            return tx;
        }
        await db.Database.OpenConnectionAsync(ct);
        var sqlite = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
        return await db.Database.UseTransactionAsync(sqlite.BeginTransaction(deferred: true), ct)
            ?? throw new InvalidOperationException("The snapshot's transaction was not taken up.");
    }

    /// <summary>Answers kept for this store are not used again: the log or the read models may have changed.</summary>
    private void Moved() => LogHeads.Changed(db.Database.GetConnectionString() ?? "");

    private async Task<Result<Committed<T>>> Transaction<T>(Func<Task<Enlisted<T>>> work, Recording recording, CancellationToken ct)
    {
        _head = null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var outcome = await Attempt(work, recording, ct);
            if (outcome.Refusal is null && outcome.Value is { AlreadyRecorded: false }) await tx.CommitAsync(ct);
            else await Undo(tx);
            return outcome;
        }
        catch
        {
            await Undo(tx);
            throw;
        }
        finally
        {
            // Also when the commit's fate is unknown: answers kept from before are simply not used again.
            Moved();
        }
    }

    // The stream being appended to, to name it when its (stream, version) key clashes on saving.
    private (string Stream, int Version)? _writing;

    private async Task<Result<Committed<T>>> Attempt<T>(Func<Task<Enlisted<T>>> work, Recording recording, CancellationToken ct)
    {
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LogLockKey})", ct);
        if (recording.IdempotencyKey is { } key)
            switch (await Spent(key, ct))
            {
                case KeySpent.BySameRequest: return new Committed<T>([], default, true);
                case KeySpent.ByAnotherRequest: return KeySpentByAnotherRequest();
            }
        var enlisted = await work();
        if (enlisted.Refusal is { } refusal) return refusal;
        // The key is claimed with the request's fingerprint in this transaction: a concurrent request under the same key
        // finds it here, under the lock, and is answered as the same request or refused, never stored and dropped.
        if (recording.IdempotencyKey is { } claimed)
            db.IdempotentResponses.Add(new Storage.IdempotentResponse
            {
                Key = claimed.Value, Fingerprint = claimed.Fingerprint, Status = 0, ContentType = "", Body = [], Recorded = recording.Recorded,
            });
        var writes = enlisted.Writes.Where(w => w.Events.Count > 0).ToList();
        var versions = writes.Count == 1 ? await Tip(writes[0].StreamId, ct) : await Versions(writes.Select(w => w.StreamId), ct);
        var changes = new List<StreamChange>(writes.Count);
        var keyed = false;
        foreach (var write in writes)
        {
            var current = versions.GetValueOrDefault(write.StreamId);
            if (write.ExpectedVersion is { } expected && expected != current) throw new ConcurrencyException(write.StreamId, expected);
            _writing = (write.StreamId, current);
            var rows = await Append(write.StreamId, current, write.Events, keyed ? recording with { IdempotencyKey = null } : recording, ct);
            versions[write.StreamId] = current + rows.Count;
            keyed = true;
            changes.Add(new StreamChange(write.StreamId, rows));
        }
        await db.SaveChangesAsync(ct);
        foreach (var projection in LogRegistry.Current.Projections)
        {
            if (projection is IDerivedProjection derived)
            {
                // It reads the rows the projections before it saved for every stream of the commit: one pass for all.
                var followed = changes.Where(c => LogRegistry.Follows(projection, c.StreamId)).ToList();
                if (followed.Count == 0) continue;
                await derived.ProjectAll(db, followed, recording.Recorded, ct);
                await db.SaveChangesAsync(ct);
                continue;
            }
            foreach (var change in changes.Where(c => LogRegistry.Follows(projection, c.StreamId)))
            {
                await projection.Project(db, change, recording.Recorded, ct);
                await db.SaveChangesAsync(ct);
            }
        }
        return new Committed<T>([.. changes.SelectMany(c => c.Appended)], enlisted.Value, false);
    }

    /// <summary>Rolls back, and forgets what the attempt tracked, so a retry or the caller starts from the store as it is.</summary>
    private async Task Undo(IDbContextTransaction tx)
    {
        _head = null;
        db.ChangeTracker.Clear();
        try { await tx.RollbackAsync(CancellationToken.None); }
        catch (Exception ex) when (ex is InvalidOperationException or DbException) { /* the connection already ended it */ }
    }

    /// <summary>The current version of each stream (0 for a new one), read in a few queries under the lock.</summary>
    private async Task<Dictionary<string, int>> Versions(IEnumerable<string> streams, CancellationToken ct)
    {
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var chunk in streams.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var found = await db.Events.AsNoTracking().Where(e => chunk.Contains(e.StreamId))
                .GroupBy(e => e.StreamId).Select(g => new { g.Key, Version = g.Max(e => e.StreamVersion) }).ToListAsync(ct);
            foreach (var f in found) versions[f.Key] = f.Version;
        }
        return versions;
    }

    /// <summary>
    /// The version of one stream and the head of the log, read in one round trip under the lock: what the common commit,
    /// to a single stream, needs before it appends (the head is kept for <see cref="Append"/>).
    /// </summary>
    private async Task<Dictionary<string, int>> Tip(string streamId, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """
            SELECT (SELECT MAX("StreamVersion") FROM events WHERE "StreamId" = @stream), "Position", "Hash"
            FROM events ORDER BY "Position" DESC LIMIT 1
            """;
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = ("stream", streamId);
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!await reader.ReadAsync(ct))
        {
            _head = (0, GenesisHash);
            return versions;
        }
        if (!await reader.IsDBNullAsync(0, ct)) versions[streamId] = Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
        _head = (reader.GetInt64(1), reader.GetString(2));
        return versions;
    }

    /// <summary>Chains events to the head of the log after <paramref name="version"/> of the stream; saved by the commit.</summary>
    private async Task<IReadOnlyList<StoredEvent>> Append(
        string streamId, int version, IReadOnlyList<PendingEvent> events, Recording recording, CancellationToken ct)
    {
        var (position, previous) = _head ??= await ReadHead(ct);
        var rows = new List<StoredEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var row = Seal(new StoredEvent
            {
                Position = ++position,
                StreamId = streamId,
                StreamVersion = version + i + 1,
                Name = EventNames.NameOf(events[i].Event),
                Payload = JsonSerializer.Serialize(events[i].Event, events[i].Event.GetType(), ConcordJson.Options),
                Effective = Truncate(events[i].Effective),
                Recorded = Truncate(recording.Recorded),
                RecordedBy = recording.RecordedBy,
                Marking = events[i].Classification?.Marking ?? Marking.Public,
                ReleasableTo = events[i].Classification?.ReleasableText,
                IdempotencyKey = i == 0 ? recording.IdempotencyKey?.Value : null,
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
}
