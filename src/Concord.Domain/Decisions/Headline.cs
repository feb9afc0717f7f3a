using Concord.Domain.Rules;

namespace Concord.Domain.Decisions;

/// <summary>One fact a headline rests on: a member's position as recorded, with how it is known.</summary>
/// <param name="Name">The member's name as a sentence uses it ("Germany", "United States").</param>
/// <param name="Confidence">The stored confidence text; anything outside the vocabulary reads as unlabelled.</param>
/// <param name="Condition">What qualifies the position: a reservation's condition, or how the source puts it ("sceptical").</param>
public sealed record HeadlineFact(string Code, string Name, PositionKind Kind, string? Confidence, string? Condition);

/// <summary>
/// Headlines as strong as the weakest fact they rest on (docs/confidence.md). An outcome resting only on official facts
/// is said plainly; otherwise it says how it is known ("Blocked, as reported: ...") and, for a blocked decision, who blocks
/// with each one's own confidence and condition. A pending outcome names those who have not acted, which are no facts, so
/// it is never hedged.
/// </summary>
public static class Headline
{
    /// <summary>Country names that take the article in running text.</summary>
    private static readonly HashSet<string> WithThe = new(StringComparer.Ordinal)
    {
        "United States", "United Kingdom", "Netherlands", "Czech Republic", "Republic of North Macedonia", "Holy See",
    };

    /// <summary>"the United States", "Germany".</summary>
    public static string InSentence(string name) => WithThe.Contains(name) ? "the " + name : name;

    /// <summary>How a headline resting on facts of <paramref name="weakest"/> confidence says so; empty for official facts.</summary>
    public static string Hedge(Confidence? weakest) => weakest switch
    {
        Confidence.Official => "",
        Confidence.Reported => "as reported",
        Confidence.Derived => "as derived",
        Confidence.Inferred => "as inferred",
        Confidence.Approximate => "approximately",
        Confidence.Claimed => "as claimed",
        _ => "unconfirmed",
    };

    /// <summary>A fact's own label: "reported", "claimed", or "unlabelled" when its confidence names none of the vocabulary.</summary>
    public static string Word(string? confidence) => ConfidenceWords.Read(confidence) is { } level ? Words.Of(level) : "unlabelled";

    /// <summary>The weakest confidence among <paramref name="facts"/>; null (unlabelled) when any is unlabelled.</summary>
    public static Confidence? Weakest(IEnumerable<HeadlineFact> facts) => ConfidenceWords.Weakest(facts.Select(f => ConfidenceWords.Read(f.Confidence)));

    /// <summary>True when every fact is official: the headline is said as the rule words it.</summary>
    public static bool AllOfficial(IReadOnlyCollection<HeadlineFact> facts) => facts.Count == 0 || Weakest(facts) == Confidence.Official;

    /// <summary>
    /// "Blocked, as reported: Germany and the United States (reported), Hungary and Slovakia (reported as sceptical)." Each
    /// group shares a label (its confidence, and its kind and condition where they qualify it), in the order of its first
    /// member's code; names within a group in code order. Null when every blocker's position is official.
    /// </summary>
    public static string? Blocked(IReadOnlyList<HeadlineFact> blockers)
    {
        if (AllOfficial(blockers)) return null;
        var groups = blockers.OrderBy(f => f.Code, StringComparer.Ordinal).GroupBy(Label)
            .Select(g => $"{Phrases.And([.. g.Select(f => InSentence(f.Name))])} ({g.Key})");
        return $"Blocked, {Hedge(Weakest(blockers))}: {string.Join(", ", groups)}.";
    }

    /// <summary>
    /// The rule's sentence "Adopted: no Ally objects." hedged by <paramref name="facts"/>: "Adopted, as claimed: no Ally
    /// objects."; unchanged when every fact is official.
    /// </summary>
    public static string Hedged(string explanation, IReadOnlyCollection<HeadlineFact> facts)
    {
        if (AllOfficial(facts)) return explanation;
        var colon = explanation.IndexOf(": ", StringComparison.Ordinal);
        var hedge = Hedge(Weakest(facts));
        return colon < 0 ? $"{explanation.TrimEnd('.')}, {hedge}." : $"{explanation[..colon]}, {hedge}{explanation[colon..]}";
    }

    /// <summary>The headline of an evaluation over <paramref name="facts"/> (every eligible member's recorded position).</summary>
    public static string For(Evaluation evaluation, IReadOnlyDictionary<string, HeadlineFact> facts)
    {
        if (evaluation.Outcome == Outcome.Pending) return evaluation.Explanation;
        if (evaluation.Outcome == Outcome.Blocked && evaluation.Blocking.Count > 0)
            return Blocked([.. evaluation.Blocking.Select(m => facts.TryGetValue(m.Value, out var f) ? f : new HeadlineFact(m.Value, m.Value, PositionKind.Undeclared, null, null))])
                ?? evaluation.Explanation;
        return Hedged(evaluation.Explanation, [.. facts.Values.Where(f => f.Kind != PositionKind.Undeclared)]);
    }

    private static string Label(HeadlineFact f)
    {
        var word = Word(f.Confidence);
        var condition = string.IsNullOrWhiteSpace(f.Condition) ? null : f.Condition.Trim();
        return f.Kind switch
        {
            PositionKind.Object => condition is null ? word : $"{word} as {condition}",
            _ => condition is null ? $"{word}, {Words.Of(f.Kind)}" : $"{word}, {Words.Of(f.Kind)}: {condition}",
        };
    }
}
