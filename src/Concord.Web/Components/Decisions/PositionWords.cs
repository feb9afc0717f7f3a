using Concord.Domain.Decisions;
using Concord.Domain.Rules;
using MudBlazor;

namespace Concord.Web.Components.Decisions;

/// <summary>How a position is shown: a word, an icon and a colour class, so colour is never the only signal.</summary>
/// <param name="Word">The word on the badge, e.g. "Objects".</param>
/// <param name="Verb">What the Ally does, for titles: "objects", "holds a reservation".</param>
/// <param name="Icon">A Material icon.</param>
/// <param name="Css">The colour class, <c>pos-object</c>; app.css gives it a colour and the map a pattern.</param>
public sealed record PositionLook(string Word, string Verb, string Icon, string Css);

public static class PositionWords
{
    public static PositionLook For(PositionKind kind) => kind switch
    {
        PositionKind.Concur => new("Concurs", "concurs", Icons.Material.Filled.CheckCircle, "pos-concur"),
        PositionKind.AdReferendum => new("Ad referendum", "agrees ad referendum, pending its capital", Icons.Material.Filled.HourglassTop, "pos-adreferendum"),
        PositionKind.Reservation => new("Reservation", "holds a reservation", Icons.Material.Filled.PauseCircle, "pos-reservation"),
        PositionKind.Footnote => new("Footnote", "concurs with a footnote", Icons.Material.Filled.StickyNote2, "pos-footnote"),
        PositionKind.NonParticipation => new("Not participating", "does not participate", Icons.Material.Filled.RemoveCircleOutline, "pos-nonparticipation"),
        PositionKind.Object => new("Objects", "objects", Icons.Material.Filled.Block, "pos-object"),
        PositionKind.Abstain => new("Abstains", "abstains", Icons.Material.Filled.RadioButtonUnchecked, "pos-abstain"),
        PositionKind.ConstructiveAbstention => new("Constructive abstention", "abstains constructively", Icons.Material.Filled.TripOrigin, "pos-abstain"),
        PositionKind.Against => new("Against", "votes against", Icons.Material.Filled.ThumbDown, "pos-object"),
        _ => new("Undeclared", "has not declared", Icons.Material.Filled.HelpOutline, "pos-undeclared"),
    };

    /// <summary>
    /// The positions the form offers under a rule: exactly those the rule lets a member record
    /// (<see cref="DecisionRules.Recordable"/>). Undeclared comes last, since taking a position back is the rare case.
    /// </summary>
    public static IReadOnlyList<PositionKind> Recordable(RuleKind rule) =>
        [.. DecisionRules.Recordable(rule).OrderBy(k => k == PositionKind.Undeclared)];
}
