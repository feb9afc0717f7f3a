using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>The decisions area's events and its read models (the decision row, the current positions).</summary>
public static class DecisionsLog
{
    public static void Register(LogRegistry log) => log
        .Event<DecisionOpened>("DecisionOpened")
        .Event<PositionStated>("PositionStated")
        .Event<ReservationPlaced>("ReservationPlaced")
        .Event<ReservationLifted>("ReservationLifted")
        .Event<FootnoteEntered>("FootnoteEntered")
        .Event<SilenceBroken>("SilenceBroken")
        .Event<DraftPutUnderSilence>("DraftPutUnderSilence")
        .Event<DraftReissuedUnderSilence>("DraftReissuedUnderSilence")
        .Event<DecisionAdoptedUnderSilence>("DecisionAdoptedUnderSilence")
        .Event<DecisionConcluded>("DecisionConcluded")
        .Event<ConclusionRecorded>("ConclusionRecorded")
        .Event<DecisionWithdrawn>("DecisionWithdrawn")
        .Event<OutcomeReleased>("OutcomeReleased")
        .Event<JudgmentRecorded>("JudgmentRecorded")
        .Projection(new DecisionProjection());
}

/// <summary>
/// Projects a decision into its read models: the decision row with its outcome, marking and released statement, and
/// current positions with the marking each was stated under.
/// </summary>
public sealed class DecisionProjection : IWholeStreamProjection
{
    public IReadOnlyList<string> Streams { get; } = [StreamIds.DecisionPrefix];

    public IReadOnlyList<Type> Rows { get; } = [typeof(DecisionRow), typeof(PositionRow)];

    public async Task Clear(ConcordDbContext db, CancellationToken ct)
    {
        await db.DeleteAll<PositionRow>(ct);
        await db.DeleteAll<DecisionRow>(ct);
    }

    /// <summary>
    /// Folds the appended events onto the row when they are the latest in world order (the cost does not grow with the
    /// stream); refolds the whole stream when one took effect before what the row already holds (history entered late).
    /// </summary>
    public async Task Project(ConcordDbContext db, StreamChange change, Instant now, CancellationToken ct)
    {
        var id = change.StreamId[StreamIds.DecisionPrefix.Length..];
        var tracked = change.IsWhole ? null : await CurrentDecisions.Tracked(db, id, ct);
        if (tracked is ({ } row, { } positions) && change.Appended.All(e => e.Effective >= row.LastEffective))
        {
            var current = CurrentDecisions.From(row, positions);
            var facts = change.Appended.Select(DecisionStream.ToFact).ToList();
            var state = Fact<IDecisionEvent>.InWorldOrder(facts).Aggregate((Decision?)current.State, Decision.Evolve)!;
            var markings = positions.ToDictionary(p => MemberCode.Parse(p.Member), p => Classification.FromStored(p.Marking, p.ReleasableTo));
            foreach (var e in change.Appended.OrderBy(e => e.Effective).ThenBy(e => e.StreamVersion))
                if (EventStore.Deserialize(e) is PositionRecorded p) markings[p.Member] = Visibility.ClassificationOf(e);
            Write(row, state, change.Version, current.Markings.Concat(change.Appended.Select(Visibility.ClassificationOf)),
                Max(row.LastEffective, change.Appended), current.Marking);
            WritePositions(state, markings, positions, p => db.Positions.Add(p), db.Positions.RemoveRange);
            return;
        }
        var stream = change.IsWhole ? change.Appended : await new EventStore(db).ReadStream(change.StreamId, ct);
        if (Decision.Replay(Facts(stream)) is not { } folded) return;
        var whole = tracked?.Row;
        if (whole is null)
        {
            whole = NewRow(id, folded);
            db.Decisions.Add(whole);
        }
        Refold(whole, folded, stream, tracked?.Positions ?? [], p => db.Positions.Add(p), db.Positions.RemoveRange);
    }

    /// <summary>The rows of a whole stream, as <see cref="Project"/> makes them for a stream it has not seen.</summary>
    public void Rebuild(StreamChange stream, IRows rows, Instant now)
    {
        if (Decision.Replay(Facts(stream.Appended)) is not { } folded) return;
        var row = NewRow(stream.StreamId[StreamIds.DecisionPrefix.Length..], folded);
        rows.Add(row);
        Refold(row, folded, stream.Appended, [], rows.Add, _ => { });
    }

    /// <summary>The stream's facts, in its order, as a list: the fold takes them as they are when they are already in world order.</summary>
    private static Fact<IDecisionEvent>[] Facts(IReadOnlyList<StoredEvent> stream)
    {
        var facts = new Fact<IDecisionEvent>[stream.Count];
        for (var i = 0; i < facts.Length; i++) facts[i] = DecisionStream.ToFact(stream[i]);
        return facts;
    }

    private static DecisionRow NewRow(string id, Decision folded) =>
        new() { Id = id, Subject = "", Body = "", Rule = "", Opened = folded.Opened, Version = 0 };

    /// <summary>Writes the decision folded from its whole <paramref name="stream"/> onto its row and its positions.</summary>
    private static void Refold(DecisionRow row, Decision folded, IReadOnlyList<StoredEvent> stream, IReadOnlyList<PositionRow> positions,
        Action<PositionRow> add, Action<IEnumerable<PositionRow>> remove)
    {
        var marking = Visibility.MarkingOf(stream);
        Write(row, folded, stream[^1].StreamVersion, StoredMarkings(stream), Max(Instant.MinValue, stream), marking);
        WritePositions(folded, PositionMarkings(stream, marking), positions, add, remove);
    }

    /// <summary>
    /// The classification of each distinct marking the events were stored under: a stream of hundreds of events carries
    /// a handful, and parsing each event's marking again costs more than folding the stream.
    /// </summary>
    private static List<Classification> StoredMarkings(IReadOnlyList<StoredEvent> events)
    {
        var stored = new List<(Marking, string?)>(1);
        foreach (var e in events)
            if (!stored.Contains((e.Marking, e.ReleasableTo))) stored.Add((e.Marking, e.ReleasableTo));
        return stored.ConvertAll(m => Visibility.ClassificationOf(m.Item1, m.Item2));
    }

    private static Instant Max(Instant since, IReadOnlyList<StoredEvent> events)
    {
        var max = since;
        foreach (var e in events)
            if (e.Effective > max) max = e.Effective;
        return max;
    }

    private static void Write(DecisionRow row, Decision state, int version, IEnumerable<Classification> markings, Instant lastEffective, Classification marking)
    {
        row.Subject = state.Subject;
        row.Body = state.Body;
        row.Rule = state.Rule.ToString();
        row.Summit = state.Summit;
        row.Concerned = state.Concerned?.Value;
        row.Opened = state.Opened;
        row.SilenceDeadline = state.SilenceDeadline;
        row.Concluded = state.IsConcluded;
        row.ConcludedOutcome = state.ConcludedOutcome?.ToString();
        row.ConcludedAt = state.ConcludedAt;
        (row.ConclusionSource, row.ConclusionNote) = (state.ConclusionSource, state.ConclusionNote);
        row.Version = version;
        row.LastEffective = lastEffective;
        (row.Marking, row.ReleasableTo, row.ReleasedOutcome) = (marking.Marking, marking.ReleasableText, state.ReleasedOutcome);
        row.Markings = CurrentDecisions.FormatMarkings(markings);
    }

    /// <summary>The marking of each member's current position: that of its last position event, in world order.</summary>
    private static Dictionary<MemberCode, Classification> PositionMarkings(IReadOnlyList<StoredEvent> stream, Classification marking)
    {
        var markings = new Dictionary<MemberCode, Classification>();
        if (stream.All(e => e.Marking == Marking.Public && e.ReleasableTo is null)) return markings;
        foreach (var e in stream.OrderBy(e => e.Effective).ThenBy(e => e.StreamVersion))
            if (EventStore.Deserialize(e) is PositionRecorded p) markings[p.Member] = Visibility.ClassificationOf(e);
        return markings;
    }

    private static void WritePositions(Decision state, Dictionary<MemberCode, Classification> markings, IReadOnlyList<PositionRow> rows,
        Action<PositionRow> add, Action<IEnumerable<PositionRow>> remove)
    {
        var existing = rows.ToDictionary(p => p.Member, StringComparer.Ordinal);
        foreach (var p in state.Positions.Values)
        {
            if (!existing.Remove(p.Member.Value, out var row))
            {
                row = new PositionRow { DecisionId = state.Id.Value, Member = p.Member.Value, Kind = "", Effective = p.Effective };
                add(row);
            }
            var marking = markings.GetValueOrDefault(p.Member, Classification.Public);
            (row.Kind, row.Condition, row.Source, row.Confidence, row.Note, row.Effective, row.Marking, row.ReleasableTo) =
                (p.Kind.ToString(), p.Condition, p.Source, p.Confidence, p.Note, p.Effective, marking.Marking, marking.ReleasableText);
        }
        remove(existing.Values);
    }
}
