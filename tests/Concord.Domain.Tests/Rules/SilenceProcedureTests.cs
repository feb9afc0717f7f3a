using Concord.Domain.Decisions;
using Concord.Domain.Rules;
using Xunit;
using static Concord.Domain.Decisions.PositionKind;
using static Concord.Domain.Tests.Rules.Scenario;

namespace Concord.Domain.Tests.Rules;

public sealed class SilenceProcedureTests
{
    private static readonly SilenceProcedure Rule = SilenceProcedure.Instance;

    private static RuleInput AfterDeadline(RuleInput input) => input with { SilenceDeadlinePassed = true };

    [Fact]
    public void a_silent_member_does_not_block_under_the_silence_procedure()
    {
        var evaluation = Rule.Evaluate(AfterDeadline(Input(Seats.Nato, Undeclared, ("USA GBR", Concur))));

        Assert.Equal(Outcome.AdoptedUnderSilence, evaluation.Outcome);
        Assert.Empty(evaluation.Blocking);
        Assert.Empty(evaluation.ToAct);
        Assert.Empty(evaluation.WhatItWouldTake);
        Assert.Equal("Adopted under silence: the deadline passed and no Ally broke silence.", evaluation.Explanation);
    }

    [Fact]
    public void an_ally_agreeing_ad_referendum_is_deemed_to_consent_at_the_deadline()
    {
        var evaluation = Rule.Evaluate(AfterDeadline(Input(Seats.Nato, Concur, ("BEL", AdReferendum))));

        Assert.Equal(Outcome.AdoptedUnderSilence, evaluation.Outcome);
    }

    [Fact]
    public void before_the_deadline_the_draft_is_pending_and_silent_allies_may_still_break_silence()
    {
        var evaluation = Rule.Evaluate(Input(Seats.Nato, Concur, ("NOR ISL", Undeclared)));

        Assert.Equal(Outcome.Pending, evaluation.Outcome);
        Assert.Equal(Codes("ISL NOR"), evaluation.ToAct);
        Assert.Empty(evaluation.WhatItWouldTake);
        Assert.Equal(
            "Pending: adopted at the deadline unless an Ally breaks silence; 2 Allies have not declared (ISL, NOR).",
            evaluation.Explanation);
    }

    [Fact]
    public void the_procedure_concludes_at_the_deadline_even_if_every_ally_has_already_concurred()
    {
        Assert.Equal(Outcome.Pending, Rule.Evaluate(Input(Seats.Nato, Concur)).Outcome);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void breaking_silence_blocks_before_or_after_the_deadline(bool deadlinePassed)
    {
        var input = Input(Seats.Nato, Undeclared, ("FRA DEU BEL", PositionKind.Object)) with
        {
            SilenceDeadlinePassed = deadlinePassed,
        };

        var evaluation = Rule.Evaluate(input);

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Equal(Codes("BEL DEU FRA"), evaluation.Blocking);
        Assert.Equal("Blocked: silence broken by 3 Allies (BEL, DEU, FRA).", evaluation.Explanation);
    }

    [Fact]
    public void a_reservation_blocks_under_silence()
    {
        var evaluation = Rule.Evaluate(AfterDeadline(Input(Seats.Nato, Undeclared, ("TUR", Reservation))));

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Equal(Codes("TUR"), evaluation.Blocking);
        Assert.Equal("Blocked: 1 Ally holds a reservation (TUR).", evaluation.Explanation);
    }

    [Fact]
    public void footnotes_and_non_participation_do_not_break_silence()
    {
        var input = Input(Seats.Nato, Undeclared, ("DNK", Footnote), ("HUN", NonParticipation));

        var evaluation = Rule.Evaluate(AfterDeadline(input));

        Assert.Equal(Outcome.AdoptedUnderSilence, evaluation.Outcome);
        Assert.Equal(
            "Adopted under silence: the deadline passed and no Ally broke silence; 1 Ally dissociates in a footnote (DNK).",
            evaluation.Explanation);
    }

    [Fact]
    public void what_it_would_take_is_only_lifting_the_blocks_because_silence_does_the_rest()
    {
        var input = Input(
            Seats.Nato, Undeclared, ("FRA", PositionKind.Object), ("TUR", Reservation), ("BEL", AdReferendum));

        var evaluation = Rule.Evaluate(input);

        Assert.Equal(
            [
                new PositionChange(Seats.Code("FRA"), PositionKind.Object, Concur),
                new PositionChange(Seats.Code("TUR"), Reservation, Concur),
            ],
            evaluation.WhatItWouldTake);
        AssertMinimal(Rule, input);
    }

    [Fact]
    public void a_nato_consensus_decision_under_silence_is_decided_by_the_silence_procedure()
    {
        Assert.Same(Rule, DecisionRules.For(RuleKind.NatoConsensus, underSilence: true));
        Assert.Equal(RuleKind.NatoConsensus, Rule.Kind);
    }
}
