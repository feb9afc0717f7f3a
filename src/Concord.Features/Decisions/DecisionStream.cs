using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
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
    /// must match the stream's version. <paramref name="effective"/> is when the events took effect.
    /// </summary>
    public static Task<Result<DecisionView>> Execute(
        ConcordDbContext db, IClock clock, DecisionId id, int? expectedVersion, WriteContext who, Instant effective,
        Func<Decision, Body, Instant, Decided<IDecisionEvent>> decide, CancellationToken ct) =>
        WriteGate.Run(async () =>
        {
            var log = new EventStore(db);
            var streamId = StreamIds.Decision(id);
            var rows = await log.ReadStream(streamId, ct);
            var state = Decision.Replay(rows.Select(ToFact));
            if (state is null) return Refusal.NotFound($"There is no decision '{id}'.");
            var body = await Bodies.Load(db, state.Body, ct) ?? new Body(state.Body, BodyNames.For(state.Body), []);
            var now = clock.GetCurrentInstant();
            if (who.IdempotencyKey is { } key && await log.KeyWasUsed(key, ct))
                return DecisionViews.Build(state, body, now, rows.Count);
            if (expectedVersion is { } expected && expected != rows.Count)
                throw new ConcurrencyException(streamId, expected);
            var decided = decide(state, body, now);
            if (decided.Refusal is { } refusal) return refusal;
            return await Commit(db, log, streamId, rows, decided.Events, body, who, effective, now, ct);
        }, ct);

    /// <summary>Appends the events, refreshes the decision's read model, commits, and returns the new view.</summary>
    public static async Task<Result<DecisionView>> Commit(
        ConcordDbContext db, EventStore log, string streamId, IReadOnlyList<StoredEvent> rows, IReadOnlyList<IDecisionEvent> events,
        Body body, WriteContext who, Instant effective, Instant now, CancellationToken ct)
    {
        var facts = rows.Select(ToFact).ToList();
        if (events.Count > 0)
        {
            var pending = events.Select(e => new PendingEvent(e, e is DecisionAdoptedUnderSilence a ? a.Deadline : effective)).ToList();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var appended = await log.Append(streamId, rows.Count, pending, new Recording(now, who.RecordedBy, who.IdempotencyKey), ct);
            facts.AddRange(appended.Select(ToFact));
            var state = Decision.Replay(facts)!;
            await DecisionProjection.Write(db, state, body, now, facts.Count, ct);
            await log.Save(streamId, rows.Count, ct);
            await tx.CommitAsync(ct);
        }
        return DecisionViews.Build(Decision.Replay(facts)!, body, now, facts.Count);
    }
}

/// <summary>Projects a decision into its read models: the decision row with its outcome, and current positions.</summary>
public static class DecisionProjection
{
    public static async Task Write(ConcordDbContext db, Decision state, Body body, Instant now, int version, CancellationToken ct)
    {
        var evaluation = state.Evaluate(body.EligibleOn(Zones.BrusselsDate(now)), now);
        var row = await db.Decisions.FindAsync([state.Id.Value], ct);
        if (row is null)
        {
            row = new DecisionRow { Id = state.Id.Value, Subject = "", Body = "", Rule = "", Opened = state.Opened, Outcome = "", Blocking = "", Version = 0 };
            db.Decisions.Add(row);
        }
        row.Subject = state.Subject;
        row.Body = state.Body;
        row.Rule = state.Rule.ToString();
        row.Summit = state.Summit;
        row.Opened = state.Opened;
        row.SilenceDeadline = state.SilenceDeadline;
        row.Outcome = evaluation.Outcome.ToString();
        row.Blocking = string.Join(',', evaluation.Blocking.Select(m => m.Value));
        row.Concluded = state.IsConcluded;
        row.Version = version;
        await WritePositions(db, state, ct);
    }

    private static async Task WritePositions(ConcordDbContext db, Decision state, CancellationToken ct)
    {
        var existing = await db.Positions.Where(p => p.DecisionId == state.Id.Value).ToDictionaryAsync(p => p.Member, ct);
        foreach (var p in state.Positions.Values)
        {
            if (!existing.Remove(p.Member.Value, out var row))
            {
                row = new PositionRow { DecisionId = state.Id.Value, Member = p.Member.Value, Kind = "", Effective = p.Effective };
                db.Positions.Add(row);
            }
            (row.Kind, row.Condition, row.Source, row.Confidence, row.Note, row.Effective) =
                (p.Kind.ToString(), p.Condition, p.Source, p.Confidence, p.Note, p.Effective);
        }
        db.Positions.RemoveRange(existing.Values);
    }
}
