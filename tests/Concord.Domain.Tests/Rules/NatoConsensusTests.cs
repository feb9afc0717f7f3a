using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Xunit;
using NodaTime;
using static Concord.Domain.Decisions.PositionKind;
using static Concord.Domain.Tests.Rules.Scenario;

namespace Concord.Domain.Tests.Rules;

public sealed class NatoConsensusTests
{
    private static readonly NatoConsensus Rule = NatoConsensus.Instance;

    [Fact]
    public void every_ally_concurring_adopts()
    {
        var evaluation = Rule.Evaluate(Input(Seats.Nato, Concur));

        Assert.Equal(Outcome.Adopted, evaluation.Outcome);
        Assert.Empty(evaluation.Blocking);
        Assert.Empty(evaluation.ToAct);
        Assert.Empty(evaluation.WhatItWouldTake);
        Assert.Equal("Adopted: no Ally objects.", evaluation.Explanation);
    }

    [Fact]
    public void one_reservation_blocks_nato_consensus_and_its_lifting_adopts()
    {
        var held = Input(Seats.Nato, Concur, ("TUR", Reservation));
        var lifted = Input(Seats.Nato, Concur);

        var evaluation = Rule.Evaluate(held);

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Equal(Codes("TUR"), evaluation.Blocking);
        Assert.Equal([new PositionChange(Seats.Code("TUR"), Reservation, Concur)], evaluation.WhatItWouldTake);
        Assert.Equal(Outcome.Adopted, Rule.Evaluate(lifted).Outcome);
    }

    [Fact]
    public void objections_block_and_the_explanation_names_the_allies_in_code_order()
    {
        var evaluation = Rule.Evaluate(Input(Seats.Nato, Concur, ("USA SVK HUN DEU", PositionKind.Object)));

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Equal(Codes("DEU HUN SVK USA"), evaluation.Blocking);
        Assert.Equal("Blocked: 4 Allies object (DEU, HUN, SVK, USA).", evaluation.Explanation);
    }

    [Fact]
    public void objections_and_reservations_are_explained_together()
    {
        var input = Input(Seats.Nato, Concur, ("FRA", PositionKind.Object), ("HUN TUR", Reservation));

        var evaluation = Rule.Evaluate(input);

        Assert.Equal(Codes("FRA HUN TUR"), evaluation.Blocking);
        Assert.Equal(
            "Blocked: 1 Ally objects (FRA) and 2 Allies hold reservations (HUN, TUR).", evaluation.Explanation);
    }

    [Theory]
    [InlineData(Undeclared)]
    [InlineData(AdReferendum)]
    public void an_ally_without_a_final_position_keeps_consensus_pending(PositionKind position)
    {
        var evaluation = Rule.Evaluate(Input(Seats.Nato, Concur, ("HUN", position)));

        Assert.Equal(Outcome.Pending, evaluation.Outcome);
        Assert.Empty(evaluation.Blocking);
        Assert.Equal(Codes("HUN"), evaluation.ToAct);
        Assert.Equal([new PositionChange(Seats.Code("HUN"), position, Concur)], evaluation.WhatItWouldTake);
    }

    [Fact]
    public void silence_is_not_yet_consent_outside_the_silence_procedure_even_after_a_deadline()
    {
        var input = Input(Seats.Nato, Concur, ("ISL", Undeclared)) with { SilenceDeadlinePassed = true };

        Assert.Equal(Outcome.Pending, Rule.Evaluate(input).Outcome);
    }

    [Fact]
    public void the_pending_explanation_separates_silence_from_ad_referendum()
    {
        var evaluation = Rule.Evaluate(Input(Seats.Nato, Concur, ("NOR ISL", Undeclared), ("BEL", AdReferendum)));

        Assert.Equal(
            "Pending: 2 Allies have not declared (ISL, NOR) and 1 Ally agreed ad referendum, pending its capital (BEL).",
            evaluation.Explanation);
    }

    [Fact]
    public void a_blocked_decision_still_lists_the_allies_to_act()
    {
        var evaluation = Rule.Evaluate(Input(Seats.Nato, Concur, ("TUR", PositionKind.Object), ("HUN", Undeclared)));

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Equal(Codes("TUR"), evaluation.Blocking);
        Assert.Equal(Codes("HUN"), evaluation.ToAct);
        Assert.Equal(Codes("HUN TUR"), evaluation.WhatItWouldTake.Members());
    }

    [Fact]
    public void footnotes_give_adopted_with_footnotes()
    {
        var evaluation = Rule.Evaluate(Input(Seats.Nato, Concur, ("GRC DNK", Footnote)));

        Assert.Equal(Outcome.AdoptedWithFootnotes, evaluation.Outcome);
        Assert.Empty(evaluation.Blocking);
        Assert.Equal(
            "Adopted with footnotes: no Ally objects; 2 Allies dissociate in footnotes (DNK, GRC).", evaluation.Explanation);
    }

    [Fact]
    public void non_participation_does_not_block()
    {
        var evaluation = Rule.Evaluate(Input(Seats.Nato, Concur, ("HUN", NonParticipation)));

        Assert.Equal(Outcome.Adopted, evaluation.Outcome);
        Assert.Empty(evaluation.Blocking);
    }

    [Fact]
    public void a_member_not_yet_eligible_is_ignored()
    {
        var beforeSwedenJoined = Seats.NatoBody.EligibleOn(new LocalDate(2023, 6, 1));
        var input = Input(Seats.Nato, Concur, ("SWE", PositionKind.Object)) with { Eligible = beforeSwedenJoined };

        var evaluation = Rule.Evaluate(input);

        Assert.Equal(31, beforeSwedenJoined.Count);
        Assert.Equal(Outcome.Adopted, evaluation.Outcome);
        Assert.Empty(evaluation.Blocking);
    }

    [Fact]
    public void an_eligible_ally_that_has_said_nothing_is_undeclared()
    {
        var input = new RuleInput(Seats.Nato, new Dictionary<MemberCode, PositionKind>());

        var evaluation = Rule.Evaluate(input);

        Assert.Equal(Outcome.Pending, evaluation.Outcome);
        Assert.Equal(32, evaluation.ToAct.Count);
    }

    [Fact]
    public void a_vote_against_is_refused_because_nato_does_not_vote()
    {
        Assert.Throws<ArgumentException>(() => Rule.Evaluate(Input(Seats.Nato, Concur, ("FRA", Against))));
    }

    [Theory]
    [InlineData(PositionKind.Object)]
    [InlineData(Reservation, Undeclared, AdReferendum)]
    [InlineData(PositionKind.Object, Reservation, Footnote, NonParticipation, AdReferendum)]
    [InlineData(Undeclared, Undeclared, Undeclared, Undeclared, Undeclared, Undeclared)]
    public void what_it_would_take_is_minimal(params PositionKind[] positions)
    {
        var overrides = positions.Select((p, i) => (Seats.NatoCodes[i * 5], p)).ToArray();

        AssertMinimal(Rule, Input(Seats.Nato, Concur, overrides));
    }
}
