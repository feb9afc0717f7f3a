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
public sealed record Evaluation(
    Outcome Outcome,
    IReadOnlyList<MemberCode> Blocking,
    IReadOnlyList<MemberCode> ToAct,
    IReadOnlyList<PositionChange> WhatItWouldTake,
    string Explanation);

/// <summary>A decision rule: a pure function from eligible seats and positions to an <see cref="Evaluation"/>.</summary>
public interface IDecisionRule
{
    RuleKind Kind { get; }

    /// <summary>The positions a member may take under this rule; anything else is refused.</summary>
    IReadOnlySet<PositionKind> AllowedPositions { get; }

    Evaluation Evaluate(RuleInput input);
}
