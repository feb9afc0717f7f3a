using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Features.EventLog;
using Concord.Features.Importing;
using Concord.Features.Members;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>
/// Records many positions on one decision at once (the positions importer): each is decided against the state
/// the previous ones left, and all are stored in one transaction, or none when any is refused.
/// </summary>
public static class RecordPositions
{
    public static Task<Result<int>> Handle(
        ConcordDbContext db, IClock clock, DecisionId id, IReadOnlyList<(int Line, Domain.Decisions.RecordPositionCommand Command)> commands,
        WriteContext who, List<ImportError> errors, CancellationToken ct) =>
        WriteGate.Run(async () =>
        {
            var log = new EventStore(db);
            var streamId = StreamIds.Decision(id);
            var rows = await log.ReadStream(streamId, ct);
            var facts = rows.Select(DecisionStream.ToFact).ToList();
            var state = Decision.Replay(facts);
            if (state is null) return Refusal.NotFound($"There is no decision '{id}'.");
            var body = await Bodies.Load(db, state.Body, ct) ?? new Domain.Members.Body(state.Body, state.Body, []);
            var now = clock.GetCurrentInstant();
            var pending = new List<PendingEvent>();
            foreach (var (line, command) in commands)
            {
                var decided = state.Decide(command, body, now);
                if (decided.Refusal is { } refusal) { errors.Add(new ImportError(line, refusal.Field, refusal.Reason)); continue; }
                foreach (var e in decided.Events)
                {
                    facts.Add(new Fact<IDecisionEvent>(e, command.Effective, facts.Count + 1));
                    pending.Add(new PendingEvent(e, command.Effective));
                }
                state = Decision.Replay(facts)!;
            }
            if (errors.Count > 0 || pending.Count == 0) return new Result<int>(0, null);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await log.Append(streamId, rows.Count, pending, new Recording(now, who.RecordedBy, who.IdempotencyKey), ct);
            await DecisionProjection.Write(db, state, body, now, facts.Count, ct);
            await log.Save(streamId, rows.Count, ct);
            await tx.CommitAsync(ct);
            return new Result<int>(pending.Count, null);
        }, ct);
}
