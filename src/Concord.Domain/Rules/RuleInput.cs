using Concord.Domain.Decisions;
using Concord.Domain.Members;

namespace Concord.Domain.Rules;

/// <summary>
/// What a rule sees: the seats eligible on the evaluation date and each member's current position.
/// A member absent from <see cref="Positions"/> is <see cref="PositionKind.Undeclared"/>; positions of members
/// that are not eligible are ignored.
/// </summary>
/// <param name="Eligible">The date-effective seats of the body.</param>
/// <param name="Positions">Current position per member.</param>
/// <param name="SilenceDeadlinePassed">Only for the silence procedure: whether its deadline has passed.</param>
/// <param name="Concerned">Only for consensus-minus-one: the State whose objection does not count.</param>
public sealed record RuleInput(
    IReadOnlyList<Seat> Eligible,
    IReadOnlyDictionary<MemberCode, PositionKind> Positions,
    bool SilenceDeadlinePassed = false,
    MemberCode? Concerned = null)
{
    /// <summary>The position of an eligible member; undeclared when it has said nothing.</summary>
    public PositionKind PositionOf(MemberCode member) =>
        Positions.TryGetValue(member, out var kind) ? kind : PositionKind.Undeclared;
}

/// <summary>One member moving from one position to another.</summary>
public sealed record PositionChange(MemberCode Member, PositionKind From, PositionKind To);

/// <summary>
/// A rule's verdict: the outcome, who blocks it, who is still to act, and what it would take to adopt it
/// (the smallest set of position changes that would adopt it; empty when already adopted or impossible).
/// </summary>
/// <param name="Outcome">Where the decision stands now.</param>
/// <param name="Blocking">Members who prevent adoption, in member-code order; empty unless <see cref="Outcome.Blocked"/>.</param>
/// <param name="ToAct">Members who have yet to give a final position, in member-code order, while the decision is not
/// adopted (also while it is blocked: they too must act for it to pass).</param>
/// <param name="WhatItWouldTake">The fewest position changes, each to <see cref="PositionKind.Concur"/>, in member-code
/// order, after which the rule adopts. Under the silence procedure: adopts once the deadline passes (so it is empty
/// while the procedure runs unbroken).</param>
/// <param name="Explanation">One or two plain sentences for people, e.g. "Blocked: 1 Ally objects (TUR)."</param>
public sealed record Evaluation(
    Outcome Outcome,
    IReadOnlyList<MemberCode> Blocking,
    IReadOnlyList<MemberCode> ToAct,
    IReadOnlyList<PositionChange> WhatItWouldTake,
    string Explanation);

/// <summary>A decision rule: a pure function from eligible seats and positions to an <see cref="Evaluation"/>.</summary>
public interface IDecisionRule
{
    /// <summary>The kind of decision this rule decides (the silence procedure decides NATO consensus).</summary>
    RuleKind Kind { get; }

    /// <summary>The positions a member may take under this rule; anything else is refused.</summary>
    IReadOnlySet<PositionKind> AllowedPositions { get; }

    /// <summary>Decides where the decision stands. Only eligible seats count.</summary>
    /// <exception cref="ArgumentException">An eligible member holds a position not in <see cref="AllowedPositions"/>:
    /// a bug upstream, since such positions are refused when recorded.</exception>
    Evaluation Evaluate(RuleInput input);
}
