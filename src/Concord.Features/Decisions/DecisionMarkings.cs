using Concord.Domain;

namespace Concord.Features.Decisions;

/// <summary>
/// How decisions and positions are marked: a decision is NATO UNCLASSIFIED unless the secretariat marks it otherwise;
/// a position carries its decision's marking unless its delegation marks it higher, never lower.
/// </summary>
public static class DecisionMarkings
{
    /// <summary>The marking of a decision opened without one.</summary>
    public static readonly Classification DecisionDefault = Classification.Unclassified;

    /// <summary>A marking from the user's words ("NATO RESTRICTED REL UKR", "restricted", "PUBLIC"); null text gives null.</summary>
    public static Result<Classification?> Parse(string? text, string field)
    {
        if (text is null) return new Result<Classification?>(null, null);
        return Classification.Parse(text) is { } parsed ? parsed
            : Refusal.Invalid(field, $"'{field}' must be a marking: PUBLIC, NATO UNCLASSIFIED, NATO RESTRICTED, NATO CONFIDENTIAL or NATO SECRET, "
                + $"optionally followed by REL and the non-members it is released to (e.g. NATO RESTRICTED REL UKR); got '{Clip(text)}'.");
    }

    /// <summary>
    /// A position is marked at least as high as its decision: a marking no lower, released to no non-member the decision
    /// is not released to. Any marking goes on a PUBLIC decision. Null when <paramref name="position"/> may stand.
    /// </summary>
    public static Refusal? RefusePosition(Classification position, Classification decision)
    {
        if (decision.IsPublic) return null;
        if (position.Marking < decision.Marking)
            return Refusal.Unprocessable($"A position on a {decision} decision cannot be marked {position}: a position is marked at least as high as its decision.",
                "classification");
        var wider = position.ReleasableTo.Except(decision.ReleasableTo).Select(c => c.Value).ToList();
        return wider.Count == 0 ? null
            : Refusal.Unprocessable($"A position on a {decision} decision cannot be released to {string.Join(", ", wider)}: the decision is not.", "classification");
    }

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
