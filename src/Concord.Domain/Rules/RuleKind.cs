namespace Concord.Domain.Rules;

/// <summary>The decision rules Concord knows, by the name each body uses for it.</summary>
public enum RuleKind
{
    /// <summary>NATO consensus: adopted when no Ally objects (see <see cref="NatoConsensus"/>).</summary>
    NatoConsensus,
    /// <summary>Every Party acts positively; silence is not consent (see <see cref="Unanimity"/>).</summary>
    Unanimity,
    /// <summary>EU Council qualified majority: 55% of members and 65% of population.</summary>
    EuQualifiedMajority,
    /// <summary>EU Council reinforced qualified majority: 72% of members and 65% of population.</summary>
    EuReinforcedQualifiedMajority,
    /// <summary>EU Council unanimity with constructive abstention.</summary>
    EuUnanimity,
    /// <summary>UN Security Council substantive vote: 9 of 15 and no permanent member against.</summary>
    UnSecurityCouncil,
    /// <summary>OSCE consensus-minus-one: consensus ignoring the objection of the State concerned.</summary>
    ConsensusMinusOne,
}
