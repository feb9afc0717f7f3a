using Concord.Domain.Rules;

namespace Concord.Web.Components.Decisions;

/// <summary>A rule as a reader names it, with what it means in a few words.</summary>
public static class RuleWords
{
    public static string Of(RuleKind rule) => rule switch
    {
        RuleKind.NatoConsensus => "NATO consensus (adopted when no Ally objects)",
        RuleKind.Unanimity => "Unanimity (every Party acts; silence is not consent)",
        RuleKind.EuQualifiedMajority => "EU qualified majority (55% of members, 65% of population)",
        RuleKind.EuReinforcedQualifiedMajority => "EU reinforced qualified majority (72% of members, 65% of population)",
        RuleKind.EuUnanimity => "EU unanimity (constructive abstention does not block)",
        RuleKind.UnSecurityCouncil => "UN Security Council vote (9 of 15, no permanent member against)",
        RuleKind.ConsensusMinusOne => "Consensus minus one (the State concerned cannot block)",
        _ => rule.ToString(),
    };
}
