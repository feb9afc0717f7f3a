using System.Text.Json;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.EventLog;

/// <summary>
/// An event as the feed and the export show it: every stored field, the payload as JSON. <paramref name="Classification"/>
/// is its marking in words ("NATO RESTRICTED REL UKR"), absent when PUBLIC, so exports of public logs are unchanged.
/// </summary>
public sealed record FeedEvent(long Position, string StreamId, int StreamVersion, string Name, JsonElement Payload, Instant Effective,
    Instant Recorded, string RecordedBy, string? IdempotencyKey, string PreviousHash, string Hash, string? Classification = null)
{
    public static FeedEvent From(StoredEvent e) => new(e.Position, e.StreamId, e.StreamVersion, e.Name,
        JsonDocument.Parse(e.Payload).RootElement.Clone(), e.Effective, e.Recorded, e.RecordedBy, e.IdempotencyKey, e.PreviousHash, e.Hash,
        e.Marking == Domain.Marking.Public && e.ReleasableTo is null ? null : Domain.Classification.FromStored(e.Marking, e.ReleasableTo).ToString());
}

/// <summary>The whole log at once: import into an empty store, and rebuilding the read models.</summary>
public static class LogOperations
{
    /// <summary>
    /// Loads an export into an EMPTY store, checking that every event's recomputed hash equals the exported one
    /// (so the chain is reproduced exactly), then rebuilds the read models. All or nothing.
    /// </summary>
    public static Task<Result<long>> Import(ConcordDbContext db, IClock clock, TextReader input, CancellationToken ct)
    {
        var log = new EventStore(db);
        return log.WholeStore(() => Load(db, log, clock, input, ct), ct);
    }

    private static async Task<Result<long>> Load(ConcordDbContext db, EventStore log, IClock clock, TextReader input, CancellationToken ct)
    {
        if (await db.Events.AnyAsync(ct)) return Domain.Refusal.Conflict("The store already has events; a log can only be imported into an empty store.");
        long line = 0;
        while (await input.ReadLineAsync(ct) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var e = JsonSerializer.Deserialize<FeedEvent>(text, ConcordJson.Options);
            if (e is null || !EventNames.IsKnown(e.Name)) return Domain.Refusal.Invalid("line", $"Line {line} is not an exported Concord event.");
            var marking = e.Classification is null ? Domain.Classification.Public : Domain.Classification.Parse(e.Classification);
            if (marking is null) return Domain.Refusal.Invalid("line", $"Line {line}: '{e.Classification}' is not a marking.");
            var row = await log.AppendExported(new StoredEvent
            {
                StreamId = e.StreamId, StreamVersion = e.StreamVersion, Name = e.Name, Payload = e.Payload.GetRawText(),
                Effective = e.Effective, Recorded = e.Recorded, RecordedBy = e.RecordedBy, IdempotencyKey = e.IdempotencyKey,
                Marking = marking.Marking, ReleasableTo = marking.ReleasableText, PreviousHash = e.PreviousHash, Hash = e.Hash,
            }, ct);
            if (row.Hash != e.Hash) return Domain.Refusal.Unprocessable($"Line {line}: event {e.Position} does not reproduce its hash; the export was altered or is out of order.");
            if (line % 5000 == 0) { await db.SaveChangesAsync(ct); db.ChangeTracker.Clear(); }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await Rebuild(db, clock, ct);
        return line;
    }

    /// <summary>
    /// Clears every registered projection's read model and runs it again over every stream it follows, in registration
    /// order, through the same <see cref="IProjection.Project"/> as live commits. Returns the number of events in the log.
    /// </summary>
    public static async Task<long> Rebuild(ConcordDbContext db, IClock clock, CancellationToken ct) =>
        // All or nothing: a rebuild cut short leaves the read models as they were (an import runs it inside its own transaction).
        (await new EventStore(db).WholeStore(async () => new Result<long>(await Project(db, clock, ct), null), ct)).Value;

    private static async Task<long> Project(ConcordDbContext db, IClock clock, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var projections = LogRegistry.Current.Projections;
        foreach (var projection in projections.Reverse()) await projection.Clear(db, ct);
        foreach (var projection in projections)
            foreach (var prefix in projection.Streams)
                await ForEachStream(db, prefix, rows => projection.Project(db, new StreamChange(rows[0].StreamId, rows, Rebuilding: true), now, ct), ct);
        return await db.Events.LongCountAsync(ct);
    }

    /// <summary>
    /// Reads the log's events of one kind of stream in pages (ordered by stream, then version) and hands each
    /// complete stream to <paramref name="project"/>, saving every few thousand rows. Pages are read whole before
    /// projecting, so the projection may query the store (PostgreSQL allows one open reader per connection).
    /// </summary>
    private static async Task<long> ForEachStream(ConcordDbContext db, string prefix, Func<List<StoredEvent>, Task> project, CancellationToken ct)
    {
        const int page = 20_000;
        long count = 0;
        var current = new List<StoredEvent>();
        (string Stream, int Version) after = ("", 0);
        while (true)
        {
            var (stream, version) = after;
            var rows = await db.Events.AsNoTracking()
                .Where(e => e.StreamId.StartsWith(prefix) && (string.Compare(e.StreamId, stream) > 0 || (e.StreamId == stream && e.StreamVersion > version)))
                .OrderBy(e => e.StreamId).ThenBy(e => e.StreamVersion).Take(page).ToListAsync(ct);
            foreach (var e in rows)
            {
                if (current.Count > 0 && current[0].StreamId != e.StreamId)
                {
                    await project(current);
                    current = [];
                }
                current.Add(e);
            }
            count += rows.Count;
            if (rows.Count < page) break;
            after = (rows[^1].StreamId, rows[^1].StreamVersion);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        if (current.Count > 0) await project(current);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return count;
    }
}
