using Concord.Domain.Decisions;
using Concord.Domain.Rules;
using Xunit;
using static Concord.Domain.Decisions.PositionKind;
using static Concord.Domain.Tests.Rules.Scenario;

namespace Concord.Domain.Tests.Rules;

/// <summary>
/// Uses the 15 seats of <see cref="Seats.UnSecurityCouncil"/>: CHN, FRA, GBR, RUS and USA permanent; ALB, ARE, BRA,
/// CHE, ECU, GAB, GHA, JPN, MLT and MOZ elected.
/// </summary>
public sealed class UnSecurityCouncilTests
{
    private static readonly UnSecurityCouncil Rule = UnSecurityCouncil.Instance;

    private const string NineWithoutRussia = "CHN FRA GBR USA ALB ARE BRA CHE ECU";

    private static RuleInput Vote(params (string Codes, PositionKind Kind)[] positions) =>
        Input(Seats.UnSecurityCouncil, Abstain, positions);

    [Fact]
    public void nine_votes_with_one_permanent_member_against_fail_in_the_security_council()
    {
        var evaluation = Rule.Evaluate(Vote((NineWithoutRussia, Concur), ("RUS", Against)));

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Equal(Codes("RUS"), evaluation.Blocking);
        Assert.Equal("Blocked: vetoed by 1 permanent member (RUS).", evaluation.Explanation);
    }

    [Theory]
    [InlineData(Abstain)]
    [InlineData(NonParticipation)]
    public void nine_votes_with_a_permanent_member_abstaining_pass_in_the_security_council(PositionKind russia)
    {
        var evaluation = Rule.Evaluate(Vote((NineWithoutRussia, Concur), ("RUS", russia)));

        Assert.Equal(Outcome.Adopted, evaluation.Outcome);
        Assert.Equal(
            "Adopted: 9 affirmative votes of the 9 needed and no permanent member against.", evaluation.Explanation);
    }

    [Fact]
    public void an_elected_member_against_is_no_veto()
    {
        Assert.Equal(Outcome.Adopted, Rule.Evaluate(Vote((NineWithoutRussia, Concur), ("JPN MLT", Against))).Outcome);
    }

    [Fact]
    public void eight_votes_fail_even_without_a_veto()
    {
        var evaluation = Rule.Evaluate(Vote(("CHN FRA GBR USA ALB ARE BRA CHE", Concur), ("MOZ", Against)));

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Equal(Codes("ECU GAB GHA JPN MLT MOZ RUS"), evaluation.Blocking);
        Assert.Equal(Codes("ECU"), evaluation.WhatItWouldTake.Members());
    }

    [Fact]
    public void an_undeclared_permanent_member_is_a_potential_veto()
    {
        var evaluation = Rule.Evaluate(Input(Seats.UnSecurityCouncil, Concur, ("USA", Undeclared)));

        Assert.Equal(Outcome.Pending, evaluation.Outcome);
        Assert.Equal(Codes("USA"), evaluation.ToAct);
        Assert.Equal(Codes("USA"), evaluation.WhatItWouldTake.Members());
    }

    [Fact]
    public void nine_votes_adopt_whatever_the_undeclared_elected_members_do()
    {
        var evaluation = Rule.Evaluate(Input(
            Seats.UnSecurityCouncil, Undeclared, ("CHN FRA GBR RUS USA ALB ARE BRA CHE", Concur)));

        Assert.Equal(Outcome.Adopted, evaluation.Outcome);
        Assert.Empty(evaluation.ToAct);
    }

    [Fact]
    public void too_few_members_left_to_vote_block_the_decision()
    {
        var evaluation = Rule.Evaluate(Vote(("FRA GBR USA", Concur), ("ALB ARE BRA CHE", Undeclared)));

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Equal(8, evaluation.Blocking.Count);
        Assert.Equal(Codes("ALB ARE BRA CHE"), evaluation.ToAct);
        Assert.Equal(
            "Blocked: 3 affirmative votes of the 9 needed, and too few members remain to vote.", evaluation.Explanation);
    }

    [Fact]
    public void what_it_would_take_lifts_every_veto_then_adds_elected_members_by_code()
    {
        var input = Vote(("FRA GBR USA ALB ARE", Concur), ("RUS", Against), ("CHN", Undeclared));

        Assert.Equal(Codes("BRA CHE CHN RUS"), Rule.Evaluate(input).WhatItWouldTake.Members());
        AssertMinimal(Rule, input);
    }

    [Fact]
    public void a_council_of_fewer_than_nine_seats_can_adopt_nothing()
    {
        var input = Input(Seats.UnSecurityCouncil.Take(8).ToList(), Concur);

        var evaluation = Rule.Evaluate(input);

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Empty(evaluation.WhatItWouldTake);
    }

    [Theory]
    [InlineData("", "RUS CHN USA")]
    [InlineData("CHN RUS", "")]
    [InlineData("ALB ARE BRA CHE ECU GAB GHA JPN MLT MOZ", "USA")]
    public void what_it_would_take_is_minimal(string undeclared, string against)
    {
        AssertMinimal(Rule, Vote(("FRA GBR", Concur), (undeclared, Undeclared), (against, Against)));
    }

    [Fact]
    public void a_footnote_is_refused_because_the_council_votes()
    {
        Assert.Throws<ArgumentException>(() => Rule.Evaluate(Vote(("FRA", Footnote))));
    }
}
