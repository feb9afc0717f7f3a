using Concord.Domain.Decisions;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>
/// The first silence deadline a draft was put under (<see cref="DraftPutUnderSilence"/>), read from the log. A reader who
/// sees a decision redacted is told only that this deadline passed (<see cref="Access.Visibility.RedactedStatus"/>): a later
/// deadline exists only when silence was broken and the draft re-issued, and the read model keeps only the latest one.
/// </summary>
public static class SilenceStarts
{
    private static readonly string Put = EventNames.NameOf<DraftPutUnderSilence>();

    /// <summary>The first deadline of the decision <paramref name="id"/>, or null when it was never put under silence.</summary>
    public static async Task<Instant?> Of(ConcordDbContext db, DecisionId id, CancellationToken ct) =>
        (await Of(db, [id.Value], ct)).TryGetValue(id.Value, out var deadline) ? deadline : null;

    /// <summary>The first deadline of each of the decisions <paramref name="ids"/> that was put under silence.</summary>
    public static async Task<IReadOnlyDictionary<string, Instant>> Of(ConcordDbContext db, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var found = new Dictionary<string, Instant>(StringComparer.Ordinal);
        if (ids.Count == 0) return found;
        var streams = ids.Select(id => StreamIds.DecisionPrefix + id).ToList();
        var rows = await db.Events.AsNoTracking().Where(e => e.Name == Put && streams.Contains(e.StreamId)).ToListAsync(ct);
        foreach (var row in rows.OrderBy(r => r.StreamVersion))
            found.TryAdd(row.StreamId[StreamIds.DecisionPrefix.Length..], ((DraftPutUnderSilence)EventStore.Deserialize(row)).Deadline);
        return found;
    }

    /// <summary>The first deadline among <paramref name="stream"/>'s events effective by <paramref name="at"/>.</summary>
    public static Instant? Of(IEnumerable<StoredEvent> stream, Instant at) =>
        stream.Where(e => e.Name == Put && e.Effective <= at).OrderBy(e => e.StreamVersion)
            .Select(e => ((DraftPutUnderSilence)EventStore.Deserialize(e)).Deadline).Cast<Instant?>().FirstOrDefault();
}
