using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Features.Forecasting;
using NodaTime;

namespace Concord.Features.Tests.Forecasting;

/// <summary>The chance that a rule adopts a decision by a horizon, from positions and per-member chances, checked by hand.</summary>
public sealed class ConsensusOddsTests
{
    private static readonly LocalDate Since = new(1949, 8, 24);

    private static MemberCode M(string code) => MemberCode.Parse(code);

    private static Seat[] Seats(params string[] codes) => [.. codes.Select(c => new Seat(M(c), c, Since))];

    [Fact]
    public void under_consensus_the_chance_is_the_product_of_the_needed_members_chances_and_those_who_concur_need_none()
    {
        var positions = new Dictionary<MemberCode, PositionKind> { [M("AAA")] = PositionKind.Concur, [M("BBB")] = PositionKind.Object, [M("CCC")] = PositionKind.Reservation };

        var odds = ConsensusOdds.For(RuleKind.NatoConsensus, false, false, Seats("AAA", "BBB", "CCC"), positions, null,
            new Dictionary<MemberCode, double> { [M("BBB")] = 0.5, [M("CCC")] = 0.4 });

        Assert.Equal(0.2, odds.Probability!.Value, 12);
        Assert.Empty(odds.Missing);
        // The least likely first: CCC's move matters most; if it surely moved, only BBB's chance is left.
        Assert.Equal(["CCC", "BBB"], odds.Movers.Select(m => m.Member.Value));
        Assert.Equal(0.5, odds.Movers[0].IfItConcurs!.Value, 12);
        Assert.Equal(0.4, odds.Movers[1].IfItConcurs!.Value, 12);
    }

    [Fact]
    public void a_needed_member_without_a_judgment_leaves_no_probability_and_is_named()
    {
        var positions = new Dictionary<MemberCode, PositionKind> { [M("AAA")] = PositionKind.Concur, [M("BBB")] = PositionKind.Object };

        var odds = ConsensusOdds.For(RuleKind.NatoConsensus, false, false, Seats("AAA", "BBB", "CCC"), positions, null,
            new Dictionary<MemberCode, double> { [M("BBB")] = 0.5 });

        Assert.Null(odds.Probability);
        Assert.Equal(["CCC"], odds.Missing.Select(m => m.Value));
    }

    [Fact]
    public void a_decision_the_rule_already_adopts_is_certain_and_waits_on_nobody()
    {
        var positions = new Dictionary<MemberCode, PositionKind> { [M("AAA")] = PositionKind.Concur, [M("BBB")] = PositionKind.Footnote };

        var odds = ConsensusOdds.For(RuleKind.NatoConsensus, false, false, Seats("AAA", "BBB"), positions, null, new Dictionary<MemberCode, double>());

        Assert.Equal(1, odds.Probability);
        Assert.Empty(odds.Movers);
    }

    [Fact]
    public void under_silence_a_horizon_after_the_deadline_needs_only_the_blockers_and_one_before_it_needs_everyone()
    {
        var positions = new Dictionary<MemberCode, PositionKind> { [M("AAA")] = PositionKind.Concur, [M("BBB")] = PositionKind.Reservation };
        var chances = new Dictionary<MemberCode, double> { [M("BBB")] = 0.5 };

        var after = ConsensusOdds.For(RuleKind.NatoConsensus, true, true, Seats("AAA", "BBB", "CCC"), positions, null, chances);
        var before = ConsensusOdds.For(RuleKind.NatoConsensus, true, false, Seats("AAA", "BBB", "CCC"), positions, null, chances);

        Assert.Equal(0.5, after.Probability!.Value, 12);
        Assert.Null(before.Probability);
        Assert.Equal(["CCC"], before.Missing.Select(m => m.Value));
    }

    [Fact]
    public void under_a_majority_every_combination_of_the_judged_moves_is_weighed()
    {
        // The Security Council: eight votes in favour with every permanent member among them; one more passes it. Two of the
        // abstaining members are judged (0.5 and 0.3): it passes unless both stay, 1 − 0.5 × 0.7 = 0.65.
        var seats = Enumerable.Range(0, 15).Select(i => new Seat(M($"S{(char)('A' + i)}{(char)('A' + i)}"), $"seat {i}", Since, Permanent: i < 5)).ToArray();
        var positions = seats.Select((s, i) => (s.Member, Kind: i < 8 ? PositionKind.Concur : PositionKind.Abstain)).ToDictionary(x => x.Member, x => x.Kind);
        var chances = new Dictionary<MemberCode, double> { [seats[8].Member] = 0.5, [seats[9].Member] = 0.3 };

        var odds = ConsensusOdds.For(RuleKind.UnSecurityCouncil, false, false, seats, positions, null, chances);

        Assert.Equal(0.65, odds.Probability!.Value, 12);
        Assert.Equal(1, odds.Movers.Single(m => m.Member == seats[9].Member).IfItConcurs!.Value, 12);
    }

    [Fact]
    public void under_a_majority_with_more_judged_members_than_are_enumerated_a_seeded_sample_agrees_with_the_binomial()
    {
        // Fifteen abstaining members, each judged 0.6: it passes when at least nine move (an abstention is no veto), which is
        // the binomial's tail. Sampled with 20,000 draws: within four standard errors (about 1.4 points).
        var seats = Enumerable.Range(0, 15).Select(i => new Seat(M($"S{(char)('A' + i)}{(char)('A' + i)}"), $"seat {i}", Since, Permanent: i < 5)).ToArray();
        var positions = seats.ToDictionary(s => s.Member, _ => PositionKind.Abstain);
        var chances = seats.ToDictionary(s => s.Member, _ => 0.6);

        var odds = ConsensusOdds.For(RuleKind.UnSecurityCouncil, false, false, seats, positions, null, chances);

        var exact = 1 - new MathNet.Numerics.Distributions.Binomial(0.6, 15).CumulativeDistribution(8);
        Assert.InRange(odds.Probability!.Value, exact - 0.014, exact + 0.014);
        Assert.Contains("Monte Carlo", odds.Method, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 0.5)]
    [InlineData(20, 0.5)]
    [InlineData(5, 0.29289321881345254)]
    [InlineData(0, 0)]
    public void a_judgment_reads_exactly_on_its_own_day_under_a_constant_hazard_before_it_and_as_a_lower_bound_after_it(int day, double expected)
    {
        var made = new LocalDate(2025, 1, 1);

        Assert.Equal(expected, Judgments.ChanceBy(0.5, made, made.PlusDays(10), made.PlusDays(day)), 12);
        Assert.Equal(day > 10, Judgments.IsLowerBound(made.PlusDays(10), made.PlusDays(day)));
    }
}
