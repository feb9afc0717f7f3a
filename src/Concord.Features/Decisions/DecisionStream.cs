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
    public static Fact<IDecisionEvent> ToFact(StoredEvent row) =>
        new((IDecisionEvent)EventStore.Deserialize(row), row.Effective, row.StreamVersion);

    /// <summary>
    /// Runs a command against an existing decision, as it stands in its read model (no replay: the cost does not grow
    /// with the stream). <paramref name="expectedVersion"/>, when the client sent one, must match the stream's version.
    /// <paramref name="effective"/> is when the events took effect. A decision the writer may not see is answered as
    /// unknown, like a read; the answer is the view the writer may see. <paramref name="positionMarking"/> marks the
    /// positions the command records (the decision's marking when null). <paramref name="scope"/>, when given, refuses a
    /// writer who may not act here (a delegation stating another state's position).
    /// <para>
    /// The order of the checks is part of the rule that nothing is inferable from what is hidden: unknown, then out of
    /// scope, then an <paramref name="expectedVersion"/> from a writer who sees the decision redacted (refused whatever its
    /// value, since 409 for a wrong version and anything else for the right one would count the hidden events), and only
    /// then the version itself. No answer before the version check depends on the version.
    /// </para>
    /// </summary>
    public static Task<Result<DecisionView>> Execute(
        ConcordDbContext db, IClock clock, DecisionId id, int? expectedVersion, WriteContext who, Instant effective,
        Func<Decision, Body, Instant, Decided<IDecisionEvent>> decide, CancellationToken ct, Classification? positionMarking = null,
        Func<Body, Refusal?>? scope = null) =>
        EventStore.Serialized(async () =>
        {
            var current = await CurrentDecisions.LoadForWriting(db, id, ct);
            if (current is null || current.SightOf(who.Actor) == DecisionSight.Invisible) return NoSuch(id);
            var body = await Bodies.Load(db, current.State.Body, ct) ?? new Body(current.State.Body, BodyNames.For(current.State.Body), []);
            if (scope?.Invoke(body) is { } outOfScope) return outOfScope;
            if (expectedVersion is not null && current.SightOf(who.Actor) != DecisionSight.Full) return VersionNotYours(id);
            var now = clock.GetCurrentInstant();
            if (who.IdempotencyKey is { } key)
                switch (await new EventStore(db).Spent(key, ct))
                {
                    case KeySpent.BySameRequest: return await ViewFor(db, who.Actor, current, body, now, ct);
                    case KeySpent.ByAnotherRequest: return EventStore.KeySpentByAnotherRequest();
                }
            if (expectedVersion is { } expected && expected != current.Version)
                throw new ConcurrencyException(StreamIds.Decision(id), expected);
            var decided = decide(current.State, body, now);
            if (decided.Refusal is { } refusal) return refusal;
            if (positionMarking is { } p && DecisionMarkings.RefusePosition(p, current.Marking) is { } below) return below;
            return await Commit(db, new Fetched<Decision?>(StreamIds.Decision(id), current.Version, current.State), decided.Events, body, who, effective, now,
                current.Marking, positionMarking ?? current.Marking, ct);
        }, ct);

    /// <summary>
    /// The view of a decision as it stands that <paramref name="reader"/> may have, with its first silence deadline read
    /// from the log when the reader sees it redacted (<see cref="Visibility.RedactedStatus"/>).
    /// </summary>
    public static async Task<DecisionView> ViewFor(ConcordDbContext db, Reader reader, CurrentDecision current, Body body, Instant at, CancellationToken ct) =>
        Visibility.View(reader, current, body, at,
            current.SightOf(reader) == DecisionSight.Redacted && current.State.IsUnderSilence ? await SilenceStarts.Of(db, current.State.Id, ct) : null);

    /// <summary>
    /// The answer to an <c>expectedVersion</c> from a writer who sees the decision redacted: its version counts the
    /// positions hidden from the writer, so the writer is never given it and may not test a guess of it.
    /// </summary>
    public static Refusal VersionNotYours(DecisionId id) => Refusal.Invalid("expectedVersion",
        $"'expectedVersion' cannot be used on decision '{id}': some of its positions are not shown at your clearance, and its version would count them. Send the request without it.");

    /// <summary>The answer to a decision that does not exist, or that the reader may not see: the same words for both.</summary>
    public static Refusal NoSuch(DecisionId id) => Refusal.NotFound($"There is no decision '{id}'.");

    /// <summary>
    /// Appends the events (positions under <paramref name="positionMarking"/>, the rest under the decision's
    /// <paramref name="marking"/>) through the log's commit, and returns the view the writer may see, read back from the
    /// read model the commit updated (the rows it tracks: no query).
    /// </summary>
    public static async Task<Result<DecisionView>> Commit(
        ConcordDbContext db, Fetched<Decision?> stream, IReadOnlyList<IDecisionEvent> events,
        Body body, WriteContext who, Instant effective, Instant now, Classification marking, Classification positionMarking, CancellationToken ct)
    {
        if (events.Count > 0)
        {
            var pending = events.Select(e => new PendingEvent(e, e is DecisionAdoptedUnderSilence a ? a.Deadline : effective,
                e is PositionRecorded ? positionMarking : marking)).ToList();
            await new EventStore(db).Commit([stream.Append(pending)], new Recording(now, who.RecordedBy, who.IdempotencyKey), ct);
        }
        var id = DecisionId.Parse(stream.StreamId[StreamIds.DecisionPrefix.Length..]);
        return await Answered.AfterCommit<DecisionView>(async () =>
            await CurrentDecisions.LoadWritten(db, id, ct) is { } current ? await ViewFor(db, who.Actor, current, body, now, ct) : NoSuch(id),
            $"The change to decision '{id}'");
    }
}
