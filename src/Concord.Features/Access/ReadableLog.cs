using System.Text.Json;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Access;

/// <summary>
/// An event as one reader reads it from the feed or an export. A reader who sees every event
/// (<see cref="Visibility.SeesEveryEvent"/>) gets the whole row, as the host exports it: its log position, stream version,
/// idempotency key and the chain's hashes. Any other reader gets none of these, since each of them counts or chains the
/// events hidden from it (a gap in positions or versions, a previous hash that is not the event before); what is left is
/// the event itself.
/// </summary>
public sealed record LogEvent(long? Position, string StreamId, int? StreamVersion, string Name, JsonElement Payload, Instant Effective,
    Instant Recorded, string RecordedBy, string? IdempotencyKey, string? PreviousHash, string? Hash, string? Classification = null)
{
    /// <summary>The event in the form the reader is given: whole when <paramref name="whole"/>, else without what counts events.</summary>
    public static LogEvent From(StoredEvent e, bool whole)
    {
        var f = FeedEvent.From(e);
        return whole
            ? new LogEvent(f.Position, f.StreamId, f.StreamVersion, f.Name, f.Payload, f.Effective, f.Recorded, f.RecordedBy, f.IdempotencyKey,
                f.PreviousHash, f.Hash, f.Classification)
            : new LogEvent(null, f.StreamId, null, f.Name, f.Payload, f.Effective, f.Recorded, f.RecordedBy, null, null, null, f.Classification);
    }
}

/// <summary>
/// A page of the event feed. <see cref="Next"/> is the log position the next page starts after: for the caller to seal
/// into an opaque cursor, and to show as a position only to a reader who sees every event.
/// </summary>
public sealed record FeedPage(IReadOnlyList<LogEvent> Events, long? Next);

/// <summary>The log as one reader may read it: the paged feed and the export.</summary>
public static class ReadableLog
{
    /// <summary>
    /// The events after log position <paramref name="after"/> that <paramref name="reader"/> may see
    /// (<see cref="DecisionSights.Shows(StoredEvent)"/>), at most <paramref name="limit"/>, in the form the reader is given
    /// (<see cref="LogEvent.From"/>); <see cref="FeedPage.Next"/> is set only when another event it may see follows, so an
    /// empty next page never hints at hidden events.
    /// </summary>
    public static async Task<FeedPage> Feed(ConcordDbContext db, long after, int limit, Reader reader, CancellationToken ct)
    {
        var sights = await DecisionSights.Load(db, reader, ct);
        var whole = Visibility.SeesEveryEvent(reader);
        var page = new List<LogEvent>(limit);
        long? last = null;
        var more = false;
        var from = after;
        var chunk = Math.Max(limit + 1, 200);
        while (!more)
        {
            var rows = await db.Events.AsNoTracking().Where(e => e.Position > from).OrderBy(e => e.Position).Take(chunk).ToListAsync(ct);
            foreach (var e in rows.Where(sights.Shows))
            {
                if (page.Count == limit) { more = true; break; }
                page.Add(LogEvent.From(e, whole));
                last = e.Position;
            }
            if (rows.Count < chunk) break;
            from = rows[^1].Position;
        }
        return new FeedPage(page, more ? last : null);
    }

    /// <summary>
    /// Writes the log as JSON lines, one event per line, in log order: the events <paramref name="reader"/> may see, in the
    /// form the feed gives it. Only an export by a reader who sees everything (the host) reproduces the chain and can be
    /// imported; a filtered export leaves events out and carries no positions, versions or hashes.
    /// </summary>
    public static async Task<long> Export(ConcordDbContext db, TextWriter output, Reader reader, CancellationToken ct)
    {
        var sights = await DecisionSights.Load(db, reader, ct);
        var whole = Visibility.SeesEveryEvent(reader);
        long count = 0;
        await foreach (var e in db.Events.AsNoTracking().OrderBy(e => e.Position).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!sights.Shows(e)) continue;
            await output.WriteLineAsync(JsonSerializer.Serialize(LogEvent.From(e, whole), ConcordJson.Options).AsMemory(), ct);
            count++;
        }
        return count;
    }
}
