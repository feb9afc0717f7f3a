using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Xunit;
using static Concord.Domain.Decisions.PositionKind;
using static Concord.Domain.Tests.Rules.Scenario;

namespace Concord.Domain.Tests.Rules;

/// <summary>
/// Uses the synthetic EU of <see cref="Seats.Eu"/> (450 in all, so one third of the population is 150), or 27
/// members of equal weight where one third of the members is also exactly one third of the population.
/// </summary>
public sealed class EuUnanimityTests
{
    private static readonly EuUnanimity Rule = EuUnanimity.Instance;

    private const string Large = "DEU FRA ITA ESP POL";

    private static readonly IReadOnlyList<Seat> Equal = Seats.EuWith(_ => 10);

    private static string Small(int skip, int take) => string.Join(' ', Seats.EuSmall.Skip(skip).Take(take));

    private static string First(int count) => string.Join(' ', Seats.EuCodes.Take(count));

    [Fact]
    public void one_vote_against_blocks_eu_unanimity()
    {
        var evaluation = Rule.Evaluate(Input(Seats.Eu, Concur, ("HUN", Against)));

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Equal(Codes("HUN"), evaluation.Blocking);
        Assert.Equal("Blocked: 1 member votes against (HUN).", evaluation.Explanation);
    }

    [Fact]
    public void abstentions_do_not_block_unanimity()
    {
        var evaluation = Rule.Evaluate(Input(Seats.Eu, Concur, ("AUT IRL", Abstain), ("MLT", ConstructiveAbstention)));

        Assert.Equal(Outcome.Adopted, evaluation.Outcome);
        Assert.Equal(
            "Adopted: no member votes against; 3 members abstain (AUT, IRL, MLT), which does not block unanimity.",
            evaluation.Explanation);
    }

    [Theory]
    [InlineData(8, Outcome.Adopted)]
    [InlineData(9, Outcome.Blocked)]
    [InlineData(10, Outcome.Blocked)]
    public void constructive_abstention_fails_at_one_third_of_the_states_and_one_third_of_the_population(
        int abstainers, Outcome expected)
    {
        var evaluation = Rule.Evaluate(Input(Equal, Concur, (First(abstainers), ConstructiveAbstention)));

        Assert.Equal(expected, evaluation.Outcome);
        if (expected == Outcome.Blocked) Assert.Equal(Codes(First(abstainers)), evaluation.Blocking);
    }

    [Fact]
    public void a_third_of_the_states_without_a_third_of_the_population_does_not_fail()
    {
        var evaluation = Rule.Evaluate(Input(Seats.Eu, Concur, (Small(0, 9), ConstructiveAbstention)));

        Assert.Equal(Outcome.Adopted, evaluation.Outcome);
    }

    [Fact]
    public void a_third_of_the_population_without_a_third_of_the_states_does_not_fail()
    {
        var evaluation = Rule.Evaluate(Input(Seats.Eu, Concur, (Large, ConstructiveAbstention)));

        Assert.Equal(Outcome.Adopted, evaluation.Outcome);
    }

    [Fact]
    public void large_constructive_abstainers_with_a_third_of_the_states_block_and_are_named()
    {
        var evaluation = Rule.Evaluate(Input(Seats.Eu, Concur, (Large + " " + Small(0, 4), ConstructiveAbstention)));

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Equal(Codes("AUT BEL BGR CYP DEU ESP FRA ITA POL"), evaluation.Blocking);
        Assert.Equal(
            "Blocked: 9 members abstain constructively (AUT, BEL, BGR, CYP, DEU, ESP, FRA, ITA, POL), "
            + "at least one third of the members and of the population.",
            evaluation.Explanation);
    }

    [Fact]
    public void non_participation_takes_a_member_out_of_both_thirds()
    {
        var withOptOuts = Input(Equal, Concur, (First(8), ConstructiveAbstention), ("SVN SVK SWE", NonParticipation));
        var withoutOptOuts = Input(Equal, Concur, (First(8), ConstructiveAbstention));

        Assert.Equal(Outcome.Blocked, Rule.Evaluate(withOptOuts).Outcome);
        Assert.Equal(Outcome.Adopted, Rule.Evaluate(withoutOptOuts).Outcome);
    }

    [Fact]
    public void an_undeclared_member_keeps_eu_unanimity_pending()
    {
        var evaluation = Rule.Evaluate(Input(Seats.Eu, Concur, ("CYP", Undeclared)));

        Assert.Equal(Outcome.Pending, evaluation.Outcome);
        Assert.Equal(Codes("CYP"), evaluation.ToAct);
        Assert.Equal("Pending: 1 member has not voted (CYP).", evaluation.Explanation);
    }

    [Fact]
    public void a_vote_against_blocks_even_while_others_are_undeclared()
    {
        var evaluation = Rule.Evaluate(Input(Seats.Eu, Concur, ("CYP", Undeclared), ("HUN", Against)));

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Equal(Codes("CYP"), evaluation.ToAct);
        Assert.Equal(Codes("CYP HUN"), evaluation.WhatItWouldTake.Members());
    }

    [Fact]
    public void what_it_would_take_wins_back_the_fewest_constructive_abstainers_by_count()
    {
        var input = Input(Seats.Eu, Concur, (Large + " " + Small(0, 4), ConstructiveAbstention), ("HUN", Against));

        Assert.Equal(Codes("DEU HUN"), Rule.Evaluate(input).WhatItWouldTake.Members());
        AssertMinimal(Rule, input);
    }

    [Fact]
    public void what_it_would_take_wins_back_the_fewest_constructive_abstainers_by_population()
    {
        // 12 abstainers: 4 must concur to fall below 9 members, but DEU, FRA and ITA leave 134, below 150.
        var input = Input(Seats.Eu, Concur, (Large + " " + Small(0, 7), ConstructiveAbstention));

        Assert.Equal(Codes("DEU FRA ITA"), Rule.Evaluate(input).WhatItWouldTake.Members());
        AssertMinimal(Rule, input);
    }

    [Theory]
    [InlineData(10, 0, 0)]
    [InlineData(9, 1, 2)]
    [InlineData(3, 3, 3)]
    [InlineData(13, 0, 1)]
    public void what_it_would_take_is_minimal(int constructive, int against, int undeclared)
    {
        var codes = Seats.EuCodes;
        var input = Input(
            Equal,
            Concur,
            (string.Join(' ', codes.Take(constructive)), ConstructiveAbstention),
            (string.Join(' ', codes.Skip(constructive).Take(against)), Against),
            (string.Join(' ', codes.Skip(constructive + against).Take(undeclared)), Undeclared));

        AssertMinimal(Rule, input);
    }

    [Fact]
    public void an_objection_is_refused_because_the_eu_council_votes()
    {
        Assert.Throws<ArgumentException>(() => Rule.Evaluate(Input(Seats.Eu, Concur, ("HUN", PositionKind.Object))));
    }
}
