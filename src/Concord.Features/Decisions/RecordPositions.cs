using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.EventLog;
using Concord.Features.Importing;
using Concord.Features.Members;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>
/// Records many positions on one decision at once (the positions importer): each is decided against the state
/// the previous ones left, and all are stored in one transaction, or none when any is refused. A position without a
/// marking carries the decision's. The whole batch is refused (403) when the writer does not speak for every member in it.
/// </summary>
public static class RecordPositions
{
    /// <returns>The number of positions stored, or the refusal of the whole batch, or the refused positions by line (then nothing is stored).</returns>
    public static Task<(Result<int> Result, IReadOnlyList<ImportError> Errors)> Handle(
        ConcordDbContext db, IClock clock, DecisionId id, IReadOnlyList<(int Line, RecordPositionCommand Command, Classification? Classification)> commands,
        WriteContext who, CancellationToken ct) =>
        EventStore.Serialized<(Result<int>, IReadOnlyList<ImportError>)>(async () =>
        {
            var errors = new List<ImportError>();
            var log = new EventStore(db);
            var stream = await log.FetchForWriting(StreamIds.Decision(id), rows => rows, ct);
            var rows = stream.State;
            var facts = rows.Select(DecisionStream.ToFact).ToList();
            var state = Decision.Replay(facts);
            if (state is null || Visibility.Of(who.Actor, rows) == DecisionSight.Invisible) return (DecisionStream.NoSuch(id), errors);
            var body = await Bodies.Load(db, state.Body, ct) ?? new Body(state.Body, state.Body, []);
            foreach (var (_, command, _) in commands)
                if (PositionScope.Refuse(who.Actor, command.Member, body) is { } outOfScope) return (outOfScope, errors);
            var marking = Visibility.MarkingOf(rows);
            var now = clock.GetCurrentInstant();
            var pending = new List<PendingEvent>();
            var book = await Sources.SourceBook.For(db, commands.Select(c => c.Command.Source), ct);
            foreach (var (line, command, classification) in commands)
            {
                if (book.Check(command.Source) is { } uncited) { errors.Add(new ImportError(line, "source", uncited.Reason)); continue; }
                var decided = state.Decide(command, body, now);
                if ((decided.Refusal ?? (classification is { } c ? DecisionMarkings.RefusePosition(c, marking) : null)) is { } refusal)
                {
                    errors.Add(new ImportError(line, refusal.Field, refusal.Reason));
                    continue;
                }
                foreach (var e in decided.Events)
                {
                    facts.Add(new Fact<IDecisionEvent>(e, command.Effective, facts.Count + 1));
                    pending.Add(new PendingEvent(e, command.Effective, classification ?? marking));
                }
                state = Decision.Replay(facts)!;
            }
            if (errors.Count > 0 || pending.Count == 0) return (new Result<int>(0, null), errors);
            await log.Commit([stream.Append(pending)], new Recording(now, who.RecordedBy, who.IdempotencyKey), ct);
            return (new Result<int>(pending.Count, null), errors);
        }, ct);
}
