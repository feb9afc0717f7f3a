using System.Collections.Immutable;
using Concord.Domain.Rules;
using NodaTime;

namespace Concord.Domain.Decisions;

public sealed partial record Decision
{
    /// <summary>
    /// Folds a decision's facts in world order, keeping only those effective at or before <paramref name="asOf"/>
    /// (all of them when null). Returns null when the decision was not yet opened at that instant.
    /// </summary>
    public static Decision? Replay(IEnumerable<Fact<IDecisionEvent>> facts, Instant? asOf = null)
    {
        Decision? state = null;
        // Positions that follow one another are set in a builder, which gives the dictionary SetItem would, without a
        // new dictionary and a new state per event: a stream is mostly positions, and on a rebuild of a large log that
        // copying cost more than the rest of the fold. Any other event sees the positions set before it.
        ImmutableDictionary<Members.MemberCode, MemberPosition>.Builder? positions = null;
        foreach (var fact in Fact<IDecisionEvent>.InWorldOrder(facts))
        {
            if (asOf is { } limit && fact.Effective > limit) break;
            if (state is not null && fact.Event is PositionRecorded e)
            {
                positions ??= state.Positions.ToBuilder();
                positions[e.Member] = Position(e, fact.Effective);
                continue;
            }
            if (positions is not null) (state, positions) = (state! with { Positions = positions.ToImmutable() }, null);
            state = Evolve(state, fact);
        }
        return positions is null ? state : state! with { Positions = positions.ToImmutable() };
    }

    private static MemberPosition Position(PositionRecorded e, Instant effective) =>
        new(e.Member, e.Kind, e.Condition, e.Source, e.Confidence, e.Note, effective);

    /// <summary>Applies one fact. Pure: returns a new state.</summary>
    public static Decision? Evolve(Decision? state, Fact<IDecisionEvent> fact) => (state, fact.Event) switch
    {
        (null, DecisionOpened e) => new Decision(e.Decision, e.Subject, e.Body, e.Rule, e.Summit, e.Concerned,
            fact.Effective, null, ImmutableDictionary<Members.MemberCode, MemberPosition>.Empty, null, null),
        (null, _) => null,
        (_, PositionRecorded e) => state with
        {
            Positions = state.Positions.SetItem(e.Member, Position(e, fact.Effective)),
        },
        (_, DraftPutUnderSilence e) => state with { SilenceDeadline = e.Deadline },
        (_, DraftReissuedUnderSilence e) => state with
        {
            SilenceDeadline = e.Deadline,
            Positions = state.Positions.RemoveRange(
                state.Positions.Values.Where(p => p.Kind == PositionKind.Object).Select(p => p.Member)),
        },
        (_, DecisionAdoptedUnderSilence e) => state with { ConcludedOutcome = Outcome.AdoptedUnderSilence, ConcludedAt = e.Deadline },
        (_, DecisionConcluded e) => state with { ConcludedOutcome = e.Outcome, ConcludedAt = fact.Effective },
        (_, ConclusionRecorded e) => state with
        {
            ConcludedOutcome = e.Outcome, ConcludedAt = fact.Effective, ConclusionSource = e.Source, ConclusionNote = e.Note,
        },
        (_, OutcomeReleased e) => state with { ReleasedOutcome = e.Statement },
        (_, DecisionWithdrawn) => state with { ConcludedOutcome = Outcome.Withdrawn, ConcludedAt = fact.Effective },
        _ => state,
    };
}
