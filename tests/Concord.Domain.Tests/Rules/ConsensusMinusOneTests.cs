using Concord.Domain.Decisions;
using Concord.Domain.Rules;
using FsCheck;
using Outcome = Concord.Domain.Rules.Outcome;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static Concord.Domain.Decisions.PositionKind;
using static Concord.Domain.Tests.Rules.Scenario;

namespace Concord.Domain.Tests.Rules;

public sealed class ConsensusMinusOneTests
{
    private static readonly ConsensusMinusOne Rule = ConsensusMinusOne.Instance;

    private static RuleInput Concerning(string code, RuleInput input) => input with { Concerned = Seats.Code(code) };

    [Fact]
    public void the_objection_of_the_state_concerned_is_disregarded()
    {
        var evaluation = Rule.Evaluate(Concerning("SVN", Input(Seats.Nato, Concur, ("SVN", PositionKind.Object))));

        Assert.Equal(Outcome.Adopted, evaluation.Outcome);
        Assert.Empty(evaluation.Blocking);
        Assert.Equal(
            "Adopted: no participating State objects. The objection of SVN, the State concerned, is disregarded.",
            evaluation.Explanation);
    }

    [Fact]
    public void an_objection_by_any_other_state_still_blocks()
    {
        var input = Concerning("SVN", Input(Seats.Nato, Concur, ("SVN HRV", PositionKind.Object)));

        var evaluation = Rule.Evaluate(input);

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Equal(Codes("HRV"), evaluation.Blocking);
        Assert.Equal(Codes("HRV"), evaluation.WhatItWouldTake.Members());
        AssertMinimal(Rule, input);
    }

    [Theory]
    [InlineData(Undeclared)]
    [InlineData(AdReferendum)]
    [InlineData(Reservation)]
    public void the_state_concerned_is_neither_awaited_nor_able_to_hold(PositionKind position)
    {
        var evaluation = Rule.Evaluate(Concerning("SVN", Input(Seats.Nato, Concur, ("SVN", position))));

        Assert.Equal(Outcome.Adopted, evaluation.Outcome);
        Assert.Empty(evaluation.ToAct);
    }

    [Fact]
    public void without_a_state_concerned_one_objection_blocks_as_in_nato_consensus()
    {
        var input = Input(Seats.Nato, Concur, ("SVN", PositionKind.Object));

        var minusOne = Rule.Evaluate(input);
        var consensus = NatoConsensus.Instance.Evaluate(input);

        Assert.Equal(Outcome.Blocked, minusOne.Outcome);
        Assert.Equal(consensus.Blocking, minusOne.Blocking);
        Assert.Equal("Blocked: 1 participating State objects (SVN).", minusOne.Explanation);
    }

    [Fact]
    public void a_state_concerned_that_is_not_eligible_changes_nothing()
    {
        var input = Concerning("SRB", Input(Seats.Nato, Concur, ("SVN", PositionKind.Object)));

        Assert.Equal(Outcome.Blocked, Rule.Evaluate(input).Outcome);
    }

    [Property(MaxTest = 300)]
    public Property without_a_state_concerned_it_decides_exactly_as_nato_consensus() =>
        Prop.ForAll(Cases.Nato, c =>
        {
            var input = c.Input with { Concerned = null };
            var minusOne = Rule.Evaluate(input);
            var consensus = NatoConsensus.Instance.Evaluate(input);
            return minusOne.Outcome == consensus.Outcome
                && minusOne.Blocking.SequenceEqual(consensus.Blocking)
                && minusOne.ToAct.SequenceEqual(consensus.ToAct)
                && minusOne.WhatItWouldTake.SequenceEqual(consensus.WhatItWouldTake);
        });
}
