using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>A decision as an analyst reads it: the outcome under its rule, who blocks, who is still to act, what it would take.</summary>
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
    int Version);

/// <summary>One eligible member's position; members that said nothing are listed as undeclared.</summary>
public sealed record PositionView(
    string Member,
    string Name,
    PositionKind Kind,
    string? Condition,
    string? Source,
    string? Confidence,
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
                ? new PositionView(seat.Member.Value, seat.Name, p.Kind, p.Condition, p.Source, p.Confidence, p.Note, p.Effective)
                : new PositionView(seat.Member.Value, seat.Name, PositionKind.Undeclared, null, null, null, null, null))
            .ToList();
        return new DecisionView(decision.Id.Value, decision.Subject, decision.Body, decision.Rule, decision.Summit, decision.Opened,
            decision.SilenceDeadline, decision.SilenceDeadline is { } d ? Zones.Brussels(d) : null, at, evaluation.Outcome,
            evaluation.Explanation, [.. evaluation.Blocking.Select(m => m.Value)], [.. evaluation.ToAct.Select(m => m.Value)],
            evaluation.WhatItWouldTake, positions, version);
    }
}
