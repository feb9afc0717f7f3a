using System.Data.Common;
using System.Text.Json;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
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
public static partial class LogOperations
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
    /// order: an <see cref="IWholeStreamProjection"/> folds each whole stream and its rows are written in bulk, an
    /// <see cref="IDerivedProjection"/> derives its rows from theirs in one pass, any other projection goes through the same
    /// <see cref="IProjection.Project"/> as live commits. Returns the number of events in the log.
    /// </summary>
    public static async Task<long> Rebuild(ConcordDbContext db, IClock clock, CancellationToken ct) =>
        // All or nothing: a rebuild cut short leaves the read models as they were (an import runs it inside its own transaction).
        (await new EventStore(db).WholeStore(async () => new Result<long>(await Project(db, clock, ct), null), ct)).Value;

    /// <summary>
    /// Clears the read models and projects the log again, inside the caller's transaction: a whole-stream projection
    /// folds each stream as it is read (its events are garbage before the next one; only the rows are kept) and writes a
    /// page's rows once its reader is closed; any other projection goes through its live path a page at a time.
    /// </summary>
    private static async Task<long> Project(ConcordDbContext db, IClock clock, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var projections = LogRegistry.Current.Projections;
        foreach (var projection in projections.Reverse()) await projection.Clear(db, ct);
        await using var bulk = await BulkRows.Open(db, ct);
        var events = new EventColumns(db);
        var batches = 0;
        foreach (var projection in projections)
        {
            if (projection is IDerivedProjection derived)
            {
                // Runs once on the rows the projections before it wrote, which the bulk writer has flushed.
                await derived.Rebuild(db, bulk, ct);
                await bulk.Flush(ct);
                KillPoint.Reached("rebuild:after-batch", ++batches);
                continue;
            }
            foreach (var prefix in projection.Streams)
            {
                if (projection is IWholeStreamProjection folds)
                    await ForEachPage(events, prefix, stream => folds.Rebuild(new StreamChange(stream[0].StreamId, stream, Rebuilding: true), bulk, now),
                        async () =>
                        {
                            await bulk.Flush(ct);
                            KillPoint.Reached("rebuild:after-batch", ++batches);
                        }, ct);
                else
                {
                    var page = new List<List<StoredEvent>>();
                    await ForEachPage(events, prefix, page.Add, async () =>
                    {
                        foreach (var stream in page) await projection.Project(db, new StreamChange(stream[0].StreamId, stream, Rebuilding: true), now, ct);
                        page.Clear();
                        await db.SaveChangesAsync(ct);
                        db.ChangeTracker.Clear();
                        KillPoint.Reached("rebuild:after-batch", ++batches);
                    }, ct);
                }
            }
        }
        return await db.Count<StoredEvent>(ct);
    }

    /// <summary>
    /// Reads the log's events of one kind of stream in pages (ordered by stream, then version), handing each whole stream
    /// to <paramref name="stream"/> as it is read, and calls <paramref name="pageRead"/> once the page's reader is closed:
    /// the rows are written then, before the next page and the next projection, which may read them (PostgreSQL allows
    /// one open reader per connection). The rows are read with the context's connection and transaction but without
    /// materializing entities: on a large log EF's materializer and its paging cost more than the fold. A full page
    /// holds back its last stream, which may go on: the next page starts with it.
    /// </summary>
    private static async Task ForEachPage(EventColumns events, string prefix, Action<List<StoredEvent>> stream,
        Func<Task> pageRead, CancellationToken ct)
    {
        var limit = 20_000;
        string? from = null;
        while (true)
        {
            var (read, handed, last) = await events.Read(prefix, from, limit, stream, ct);
            if (read < limit)
            {
                if (last is not null) stream(last);
                await pageRead();
                return;
            }
            // One stream longer than a page is read again, whole, in a longer page.
            if (handed == 0) limit *= 2;
            else await pageRead();
            from = last![0].StreamId;
        }
    }
}
