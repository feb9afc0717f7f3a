using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.EventLog;
using Concord.Features.Members;
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
        .Event<DecisionWithdrawn>("DecisionWithdrawn")
        .Event<OutcomeReleased>("OutcomeReleased")
        .Projection(new DecisionProjection());
}

/// <summary>
/// Projects a decision into its read models: the decision row with its outcome, marking and released statement, and
/// current positions with the marking each was stated under.
/// </summary>
public sealed class DecisionProjection : IProjection
{
    public IReadOnlyList<string> Streams { get; } = [StreamIds.DecisionPrefix];

    public IReadOnlyList<Type> Rows { get; } = [typeof(DecisionRow), typeof(PositionRow)];

    public async Task Clear(ConcordDbContext db, CancellationToken ct)
    {
        await db.Positions.ExecuteDeleteAsync(ct);
        await db.Decisions.ExecuteDeleteAsync(ct);
    }

    public async Task Project(ConcordDbContext db, StreamChange change, Instant now, CancellationToken ct)
    {
        var stream = change.IsWhole ? change.Appended : await new EventStore(db).ReadStream(change.StreamId, ct);
        if (Decision.Replay(stream.Select(DecisionStream.ToFact)) is not { } state) return;
        var body = await Bodies.Load(db, state.Body, ct) ?? new Body(state.Body, state.Body, []);
        await Write(db, state, body, now, stream, ct);
    }

    private static async Task Write(ConcordDbContext db, Decision state, Body body, Instant now, IReadOnlyList<StoredEvent> stream, CancellationToken ct)
    {
        var evaluation = state.Evaluate(body.EligibleOn(Zones.BrusselsDate(now)), now);
        var row = await db.Decisions.FindAsync([state.Id.Value], ct);
        if (row is null)
        {
            row = new DecisionRow { Id = state.Id.Value, Subject = "", Body = "", Rule = "", Opened = state.Opened, Outcome = "", Blocking = "", Version = 0 };
            db.Decisions.Add(row);
        }
        var marking = Visibility.MarkingOf(stream);
        row.Subject = state.Subject;
        row.Body = state.Body;
        row.Rule = state.Rule.ToString();
        row.Summit = state.Summit;
        row.Opened = state.Opened;
        row.SilenceDeadline = state.SilenceDeadline;
        row.Outcome = evaluation.Outcome.ToString();
        row.Blocking = string.Join(',', evaluation.Blocking.Select(m => m.Value));
        row.Concluded = state.IsConcluded;
        row.Version = stream.Count;
        (row.Marking, row.ReleasableTo, row.ReleasedOutcome) = (marking.Marking, marking.ReleasableText, state.ReleasedOutcome);
        await WritePositions(db, state, PositionMarkings(stream, marking), ct);
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

    private static async Task WritePositions(ConcordDbContext db, Decision state, Dictionary<MemberCode, Classification> markings, CancellationToken ct)
    {
        var existing = await db.Positions.Where(p => p.DecisionId == state.Id.Value).ToDictionaryAsync(p => p.Member, ct);
        foreach (var p in state.Positions.Values)
        {
            if (!existing.Remove(p.Member.Value, out var row))
            {
                row = new PositionRow { DecisionId = state.Id.Value, Member = p.Member.Value, Kind = "", Effective = p.Effective };
                db.Positions.Add(row);
            }
            var marking = markings.GetValueOrDefault(p.Member, Classification.Public);
            (row.Kind, row.Condition, row.Source, row.Confidence, row.Note, row.Effective, row.Marking, row.ReleasableTo) =
                (p.Kind.ToString(), p.Condition, p.Source, p.Confidence, p.Note, p.Effective, marking.Marking, marking.ReleasableText);
        }
        db.Positions.RemoveRange(existing.Values);
    }
}
