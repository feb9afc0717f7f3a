using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using NodaTime;
using Xunit;

namespace Concord.Domain.Tests.Rules;

public sealed class DecisionRulesTests
{
    private static readonly Instant OpenedAt = Instant.FromUtc(2024, 6, 1, 9, 0);
    private static readonly Instant Now = OpenedAt + Duration.FromDays(1);

    [Theory]
    [InlineData(RuleKind.NatoConsensus, typeof(NatoConsensus))]
    [InlineData(RuleKind.Unanimity, typeof(Unanimity))]
    [InlineData(RuleKind.EuQualifiedMajority, typeof(EuQualifiedMajority))]
    [InlineData(RuleKind.EuReinforcedQualifiedMajority, typeof(EuQualifiedMajority))]
    [InlineData(RuleKind.EuUnanimity, typeof(EuUnanimity))]
    [InlineData(RuleKind.UnSecurityCouncil, typeof(UnSecurityCouncil))]
    [InlineData(RuleKind.ConsensusMinusOne, typeof(ConsensusMinusOne))]
    public void each_rule_kind_is_decided_by_the_rule_of_that_name_and_kind(RuleKind kind, Type expected)
    {
        var rule = DecisionRules.For(kind);

        Assert.IsType(expected, rule);
        Assert.Equal(kind, rule.Kind);
    }

    [Fact]
    public void only_nato_consensus_may_be_put_under_silence()
    {
        Assert.IsType<SilenceProcedure>(DecisionRules.For(RuleKind.NatoConsensus, underSilence: true));
        Assert.Equal([RuleKind.NatoConsensus], Enum.GetValues<RuleKind>().Where(DecisionRules.SupportsSilence));
    }

    [Fact]
    public void every_rule_allows_an_undeclared_position_and_concurring()
    {
        foreach (var kind in Enum.GetValues<RuleKind>())
        {
            var allowed = DecisionRules.For(kind).AllowedPositions;
            Assert.Contains(PositionKind.Undeclared, allowed);
            Assert.Contains(PositionKind.Concur, allowed);
        }
    }

    /// <summary>Every rule, and NATO consensus under silence too: a new rule is covered without touching this list.</summary>
    public static TheoryData<RuleKind, bool> EveryRule()
    {
        var data = new TheoryData<RuleKind, bool>();
        foreach (var kind in Enum.GetValues<RuleKind>())
        {
            data.Add(kind, false);
            if (DecisionRules.SupportsSilence(kind)) data.Add(kind, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRule))]
    public void a_position_is_accepted_exactly_when_its_rule_lists_it_as_recordable(RuleKind kind, bool underSilence)
    {
        var recordable = DecisionRules.Recordable(kind, underSilence);
        var decision = Opened(kind, underSilence);

        foreach (var position in Enum.GetValues<PositionKind>())
        {
            var refusal = decision.Decide(Stating(position), Seats.NatoBody, Now).Refusal;
            if (recordable.Contains(position))
                Assert.True(refusal is null, $"{position} is recordable under {kind} but was refused: {refusal?.Reason}");
            else
                Assert.True(refusal is { Kind: RefusalKind.Unprocessable, Field: "kind" },
                    $"{position} is not recordable under {kind} but was not refused for its kind: {refusal?.Reason ?? "accepted"}");
        }
    }

    [Theory]
    [MemberData(nameof(EveryRule))]
    public void the_recordable_positions_are_the_rules_allowed_positions_each_once(RuleKind kind, bool underSilence)
    {
        var recordable = DecisionRules.Recordable(kind, underSilence);

        Assert.Equal(recordable.Distinct().Count(), recordable.Count);
        Assert.True(DecisionRules.For(kind, underSilence).AllowedPositions.SetEquals(recordable));
    }

    [Fact]
    public void under_unanimity_a_party_may_vote_against_but_not_agree_ad_referendum_enter_a_footnote_or_opt_out()
    {
        var recordable = DecisionRules.Recordable(RuleKind.Unanimity);

        Assert.Contains(PositionKind.Against, recordable);
        Assert.DoesNotContain(PositionKind.AdReferendum, recordable);
        Assert.DoesNotContain(PositionKind.Footnote, recordable);
        Assert.DoesNotContain(PositionKind.NonParticipation, recordable);
    }

    private static Decision Opened(RuleKind kind, bool underSilence)
    {
        var deadline = underSilence ? Now + Duration.FromDays(3) : (Instant?)null;
        var command = new OpenDecisionCommand(DecisionId.Parse("test-decision"), "Test", Seats.NatoBody, kind, null, deadline, null);
        var decided = Decision.Decide(null, command, OpenedAt);
        Assert.Null(decided.Refusal);
        return decided.Events.Aggregate((Decision?)null, (s, e) => Decision.Evolve(s, new Fact<IDecisionEvent>(e, OpenedAt, 1)))!;
    }

    /// <summary>France states <paramref name="position"/>, with a condition so a reservation is refused only for its kind.</summary>
    private static RecordPositionCommand Stating(PositionKind position) =>
        new(MemberCode.Parse("FRA"), position, "Regional plans revised", null, null, null, Now);
}
