using Concord.Domain.Members;
using Concord.Domain.Rules;
using NodaTime;

namespace Concord.Domain.Decisions;

/// <summary>The secretariat opens a decision. <paramref name="SilenceDeadline"/> puts it under silence at once.</summary>
public sealed record OpenDecision(
    DecisionId Id,
    string Subject,
    Body Body,
    RuleKind Rule,
    string? Summit,
    Instant? SilenceDeadline,
    MemberCode? Concerned);

/// <summary>A delegation (or the secretariat on its behalf) records a member's position, effective at an instant.</summary>
public sealed record RecordPosition(
    MemberCode Member,
    PositionKind Kind,
    string? Condition,
    string? Source,
    string? Confidence,
    string? Note,
    Instant Effective);

/// <summary>Puts the draft under silence, or re-issues it under a new deadline after silence was broken.</summary>
public sealed record PutUnderSilence(Instant Deadline);

/// <summary>Closes the decision with the outcome its rule gives now.</summary>
public sealed record ConcludeDecision;

/// <summary>Withdraws the decision.</summary>
public sealed record WithdrawDecision(string Reason);
