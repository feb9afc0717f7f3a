using Concord.Domain.Decisions;
using Concord.Domain.Rules;
using Xunit;

namespace Concord.Domain.Tests.Rules;

public sealed class DecisionRulesTests
{
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
}
