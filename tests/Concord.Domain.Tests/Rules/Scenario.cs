using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Xunit;

namespace Concord.Domain.Tests.Rules;

/// <summary>Builds rule inputs, applies position changes, and checks that what it would take is minimal.</summary>
internal static class Scenario
{
    /// <summary>
    /// Every seat holds <paramref name="everyone"/>, except the members named in each override
    /// (space-separated codes) who hold that override's position.
    /// </summary>
    public static RuleInput Input(
        IReadOnlyList<Seat> seats, PositionKind everyone, params (string Codes, PositionKind Kind)[] overrides)
    {
        var positions = seats.ToDictionary(s => s.Member, _ => everyone);
        foreach (var (codes, kind) in overrides)
        foreach (var code in Split(codes))
            positions[Seats.Code(code)] = kind;
        return new RuleInput(seats, positions);
    }

    public static IReadOnlyList<MemberCode> Codes(string codes) => Split(codes).Select(Seats.Code).ToList();

    /// <summary>The input after <paramref name="changes"/>: each named member moves to its new position.</summary>
    public static RuleInput Apply(RuleInput input, IEnumerable<PositionChange> changes)
    {
        var positions = new Dictionary<MemberCode, PositionKind>(input.Positions);
        foreach (var change in changes) positions[change.Member] = change.To;
        return input with { Positions = positions };
    }

    /// <summary>
    /// Whether the rule adopts after the changes. The deadline is taken as passed, so that under the silence procedure
    /// silence does the rest; every other rule ignores it.
    /// </summary>
    public static bool AdoptsAfter(IDecisionRule rule, RuleInput input, IEnumerable<PositionChange> changes) =>
        rule.Evaluate(Apply(input, changes) with { SilenceDeadlinePassed = true }).Outcome.IsAdopted();

    /// <summary>What it would take adopts the decision, and leaving out any one of its changes does not.</summary>
    public static void AssertMinimal(IDecisionRule rule, RuleInput input)
    {
        var changes = rule.Evaluate(input).WhatItWouldTake;
        Assert.True(AdoptsAfter(rule, input, changes), "applying what it would take should adopt");
        foreach (var change in changes)
            Assert.False(AdoptsAfter(rule, input, changes.Where(c => c != change)), $"{change.Member} should be needed");
    }

    public static IReadOnlyList<MemberCode> Members(this IEnumerable<PositionChange> changes) =>
        changes.Select(c => c.Member).ToList();

    private static string[] Split(string codes) => codes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
