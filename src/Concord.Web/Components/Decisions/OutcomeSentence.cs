using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Features.Decisions;

namespace Concord.Web.Components.Decisions;

/// <summary>
/// A decision's outcome in one sentence that names the Allies in words, as a reader would say it:
/// "Blocked: Germany, Hungary, Slovakia and the United States object." It is as strong as the weakest position it rests
/// on (<see cref="Headline"/>): "Blocked, as reported: Germany and the United States (reported), Hungary and Slovakia
/// (reported as sceptical)."
/// </summary>
public static class OutcomeSentence
{
    /// <summary>At most this many Allies still to act are named; more are counted.</summary>
    public const int NamedToAct = 5;

    /// <summary>At most this many Allies whose change would adopt the decision are named; more are counted.</summary>
    public const int NamedChanges = 8;

    public static string For(DecisionView view)
    {
        if (view.Outcome == Outcome.Withheld)
            return view.ReleasedOutcome is { } statement ? $"Released outcome: {statement}" : Features.Access.Visibility.NotReleased;
        var noun = view.Body == Body.Nato ? ("Ally", "Allies") : ("member", "members");
        var byCode = view.Positions.ToDictionary(p => p.Member, StringComparer.Ordinal);
        string NameOf(string code) => byCode.TryGetValue(code, out var p) ? p.Name : code;
        return view.Outcome switch
        {
            Outcome.Blocked => Blocked(view, byCode, NameOf),
            Outcome.Pending => Pending(view, noun, NameOf),
            Outcome.Adopted => Headline.Hedged($"Adopted: no {noun.Item1} objects.", Stated(view)),
            Outcome.AdoptedWithFootnotes => Headline.Hedged(Footnotes(view), Stated(view)),
            Outcome.AdoptedUnderSilence => $"Adopted under silence: no {noun.Item1} broke silence before the deadline"
                + (view.SilenceDeadlineBrussels is { } d ? $" ({d})." : "."),
            Outcome.Lapsed => $"Lapsed: closed without consensus{On(view.Closed)}."
                + (view.Blocking.Count > 0 && view.PositionsShown ? " " + Blocked(view, byCode, NameOf) : ""),
            Outcome.Withdrawn => "Withdrawn by the secretariat.",
            _ => view.Explanation,
        };
    }

    /// <summary>
    /// Whether the rule's explanation says nothing the outcome sentence above it has not said (a closed decision's
    /// "Closed without consensus on ..." under "Lapsed: closed without consensus on ..."): the room then shows it once.
    /// </summary>
    public static bool Repeats(string sentence, string? explanation) =>
        string.IsNullOrWhiteSpace(explanation) || sentence.Contains(explanation.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>What would adopt the decision, in words: "4 changes: Germany, Hungary, Slovakia and the United States would have to concur."</summary>
    public static string WhatItWouldTake(DecisionView view, IReadOnlyDictionary<string, string> names)
    {
        if (view.Outcome.IsAdopted()) return "Nothing: it is adopted.";
        if (view.Outcome is Outcome.Lapsed or Outcome.Withdrawn) return "Nothing can: the decision is closed.";
        if (!view.PositionsShown) return Features.Access.Visibility.PositionsNotShown;
        var changes = view.WhatItWouldTake;
        if (changes.Count == 0)
            return view.SilenceDeadline is not null && view.Outcome == Outcome.Pending
                ? "Nothing more: it is adopted at the deadline unless an Ally breaks silence."
                : "No change of positions would adopt it under its rule.";
        string NameOf(string code) => names.TryGetValue(code, out var n) ? n : code;
        var noun = view.Body == Body.Nato ? "Allies" : "members";
        var who = changes.Count <= NamedChanges ? Names(changes.Select(c => NameOf(c.Member.Value))) : $"{changes.Count} {noun}";
        var count = changes.Count == 1 ? "1 change" : $"{changes.Count} changes";
        return $"{count}: {who} would have to {(changes.All(c => c.To == PositionKind.Concur) ? "concur" : "change position")}.";
    }

    /// <summary>"Germany, Hungary and the United States": sorted by name, with articles, joined with "and".</summary>
    public static string Names(IEnumerable<string> names) => Join(names.Order(StringComparer.Ordinal).Select(InSentence).ToList());

    /// <summary>"the United States", "Germany".</summary>
    public static string InSentence(string name) => Headline.InSentence(name);

    /// <summary>Every recorded position, as a headline weighs it.</summary>
    private static List<HeadlineFact> Stated(DecisionView view) =>
        [.. view.Positions.Where(p => p.Kind != PositionKind.Undeclared).Select(Fact)];

    private static HeadlineFact Fact(PositionView p) =>
        new(p.Member, p.Name, p.Kind, p.Confidence is { } level ? Domain.Words.Of(level) : null, p.Condition);

    private static string On(NodaTime.Instant? closed) => closed is { } at ? $" on {Domain.Zones.BrusselsDate(at):yyyy-MM-dd}" : "";

    /// <summary>Joins with commas and a final "and".</summary>
    public static string Join(IReadOnlyList<string> parts) => parts.Count switch
    {
        0 => "",
        1 => parts[0],
        _ => $"{string.Join(", ", parts.Take(parts.Count - 1))} and {parts[^1]}",
    };

    private static string Blocked(DecisionView view, Dictionary<string, PositionView> byCode, Func<string, string> nameOf)
    {
        if (view.Blocking.Count == 0) return $"Blocked: {view.Explanation}";
        var hedged = Headline.Blocked([.. view.Blocking.Select(code => byCode.TryGetValue(code, out var p) ? Fact(p)
            : new HeadlineFact(code, nameOf(code), PositionKind.Undeclared, null, null))]);
        if (hedged is not null) return hedged;
        var clauses = view.Blocking
            .GroupBy(code => byCode.TryGetValue(code, out var p) ? p.Kind : PositionKind.Undeclared)
            .OrderBy(g => Rank(g.Key))
            .Select(g => $"{Names(g.Select(nameOf))} {Verb(g.Key, g.Count())}")
            .ToList();
        return $"Blocked: {string.Join("; ", clauses)}.";
    }

    private static string Pending(DecisionView view, (string One, string Many) noun, Func<string, string> nameOf)
    {
        // Under silence an Ally that says nothing is deemed to agree at the deadline: nobody has still to act.
        if (view.SilenceDeadlineBrussels is { } deadline)
            return $"Pending: under silence until {deadline}; no {noun.One} has broken silence.";
        var count = view.ToAct.Count;
        if (count == 0) return $"Pending: {view.Explanation}";
        var who = count == 1 ? $"1 {noun.One} has" : $"{count} {noun.Many} have";
        return count <= NamedToAct
            ? $"Pending: {who} still to act: {Names(view.ToAct.Select(nameOf))}."
            : $"Pending: {who} still to act.";
    }

    private static string Footnotes(DecisionView view)
    {
        var dissent = view.Positions.Where(p => p.Kind == PositionKind.Footnote).Select(p => p.Name).ToList();
        return dissent.Count == 0
            ? "Adopted with footnotes."
            : $"Adopted with footnotes: {Names(dissent)} {(dissent.Count == 1 ? "dissociates" : "dissociate")} in {(dissent.Count == 1 ? "a footnote" : "footnotes")}.";
    }

    private static int Rank(PositionKind kind) => kind switch
    {
        PositionKind.Object => 0, PositionKind.Against => 1, PositionKind.Reservation => 2, PositionKind.Abstain => 3, _ => 4,
    };

    private static string Verb(PositionKind kind, int count)
    {
        var one = count == 1;
        return kind switch
        {
            PositionKind.Object => one ? "objects" : "object",
            PositionKind.Against => one ? "votes against" : "vote against",
            PositionKind.Reservation => one ? "holds a reservation" : "hold reservations",
            PositionKind.Abstain => one ? "abstains" : "abstain",
            PositionKind.AdReferendum => one ? "awaits its capital" : "await their capitals",
            PositionKind.Undeclared => one ? "has not declared" : "have not declared",
            _ => one ? "prevents adoption" : "prevent adoption",
        };
    }
}
