using System.Text.Json;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Access;

/// <summary>A page of the event feed.</summary>
public sealed record FeedPage(IReadOnlyList<FeedEvent> Events, long? Next);

/// <summary>The log as one reader may read it: the paged feed and the export.</summary>
public static class ReadableLog
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
}
