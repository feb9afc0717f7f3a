using Concord.Domain.Decisions;
using Concord.Domain.Rules;
using Xunit;
using static Concord.Domain.Decisions.PositionKind;
using static Concord.Domain.Tests.Rules.Scenario;

namespace Concord.Domain.Tests.Rules;

/// <summary>
/// Uses the synthetic EU of <see cref="Seats.Eu"/> (DEU 84, FRA 68, ITA 59, ESP 48, POL 37, 22 others of 7: 450 in
/// all, so 65% is 292.5 and 35% is 157.5), or two blocs built to land exactly on a threshold.
/// </summary>
public sealed class EuQualifiedMajorityTests
{
    private static readonly EuQualifiedMajority Qmv = EuQualifiedMajority.Standard;
    private static readonly EuQualifiedMajority Reinforced = EuQualifiedMajority.Reinforced;

    private const string Large = "DEU FRA ITA ESP POL";

    private static string Small(int skip, int take) => string.Join(' ', Seats.EuSmall.Skip(skip).Take(take));

    /// <summary>The first <paramref name="first"/> members (in code order) concur and the others vote against.</summary>
    private static RuleInput Blocs(int first, long firstPopulation, long restPopulation)
    {
        var seats = Seats.EuBlocs(first, firstPopulation, restPopulation);
        return Input(seats, Against, (string.Join(' ', Seats.EuCodes.Take(first)), Concur));
    }

    [Theory]
    [InlineData(35, Outcome.Adopted)]
    [InlineData(36, Outcome.Blocked)]
    public void fifteen_members_with_65_percent_of_population_pass_qmv(long restPopulation, Outcome expected)
    {
        // 15 x 52 = 780 of 780 + 12 x 35 = 1200 is exactly 65%; with 36 each it is 64.4%.
        var evaluation = Qmv.Evaluate(Blocs(15, 52, restPopulation));

        Assert.Equal(expected, evaluation.Outcome);
    }

    [Fact]
    public void exactly_fifteen_members_and_65_percent_are_explained_as_adopted()
    {
        Assert.Equal(
            "Adopted: 15 of 27 participating members representing 65% of their population are in favour.",
            Qmv.Evaluate(Blocs(15, 52, 35)).Explanation);
    }

    [Fact]
    public void fourteen_members_do_not_pass_qmv_whatever_their_population()
    {
        var evaluation = Qmv.Evaluate(Input(Seats.Eu, Against, (Large, Concur), (Small(0, 9), Concur)));

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Equal(13, evaluation.Blocking.Count);
    }

    [Theory]
    [InlineData(161, Outcome.Adopted)]
    [InlineData(162, Outcome.Blocked)]
    public void four_members_with_more_than_35_percent_of_population_block_qmv(long population, Outcome expected)
    {
        // 4 x 161 = 644 of 644 + 23 x 52 = 1840 is exactly 35%, not more; with 162 each it is 35.1%.
        var evaluation = Qmv.Evaluate(Blocs(23, 52, population));

        Assert.Equal(expected, evaluation.Outcome);
        if (expected == Outcome.Blocked) Assert.Equal(Codes("ROU SVK SVN SWE"), evaluation.Blocking);
    }

    [Fact]
    public void four_large_members_voting_against_block_qmv_and_the_explanation_names_them()
    {
        var evaluation = Qmv.Evaluate(Input(Seats.Eu, Concur, ("DEU FRA ITA ESP", Against)));

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Equal(Codes("DEU ESP FRA ITA"), evaluation.Blocking);
        Assert.Equal(
            "Blocked: 23 of 27 participating members representing 42% of their population are in favour; "
            + "a qualified majority needs 55% of members and 65% of population; "
            + "4 members are not in favour (DEU, ESP, FRA, ITA).",
            evaluation.Explanation);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(1_000_000)]
    public void three_members_cannot_block_qmv_whatever_their_population(long population)
    {
        var evaluation = Qmv.Evaluate(Blocs(24, 1, population));

        Assert.Equal(Outcome.Adopted, evaluation.Outcome);
        Assert.EndsWith("fewer than 4 are not, too few for a blocking minority.", evaluation.Explanation);
    }

    [Fact]
    public void reinforced_qmv_has_no_blocking_minority_clause()
    {
        var input = Input(Seats.Eu, Concur, ("DEU FRA ITA", Against));

        Assert.Equal(Outcome.Adopted, Qmv.Evaluate(input).Outcome);
        Assert.Equal(Outcome.Blocked, Reinforced.Evaluate(input).Outcome);
    }

    [Theory]
    [InlineData(19, Outcome.Blocked)]
    [InlineData(20, Outcome.Adopted)]
    public void reinforced_qmv_needs_twenty_of_twenty_seven_members(int inFavour, Outcome expected)
    {
        Assert.Equal(expected, Reinforced.Evaluate(Blocs(inFavour, 10, 10)).Outcome);
    }

    [Theory]
    [InlineData(NonParticipation, Outcome.Adopted)]
    [InlineData(Abstain, Outcome.Blocked)]
    public void not_taking_part_is_not_abstaining(PositionKind position, Outcome expected)
    {
        // 14 in favour: 14 of 27 is too few, 14 of the 25 taking part is 56%.
        var input = Input(Seats.Eu, Against, (Large, Concur), (Small(0, 9), Concur), (Small(9, 2), position));

        Assert.Equal(expected, Qmv.Evaluate(input).Outcome);
    }

    [Fact]
    public void an_abstention_counts_as_not_in_favour_and_blocks_with_the_votes_against()
    {
        var evaluation = Qmv.Evaluate(Input(Seats.Eu, Concur, ("DEU FRA", Against), ("ITA ESP", Abstain)));

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Equal(Codes("DEU ESP FRA ITA"), evaluation.Blocking);
    }

    [Fact]
    public void undeclared_members_who_cannot_change_the_result_do_not_hold_it_up()
    {
        var evaluation = Qmv.Evaluate(Input(Seats.Eu, Concur, ("DEU FRA ITA", Undeclared)));

        Assert.Equal(Outcome.Adopted, evaluation.Outcome);
        Assert.Empty(evaluation.ToAct);
    }

    [Fact]
    public void undeclared_members_who_could_tip_the_vote_keep_qmv_pending()
    {
        var undecided = Small(9, 1);
        var input = Input(Seats.Eu, Against, (Large, Concur), (Small(0, 9), Concur), (undecided, Undeclared));

        var evaluation = Qmv.Evaluate(input);

        Assert.Equal(Outcome.Pending, evaluation.Outcome);
        Assert.Empty(evaluation.Blocking);
        Assert.Equal(Codes(undecided), evaluation.ToAct);
        Assert.Equal(Codes(undecided), evaluation.WhatItWouldTake.Members());
    }

    [Fact]
    public void qmv_is_blocked_when_even_every_undeclared_member_concurring_would_not_pass()
    {
        var input = Input(Seats.Eu, Against, (Large, Concur), (Small(0, 5), Concur), (Small(5, 2), Undeclared));

        var evaluation = Qmv.Evaluate(input);

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Equal(15, evaluation.Blocking.Count);
        Assert.Equal(Codes(Small(5, 2)), evaluation.ToAct);
    }

    [Fact]
    public void a_member_not_eligible_is_ignored()
    {
        var withoutMalta = Seats.Eu.Where(s => s.Member.Value != "MLT").ToList();
        var input = Input(Seats.Eu, Concur, ("DEU FRA ITA MLT", Against)) with { Eligible = withoutMalta };

        Assert.Equal(Outcome.Adopted, Qmv.Evaluate(input).Outcome);
    }

    [Fact]
    public void what_it_would_take_persuades_the_most_populous_first()
    {
        // 14 small members (98) in favour: DEU and FRA bring 250, short of 292.5; ITA brings 309.
        var input = Input(Seats.Eu, Against, (Small(0, 14), Concur));

        Assert.Equal(Codes("DEU FRA ITA"), Qmv.Evaluate(input).WhatItWouldTake.Members());
        AssertMinimal(Qmv, input);
    }

    [Fact]
    public void what_it_would_take_may_be_breaking_up_a_blocking_minority()
    {
        var input = Input(Seats.Eu, Concur, ("DEU FRA ITA ESP", Against));

        Assert.Equal([new PositionChange(Seats.Code("DEU"), Against, Concur)], Qmv.Evaluate(input).WhatItWouldTake);
        Assert.Equal(Codes("DEU FRA"), Reinforced.Evaluate(input).WhatItWouldTake.Members());
    }

    public static TheoryData<string, string, string> NotAdopted => new()
    {
        { "DEU FRA ITA ESP", "", "" },
        { Small(0, 13), "POL", Small(13, 2) },
        { "", Large, Small(0, 10) },
        { Small(0, 20), "DEU", "" },
    };

    [Theory]
    [MemberData(nameof(NotAdopted))]
    public void what_it_would_take_is_minimal(string against, string abstain, string undeclared)
    {
        var input = Input(Seats.Eu, Concur, (against, Against), (abstain, Abstain), (undeclared, Undeclared));

        AssertMinimal(Qmv, input);
        AssertMinimal(Reinforced, input);
    }

    [Fact]
    public void the_two_variants_are_found_by_their_rule_kind()
    {
        Assert.Same(Qmv, DecisionRules.For(RuleKind.EuQualifiedMajority));
        Assert.Same(Reinforced, DecisionRules.For(RuleKind.EuReinforcedQualifiedMajority));
        Assert.Equal(RuleKind.EuReinforcedQualifiedMajority, Reinforced.Kind);
    }

    [Fact]
    public void a_nato_position_is_refused_under_qmv()
    {
        Assert.Throws<ArgumentException>(() => Qmv.Evaluate(Input(Seats.Eu, Concur, ("HUN", Reservation))));
    }
}
