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
/// Loads a decision's stream, runs a pure Decide on it, and commits what it decided. Shared by every decision use case.
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
        EventStore.Serialized(async () =>
        {
            var log = new EventStore(db);
            var stream = await log.FetchForWriting(StreamIds.Decision(id), rows => Decision.Replay(rows.Select(ToFact)), ct);
            var (state, rows) = (stream.State, stream.Rows);
            if (state is null || Visibility.Of(who.Actor, rows) == DecisionSight.Invisible) return NoSuch(id);
            var body = await Bodies.Load(db, state.Body, ct) ?? new Body(state.Body, BodyNames.For(state.Body), []);
            var now = clock.GetCurrentInstant();
            if (who.IdempotencyKey is { } key && await log.KeyWasUsed(key, ct))
                return Visibility.View(who.Actor, rows, state, body, now);
            if (expectedVersion is { } expected && expected != stream.Version)
                throw new ConcurrencyException(stream.StreamId, expected);
            var decided = decide(state, body, now);
            if (decided.Refusal is { } refusal) return refusal;
            var marking = Visibility.MarkingOf(rows);
            if (positionMarking is { } p && DecisionMarkings.RefusePosition(p, marking) is { } below) return below;
            return await Commit(db, stream, decided.Events, body, who, effective, now, marking, positionMarking ?? marking, ct);
        }, ct);

    /// <summary>The answer to a decision that does not exist, or that the reader may not see: the same words for both.</summary>
    public static Refusal NoSuch(DecisionId id) => Refusal.NotFound($"There is no decision '{id}'.");

    /// <summary>
    /// Appends the events (positions under <paramref name="positionMarking"/>, the rest under the decision's
    /// <paramref name="marking"/>) through the log's commit, and returns the view the writer may see.
    /// </summary>
    public static async Task<Result<DecisionView>> Commit(
        ConcordDbContext db, Fetched<Decision?> stream, IReadOnlyList<IDecisionEvent> events,
        Body body, WriteContext who, Instant effective, Instant now, Classification marking, Classification positionMarking, CancellationToken ct)
    {
        var rows = stream.Rows.ToList();
        if (events.Count > 0)
        {
            var pending = events.Select(e => new PendingEvent(e, e is DecisionAdoptedUnderSilence a ? a.Deadline : effective,
                e is PositionRecorded ? positionMarking : marking)).ToList();
            var committed = await new EventStore(db).Commit([stream.Append(pending)], new Recording(now, who.RecordedBy, who.IdempotencyKey), ct);
            rows.AddRange(committed.Events);
            if (committed.AlreadyRecorded) rows = [.. await new EventStore(db).ReadStream(stream.StreamId, ct)];
        }
        return Visibility.View(who.Actor, rows, Decision.Replay(rows.Select(ToFact))!, body, now);
    }
}
