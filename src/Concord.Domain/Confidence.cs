namespace Concord.Domain;

/// <summary>
/// How a fact is known (docs/confidence.md). One vocabulary for every fact Concord records, so that a headline can be
/// no stronger than the weakest fact it rests on. Ordered from strongest to weakest as evidence of the fact itself.
/// </summary>
public enum Confidence
{
    /// <summary>The state or NATO said so: a gazette, a law's date, a parliamentary record, an official release.</summary>
    Official,
    /// <summary>A press report of the event, naming its date.</summary>
    Reported,
    /// <summary>Computed from a relative reference in a dated report ("on Monday") or from another fact.</summary>
    Derived,
    /// <summary>Forced by treaty logic (a protocol in force means every Party had deposited by then).</summary>
    Inferred,
    /// <summary>Only a month or a period is known.</summary>
    Approximate,
    /// <summary>A named third party's claim about the actor, not confirmed by the actor itself.</summary>
    Claimed,
}

public static class ConfidenceWords
{
    /// <summary>
    /// The confidence a stored text names, or null when it names none of the vocabulary (facts recorded before the
    /// vocabulary was fixed, e.g. "reported as sceptical"): such a fact reads as unlabelled, never as a guessed level.
    /// </summary>
    public static Confidence? Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        return System.Enum.TryParse<Confidence>(t, ignoreCase: true, out var c) && t.All(char.IsAsciiLetter) ? c : null;
    }

    /// <summary>The weakest of <paramref name="levels"/>: a sentence resting on several facts is as strong as this one.</summary>
    public static Confidence? Weakest(IEnumerable<Confidence?> levels)
    {
        Confidence? weakest = null;
        foreach (var level in levels)
        {
            if (level is null) return null;
            if (weakest is null || level > weakest) weakest = level;
        }
        return weakest;
    }
}
