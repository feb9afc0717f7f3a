namespace Concord.Domain.Rules;

/// <summary>Finds the rule type for a <see cref="RuleKind"/>.</summary>
public static class DecisionRules
{
    /// <summary>
    /// The rule that decides a decision of this kind. A NATO consensus decision put under silence is decided by
    /// <see cref="SilenceProcedure"/>: undeclared Allies are deemed to consent at the deadline.
    /// </summary>
    public static IDecisionRule For(RuleKind kind, bool underSilence = false) => kind switch
    {
        RuleKind.NatoConsensus when underSilence => SilenceProcedure.Instance,
        RuleKind.NatoConsensus => NatoConsensus.Instance,
        RuleKind.Unanimity => Unanimity.Instance,
        RuleKind.EuQualifiedMajority => EuQualifiedMajority.Standard,
        RuleKind.EuReinforcedQualifiedMajority => EuQualifiedMajority.Reinforced,
        RuleKind.EuUnanimity => EuUnanimity.Instance,
        RuleKind.UnSecurityCouncil => UnSecurityCouncil.Instance,
        RuleKind.ConsensusMinusOne => ConsensusMinusOne.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown rule."),
    };

    /// <summary>Whether a decision under this rule may be put under the silence procedure.</summary>
    public static bool SupportsSilence(RuleKind kind) => kind == RuleKind.NatoConsensus;
}
