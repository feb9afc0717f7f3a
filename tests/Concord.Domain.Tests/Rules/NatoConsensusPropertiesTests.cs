using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using FsCheck;
using Outcome = Concord.Domain.Rules.Outcome;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Concord.Domain.Tests.Rules.Scenario;

namespace Concord.Domain.Tests.Rules;

public sealed class NatoConsensusPropertiesTests
{
    [Property(MaxTest = 500)]
    public Property nato_consensus_is_adopted_exactly_when_no_ally_objects_holds_a_reservation_or_lacks_a_final_position() =>
        Prop.ForAll(Cases.Nato, c =>
        {
            var holdsItUp = c.Input.Eligible.Any(s => c.Input.PositionOf(s.Member) is PositionKind.Object
                or PositionKind.Reservation or PositionKind.Undeclared or PositionKind.AdReferendum);
            return c.Evaluate().Outcome.IsAdopted() == !holdsItUp;
        });

    [Property(MaxTest = 500)]
    public Property nato_consensus_is_blocked_exactly_when_an_ally_objects_or_holds_a_reservation() =>
        Prop.ForAll(Cases.Nato, c =>
        {
            var blockers = c.Input.Eligible
                .Where(s => c.Input.PositionOf(s.Member) is PositionKind.Object or PositionKind.Reservation)
                .Select(s => s.Member);
            var evaluation = c.Evaluate();
            return (evaluation.Outcome == Outcome.Blocked) == blockers.Any()
                && evaluation.Blocking.SequenceEqual(blockers);
        });

    [Property(MaxTest = 1000)]
    public Property applying_what_it_would_take_adopts_every_decision_that_is_not_adopted_and_not_impossible() =>
        Prop.ForAll(Cases.AnyRule, c =>
        {
            var evaluation = c.Evaluate();
            return evaluation.Outcome.IsAdopted()
                || Impossible(c)
                || AdoptsAfter(c.Rule, c.Input, evaluation.WhatItWouldTake);
        });

    [Property(MaxTest = 500)]
    public Property leaving_out_any_one_change_of_what_it_would_take_does_not_adopt() =>
        Prop.ForAll(Cases.AnyRule, c =>
        {
            var changes = c.Evaluate().WhatItWouldTake;
            return changes.All(left => !AdoptsAfter(c.Rule, c.Input, changes.Where(x => x != left)));
        });

    [Property(MaxTest = 500)]
    public Property an_adopted_decision_needs_nothing_more_and_is_blocked_by_no_one() =>
        Prop.ForAll(Cases.AnyRule, c =>
        {
            var evaluation = c.Evaluate();
            return !evaluation.Outcome.IsAdopted()
                || (evaluation.Blocking.Count == 0 && evaluation.ToAct.Count == 0
                    && evaluation.WhatItWouldTake.Count == 0);
        });

    [Property(MaxTest = 500)]
    public Property every_list_is_in_member_code_order_and_names_only_eligible_members() =>
        Prop.ForAll(Cases.AnyRule, c =>
        {
            var evaluation = c.Evaluate();
            var eligible = c.Input.Eligible.Select(s => s.Member).ToHashSet();
            IReadOnlyList<MemberCode>[] lists =
                [evaluation.Blocking, evaluation.ToAct, evaluation.WhatItWouldTake.Members()];
            return lists.All(l =>
                l.All(eligible.Contains) && l.SequenceEqual(l.OrderBy(m => m.Value, StringComparer.Ordinal)));
        });

    [Property(MaxTest = 500)]
    public Property what_it_would_take_moves_members_from_their_current_position_to_an_allowed_one() =>
        Prop.ForAll(Cases.AnyRule, c => c.Evaluate().WhatItWouldTake.All(change =>
            change.From == c.Input.PositionOf(change.Member)
            && change.From != change.To
            && c.Rule.AllowedPositions.Contains(change.To)));

    /// <summary>Only a Security Council with fewer than 9 seats can never adopt; no generated body is one.</summary>
    private static bool Impossible(Case c) =>
        c.Rule is UnSecurityCouncil && c.Input.Eligible.Count < UnSecurityCouncil.AffirmativeVotesNeeded;
}
