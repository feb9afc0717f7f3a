using Concord.Domain.Decisions;

namespace Concord.Domain.Rules;

/// <summary>Finds the rule type for a <see cref="RuleKind"/>, and what it lets a member do.</summary>
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

    /// <summary>
    /// The positions a member may record on a decision under this rule, in <see cref="PositionKind"/> order: exactly
    /// the rule's <see cref="IDecisionRule.AllowedPositions"/>, and the very list
    /// <see cref="Decision.Decide(RecordPositionCommand, Members.Body, NodaTime.Instant)"/> refuses by, so what a form
    /// offers and what is accepted cannot differ. <see cref="PositionKind.Undeclared"/> is always among them: a member
    /// may take back what it said.
    /// </summary>
    public static IReadOnlyList<PositionKind> Recordable(RuleKind kind, bool underSilence = false)
    {
        var allowed = For(kind, underSilence).AllowedPositions;
        return [.. Enum.GetValues<PositionKind>().Where(allowed.Contains)];
    }

    /// <summary>
    /// Whether the rule waits on each member it lists in "what it would take": under NATO consensus, unanimity, EU unanimity
    /// and consensus-minus-one every one of them must move and no other move can stand in for one, so the chance of adoption is
    /// the product of theirs. Under a majority (EU qualified majority, the UN Security Council) other sets of moves may do.
    /// </summary>
    public static bool WaitsOnEach(RuleKind kind) =>
        kind is RuleKind.NatoConsensus or RuleKind.Unanimity or RuleKind.EuUnanimity or RuleKind.ConsensusMinusOne;

    /// <summary>Whether a decision under this rule may be put under the silence procedure.</summary>
    public static bool SupportsSilence(RuleKind kind) => kind == RuleKind.NatoConsensus;
}
