using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>Where a decision stands in its life, whatever its outcome: shown even to readers who may not see the outcome.</summary>
public enum DecisionStatus
{
    /// <summary>Still taking positions.</summary>
    Open,
    /// <summary>Closed with an outcome (adopted, under silence or not, or lapsed).</summary>
    Concluded,
    /// <summary>Withdrawn by the secretariat.</summary>
    Withdrawn,
    /// <summary>
    /// Told only to a reader who sees the decision redacted: its silence deadline has passed, and the outcome is what the
    /// secretariat released. Whether silence held or was broken is not said, since a hidden objection may have broken it.
    /// </summary>
    SilenceDeadlinePassed,
}

/// <summary>
/// A decision as an analyst reads it: the outcome under its rule, who blocks, who is still to act, what it would take.
/// A reader not cleared for every position gets the redacted view (<see cref="Access.Visibility.Redacted"/>):
/// <see cref="PositionsShown"/> false, <see cref="Outcome"/> withheld (or withdrawn), the released statement as the
/// explanation, and every list, the silence deadline and the version empty.
/// </summary>
/// <param name="Classification">The decision's marking in words: "NATO RESTRICTED REL UKR".</param>
/// <param name="ReleasedOutcome">The outcome statement the secretariat released, if any.</param>
public sealed record DecisionView(
    string Id,
    string Subject,
    string Body,
    RuleKind Rule,
    string? Summit,
    Instant Opened,
    Instant? SilenceDeadline,
    string? SilenceDeadlineBrussels,
    Instant AsOf,
    Outcome Outcome,
    string Explanation,
    IReadOnlyList<string> Blocking,
    IReadOnlyList<string> ToAct,
    IReadOnlyList<PositionChange> WhatItWouldTake,
    IReadOnlyList<PositionView> Positions,
    int Version,
    string Classification = "PUBLIC",
    DecisionStatus Status = DecisionStatus.Open,
    Instant? Closed = null,
    bool PositionsShown = true,
    string? ReleasedOutcome = null,
    string? ConclusionSource = null,
    string? ConclusionNote = null,
    LocalDate? KnownOn = null);

/// <summary>
/// One eligible member's position; members that said nothing are listed as undeclared. <see cref="Confidence"/> is how the
/// position is known (docs/confidence.md), null when unlabelled: also for a position stored with free text from before the
/// vocabulary.
/// </summary>
public sealed record PositionView(
    string Member,
    string Name,
    PositionKind Kind,
    string? Condition,
    string? Source,
    Confidence? Confidence,
    string? Note,
    Instant? Effective);

public static class DecisionViews
{
    /// <summary>Builds the view of <paramref name="decision"/> at <paramref name="at"/> over the seats eligible then.</summary>
    public static DecisionView Build(Decision decision, Body body, Instant at, int version)
    {
        var eligible = body.EligibleOn(Zones.BrusselsDate(at));
        var evaluation = decision.Evaluate(eligible, at);
        var positions = eligible.Select(seat => decision.Positions.TryGetValue(seat.Member, out var p)
                ? new PositionView(seat.Member.Value, seat.Name, p.Kind, p.Condition, p.Source, ConfidenceWords.Read(p.Confidence), p.Note, p.Effective)
                : new PositionView(seat.Member.Value, seat.Name, PositionKind.Undeclared, null, null, null, null, null))
            .ToList();
        return new DecisionView(decision.Id.Value, decision.Subject, decision.Body, decision.Rule, decision.Summit, decision.Opened,
            decision.SilenceDeadline, decision.SilenceDeadline is { } d ? Zones.Brussels(d) : null, at, evaluation.Outcome,
            evaluation.Explanation, [.. evaluation.Blocking.Select(m => m.Value)], [.. evaluation.ToAct.Select(m => m.Value)],
            evaluation.WhatItWouldTake, positions, version, "PUBLIC", StatusOf(decision), decision.ConcludedAt, true, decision.ReleasedOutcome,
            decision.ConclusionSource, decision.ConclusionNote);
    }

    /// <summary>Open, concluded or withdrawn.</summary>
    public static DecisionStatus StatusOf(Decision decision) => decision.ConcludedOutcome switch
    {
        null => DecisionStatus.Open,
        Outcome.Withdrawn => DecisionStatus.Withdrawn,
        _ => DecisionStatus.Concluded,
    };
}
