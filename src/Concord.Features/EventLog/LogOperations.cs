using System.Text.Json;
using Concord.Domain.Accession;
using Concord.Domain.Decisions;
using Concord.Features.Access;
using Concord.Features.Accessions;
using Concord.Domain.Members;
using Concord.Domain.Summits;
using Concord.Features.Decisions;
using Concord.Features.Members;
using Concord.Features.Storage;
using Concord.Features.Summits;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.EventLog;

/// <summary>A page of the event feed.</summary>
public sealed record FeedPage(IReadOnlyList<FeedEvent> Events, long? Next);

/// <summary>
/// An event as the feed and the export show it: every stored field, the payload as JSON. <paramref name="Classification"/>
/// is its marking in words ("NATO RESTRICTED REL UKR"), absent when PUBLIC, so exports of public logs are unchanged.
/// </summary>
public sealed record FeedEvent(long Position, string StreamId, int StreamVersion, string Name, JsonElement Payload, Instant Effective,
    Instant Recorded, string RecordedBy, string? IdempotencyKey, string PreviousHash, string Hash, string? Classification = null)
{
    public static FeedEvent From(StoredEvent e) => new(e.Position, e.StreamId, e.StreamVersion, e.Name,
        JsonDocument.Parse(e.Payload).RootElement.Clone(), e.Effective, e.Recorded, e.RecordedBy, e.IdempotencyKey, e.PreviousHash, e.Hash,
        e.Marking == Domain.Marking.Public && e.ReleasableTo is null ? null : Visibility.ClassificationOf(e).ToString());
}

/// <summary>Reading the whole log: the paged feed, export, import into an empty store, and rebuilding read models.</summary>
public static class LogOperations
{
    /// <summary>
    /// The events after log position <paramref name="after"/> that <paramref name="reader"/> may see
    /// (<see cref="DecisionSights.Shows"/>), at most <paramref name="limit"/>; <see cref="FeedPage.Next"/> is set only
    /// when another event it may see follows, so an empty next page never hints at hidden events.
    /// </summary>
    public static async Task<FeedPage> Feed(ConcordDbContext db, long after, int limit, Reader reader, CancellationToken ct)
    {
        var sights = await DecisionSights.Load(db, reader, ct);
        var page = new List<FeedEvent>(limit);
        var more = false;
        var from = after;
        var chunk = Math.Max(limit + 1, 200);
        while (!more)
        {
            var rows = await db.Events.AsNoTracking().Where(e => e.Position > from).OrderBy(e => e.Position).Take(chunk).ToListAsync(ct);
            foreach (var e in rows.Where(sights.Shows))
            {
                if (page.Count == limit) { more = true; break; }
                page.Add(FeedEvent.From(e));
            }
            if (rows.Count < chunk) break;
            from = rows[^1].Position;
        }
        return new FeedPage(page, more ? page[^1].Position : null);
    }

    /// <summary>
    /// Writes the log as JSON lines, one event per line, in log order: the events <paramref name="reader"/> may see, as the
    /// feed shows them. Only an export by a reader who sees everything (the host) reproduces the chain and can be imported;
    /// a filtered export leaves events out, so its hashes no longer link.
    /// </summary>
    public static async Task<long> Export(ConcordDbContext db, TextWriter output, Reader reader, CancellationToken ct)
    {
        var sights = await DecisionSights.Load(db, reader, ct);
        long count = 0;
        await foreach (var e in db.Events.AsNoTracking().OrderBy(e => e.Position).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!sights.Shows(e)) continue;
            await output.WriteLineAsync(JsonSerializer.Serialize(FeedEvent.From(e), ConcordJson.Options).AsMemory(), ct);
            count++;
        }
        return count;
    }

    /// <summary>
    /// Loads an export into an EMPTY store, checking that every event's recomputed hash equals the exported one
    /// (so the chain is reproduced exactly), then rebuilds the read models. All or nothing.
    /// </summary>
    public static async Task<Result<long>> Import(ConcordDbContext db, IClock clock, TextReader input, CancellationToken ct)
    {
        if (await db.Events.AnyAsync(ct)) return Domain.Refusal.Conflict("The store already has events; a log can only be imported into an empty store.");
        var log = new EventStore(db);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
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
        await tx.CommitAsync(ct);
        return line;
    }

    /// <summary>
    /// Drops every read model and projects it again from the log: bodies first, then summits, decisions and accessions.
    /// Returns the number of events in the log.
    /// </summary>
    public static async Task<long> Rebuild(ConcordDbContext db, IClock clock, CancellationToken ct)
    {
        await db.Accessions.ExecuteDeleteAsync(ct);
        await db.Positions.ExecuteDeleteAsync(ct);
        await db.Decisions.ExecuteDeleteAsync(ct);
        await db.Summits.ExecuteDeleteAsync(ct);
        await db.Members.ExecuteDeleteAsync(ct);
        var bodies = new Dictionary<string, Body>();
        await ForEachStream(db, StreamIds.BodyPrefix, rows =>
        {
            var code = rows[0].StreamId[StreamIds.BodyPrefix.Length..];
            var events = rows.Select(r => (MemberAdmitted)EventStore.Deserialize(r)).ToList();
            MemberProjection.Add(db, events);
            bodies[code] = AdmitMembers.Fold(code, rows)!;
            return Task.CompletedTask;
        }, ct);
        await ForEachStream(db, StreamIds.SummitPrefix, rows =>
        {
            foreach (var r in rows) SummitProjection.Add(db, (SummitScheduled)EventStore.Deserialize(r));
            return Task.CompletedTask;
        }, ct);
        var now = clock.GetCurrentInstant();
        await ForEachStream(db, StreamIds.DecisionPrefix, async rows =>
        {
            var state = Decision.Replay(rows.Select(DecisionStream.ToFact));
            if (state is null) return;
            var body = bodies.GetValueOrDefault(state.Body) ?? new Body(state.Body, state.Body, []);
            await DecisionProjection.Write(db, state, body, now, rows, ct);
        }, ct);
        var nato = bodies.GetValueOrDefault(Body.Nato) ?? new Body(Body.Nato, Body.Nato, []);
        await ForEachStream(db, StreamIds.AccessionPrefix, async rows =>
        {
            if (Accession.Replay(rows.Select(AccessionStream.ToFact)) is { } state)
                await AccessionStream.Project(db, state, nato, Domain.Zones.BrusselsDate(now), rows.Count, ct);
        }, ct);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
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
