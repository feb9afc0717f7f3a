using Concord.Domain.Members;
using Concord.Domain.Rules;
using NodaTime;

namespace Concord.Domain.Decisions;

/// <summary>The secretariat opens a decision. <paramref name="SilenceDeadline"/> puts it under silence at once.</summary>
public sealed record OpenDecisionCommand(
    DecisionId Id,
    string Subject,
    Body Body,
    RuleKind Rule,
    string? Summit,
    Instant? SilenceDeadline,
    MemberCode? Concerned);

/// <summary>A delegation records its own member's position, effective at an instant (files of positions are imported on the host: concord import positions).</summary>
public sealed record RecordPositionCommand(
    MemberCode Member,
    PositionKind Kind,
    string? Condition,
    string? Source,
    string? Confidence,
    string? Note,
    Instant Effective);

/// <summary>Puts the draft under silence, or re-issues it under a new deadline after silence was broken.</summary>
public sealed record PutUnderSilenceCommand(Instant Deadline);

/// <summary>Closes the decision with the outcome its rule gives now.</summary>
public sealed record ConcludeDecisionCommand;

/// <summary>
/// Records how the decision ended as <paramref name="Source"/> gives it: <paramref name="Outcome"/> (adopted or lapsed)
/// on <paramref name="Concluded"/>, possibly long after the fact.
/// </summary>
public sealed record RecordConclusionCommand(Outcome Outcome, Instant Concluded, string Source, string? Note);

/// <summary>Withdraws the decision.</summary>
public sealed record WithdrawDecisionCommand(string Reason);

/// <summary>Releases an outcome statement for readers not cleared for every position.</summary>
public sealed record ReleaseOutcomeCommand(string Statement);
