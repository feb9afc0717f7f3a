namespace Concord.Domain.Decisions;

/// <summary>
/// A decision's identifier: a readable slug of lower-case letters, digits and dashes, 3 to 80 characters
/// (e.g. <c>invite-ukraine-washington-2024</c>), used unchanged in routes and the CLI.
/// </summary>
public readonly record struct DecisionId
{
    private DecisionId(string value) => Value = value;

    public string Value { get; }

    public static DecisionId? TryParse(string? text)
    {
        if (text is null || text.Length is < 3 or > 80) return null;
        if (!text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')) return null;
        if (text[0] == '-' || text[^1] == '-') return null;
        return new DecisionId(text);
    }

    public static DecisionId Parse(string text) =>
        TryParse(text) ?? throw new ArgumentException($"'{text}' is not a decision id.", nameof(text));

    /// <summary>Makes an id from a subject: its first words as a slug, plus a short suffix for uniqueness.</summary>
    public static DecisionId FromSubject(string subject, string suffix)
    {
        var words = new string(subject.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6);
        var slug = string.Join('-', words);
        if (slug.Length > 60) slug = slug[..60].TrimEnd('-');
        return Parse(slug.Length == 0 ? $"decision-{suffix}" : $"{slug}-{suffix}");
    }

    public override string ToString() => Value ?? "";
}
