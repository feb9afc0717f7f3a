using System.Collections.Immutable;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using NodaTime;

namespace Concord.Domain.Decisions;

/// <summary>A member's current position on a decision, with where the information comes from.</summary>
public sealed record MemberPosition(
    MemberCode Member,
    PositionKind Kind,
    string? Condition,
    string? Source,
    string? Confidence,
    string? Note,
    Instant Effective);

/// <summary>
/// A decision as folded from its events (<see cref="Evolve"/>). Pure state: no rule is applied here; see
/// <see cref="Evaluate"/> for the outcome.
/// </summary>
public sealed partial record Decision(
    DecisionId Id,
    string Subject,
    string Body,
    RuleKind Rule,
    string? Summit,
    MemberCode? Concerned,
    Instant Opened,
    Instant? SilenceDeadline,
    ImmutableDictionary<MemberCode, MemberPosition> Positions,
    Outcome? ConcludedOutcome,
    Instant? ConcludedAt)
{
    /// <summary>The outcome statement the secretariat last released (<see cref="OutcomeReleased"/>), or null.</summary>
    public string? ReleasedOutcome { get; init; }

    /// <summary>Where the recorded conclusion (<see cref="ConclusionRecorded"/>) is known from; null when the rule gave it, or while open.</summary>
    public string? ConclusionSource { get; init; }

    /// <summary>The note kept with the recorded conclusion, if any.</summary>
    public string? ConclusionNote { get; init; }

    /// <summary>True once the decision is closed (adopted under silence, concluded, withdrawn).</summary>
    public bool IsConcluded => ConcludedOutcome is not null;

    public bool IsUnderSilence => SilenceDeadline is not null;

    /// <summary>True when the draft is under silence and its deadline has passed (inclusive: at the deadline itself).</summary>
    public bool IsSilenceDeadlinePassed(Instant at) => SilenceDeadline is { } deadline && deadline <= at;

    /// <summary>
    /// Silence is consent: at the deadline, a draft no Ally has broken silence on is adopted, whether or not
    /// anyone has yet recorded the conclusion.
    /// </summary>
    public bool HasSilenceHeld(Instant at) => IsSilenceDeadlinePassed(at) && !IsSilenceBroken;

    /// <summary>
    /// True when the decision's outcome is a fact at <paramref name="at"/>: it concluded, or silence held to its deadline
    /// (adopted, whether or not anyone has yet recorded the conclusion). Nothing is forecast or judged of it any more.
    /// </summary>
    public bool IsSettled(Instant at) => IsConcluded || HasSilenceHeld(at);

    /// <summary>True when the draft is under silence and an Ally has broken it (objected).</summary>
    public bool IsSilenceBroken => IsUnderSilence && Positions.Values.Any(p => p.Kind == PositionKind.Object);

    public PositionKind PositionOf(MemberCode member) =>
        Positions.TryGetValue(member, out var p) ? p.Kind : PositionKind.Undeclared;
}
