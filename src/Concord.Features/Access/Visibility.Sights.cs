using Concord.Domain;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Access;

/// <summary>
/// What one reader may see of every decision in the log, loaded once for a list, the feed or an export: only the
/// markings that are not PUBLIC are read (distinct per stream), so a log of public reporting costs one empty query.
/// </summary>
public sealed class DecisionSights
{
    private readonly Reader _reader;
    private readonly Dictionary<string, DecisionSight> _byStream;

    private DecisionSights(Reader reader, Dictionary<string, DecisionSight> byStream) => (_reader, _byStream) = (reader, byStream);

    public static async Task<DecisionSights> Load(ConcordDbContext db, Reader reader, CancellationToken ct)
    {
        var byStream = new Dictionary<string, DecisionSight>(StringComparer.Ordinal);
        if (Visibility.SeesEverything(reader)) return new DecisionSights(reader, byStream);
        var marked = await db.Events.AsNoTracking()
            .Where(e => e.StreamId.StartsWith(StreamIds.DecisionPrefix) && (e.Marking != Marking.Public || e.ReleasableTo != null))
            .Select(e => new { e.StreamId, e.Marking, e.ReleasableTo }).Distinct().ToListAsync(ct);
        var openings = await db.Events.AsNoTracking()
            .Where(e => e.StreamId.StartsWith(StreamIds.DecisionPrefix) && e.StreamVersion == 1 && (e.Marking != Marking.Public || e.ReleasableTo != null))
            .Select(e => new { e.StreamId, e.Marking, e.ReleasableTo }).ToListAsync(ct);
        foreach (var m in marked.Where(m => !reader.CanSee(Visibility.ClassificationOf(m.Marking, m.ReleasableTo))))
            byStream[m.StreamId] = DecisionSight.Redacted;
        foreach (var o in openings.Where(o => !reader.CanSee(Visibility.ClassificationOf(o.Marking, o.ReleasableTo))))
            byStream[o.StreamId] = DecisionSight.Invisible;
        return new DecisionSights(reader, byStream);
    }

    /// <summary>What the reader may see of the decision stored in stream <paramref name="streamId"/>.</summary>
    public DecisionSight Of(string streamId) => _byStream.GetValueOrDefault(streamId, DecisionSight.Full);

    /// <summary>
    /// True when the feed, an export or the audit trail shows <paramref name="e"/> to the reader: of a decision, what
    /// <see cref="Visibility.Shows(Reader, StoredEvent, DecisionSight)"/> allows; of a decision's judgments, only to a reader who
    /// sees the whole decision and is cleared for the judgment; of the accounts, only to those who read the audit; of anything
    /// else, what the reader is cleared for.
    /// </summary>
    public bool Shows(StoredEvent e) => Shows(e.StreamId, e.StreamVersion, e.Name, Visibility.ClassificationOf(e));

    /// <summary>The same rule, for a row read without its payload (the audit trail's).</summary>
    public bool Shows(string streamId, int streamVersion, string name, Classification classification)
    {
        if (streamId.StartsWith(StreamIds.DecisionPrefix, StringComparison.Ordinal))
            return Visibility.Shows(_reader, streamVersion, name, classification, Of(streamId));
        // A judgment is read beside the positions it weighs: only by a reader who sees every one of them, as the forecast
        // it feeds is.
        if (streamId.StartsWith(StreamIds.JudgmentsPrefix, StringComparison.Ordinal))
            return Of(StreamIds.DecisionPrefix + streamId[StreamIds.JudgmentsPrefix.Length..]) == DecisionSight.Full && _reader.CanSee(classification);
        if (streamId == StreamIds.Accounts && !Visibility.ReadsAccounts(_reader)) return false;
        return _reader.CanSee(classification);
    }
}
