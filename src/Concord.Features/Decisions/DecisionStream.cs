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

/// <summary>
/// Loads a decision's stream, runs a pure Decide on it, and appends what it decided together with the read
/// models, in one transaction. Shared by every decision use case.
/// </summary>
public static class DecisionStream
{
    public static async Task<(Decision? State, int Version)> Load(ConcordDbContext db, DecisionId id, Instant? asOf, CancellationToken ct)
    {
        var rows = await new EventStore(db).ReadStream(StreamIds.Decision(id), ct);
        return (Decision.Replay(rows.Select(ToFact), asOf), rows.Count);
    }

    public static Fact<IDecisionEvent> ToFact(StoredEvent row) =>
        new((IDecisionEvent)EventStore.Deserialize(row), row.Effective, row.StreamVersion);

    /// <summary>
    /// Runs a command against an existing decision. <paramref name="expectedVersion"/>, when the client sent one,
    /// must match the stream's version. <paramref name="effective"/> is when the events took effect. A decision the
    /// writer may not see is answered as unknown, like a read; the answer is the view the writer may see.
    /// <paramref name="positionMarking"/> marks the positions the command records (the decision's marking when null).
    /// </summary>
    public static Task<Result<DecisionView>> Execute(
        ConcordDbContext db, IClock clock, DecisionId id, int? expectedVersion, WriteContext who, Instant effective,
        Func<Decision, Body, Instant, Decided<IDecisionEvent>> decide, CancellationToken ct, Classification? positionMarking = null) =>
        WriteGate.Run(async () =>
        {
            var log = new EventStore(db);
            var streamId = StreamIds.Decision(id);
            var rows = await log.ReadStream(streamId, ct);
            var state = Decision.Replay(rows.Select(ToFact));
            if (state is null || Visibility.Of(who.Actor, rows) == DecisionSight.Invisible) return NoSuch(id);
            var body = await Bodies.Load(db, state.Body, ct) ?? new Body(state.Body, BodyNames.For(state.Body), []);
            var now = clock.GetCurrentInstant();
            if (who.IdempotencyKey is { } key && await log.KeyWasUsed(key, ct))
                return Visibility.View(who.Actor, rows, state, body, now);
            if (expectedVersion is { } expected && expected != rows.Count)
                throw new ConcurrencyException(streamId, expected);
            var decided = decide(state, body, now);
            if (decided.Refusal is { } refusal) return refusal;
            var marking = Visibility.MarkingOf(rows);
            if (positionMarking is { } p && DecisionMarkings.RefusePosition(p, marking) is { } below) return below;
            return await Commit(db, log, streamId, rows, decided.Events, body, who, effective, now, marking, positionMarking ?? marking, ct);
        }, ct);

    /// <summary>The answer to a decision that does not exist, or that the reader may not see: the same words for both.</summary>
    public static Refusal NoSuch(DecisionId id) => Refusal.NotFound($"There is no decision '{id}'.");

    /// <summary>
    /// Appends the events (positions under <paramref name="positionMarking"/>, the rest under the decision's
    /// <paramref name="marking"/>), refreshes the decision's read model, commits, and returns the view the writer may see.
    /// </summary>
    public static async Task<Result<DecisionView>> Commit(
        ConcordDbContext db, EventStore log, string streamId, IReadOnlyList<StoredEvent> rows, IReadOnlyList<IDecisionEvent> events,
        Body body, WriteContext who, Instant effective, Instant now, Classification marking, Classification positionMarking, CancellationToken ct)
    {
        var stream = rows.ToList();
        if (events.Count > 0)
        {
            var pending = events.Select(e => new PendingEvent(e, e is DecisionAdoptedUnderSilence a ? a.Deadline : effective,
                e is PositionRecorded ? positionMarking : marking)).ToList();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            stream.AddRange(await log.Append(streamId, rows.Count, pending, new Recording(now, who.RecordedBy, who.IdempotencyKey), ct));
            await DecisionProjection.Write(db, Decision.Replay(stream.Select(ToFact))!, body, now, stream, ct);
            await log.Save(streamId, rows.Count, ct);
            await tx.CommitAsync(ct);
        }
        return Visibility.View(who.Actor, stream, Decision.Replay(stream.Select(ToFact))!, body, now);
    }
}

/// <summary>
/// Projects a decision into its read models: the decision row with its outcome, marking and released statement, and
/// current positions with the marking each was stated under.
/// </summary>
public static class DecisionProjection
{
    public static async Task Write(ConcordDbContext db, Decision state, Body body, Instant now, IReadOnlyList<StoredEvent> stream, CancellationToken ct)
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
