namespace Concord.Domain.Members;

/// <summary>
/// A member state's ISO 3166-1 alpha-3 code (e.g. <c>TUR</c>, <c>USA</c>). Always three upper-case ASCII letters.
/// </summary>
public readonly record struct MemberCode
{
    private MemberCode(string value) => Value = value;

    /// <summary>The three upper-case letters.</summary>
    public string Value { get; }

    /// <summary>Parses a code, accepting lower case; returns null when the text is not three ASCII letters.</summary>
    public static MemberCode? TryParse(string? text)
    {
        if (text is null) return null;
        var trimmed = text.Trim();
        if (trimmed.Length != 3 || !trimmed.All(char.IsAsciiLetter)) return null;
        return new MemberCode(trimmed.ToUpperInvariant());
    }

    /// <summary>Parses a code or throws <see cref="ArgumentException"/>: for trusted input (data packs, tests).</summary>
    public static MemberCode Parse(string text) =>
        TryParse(text) ?? throw new ArgumentException($"'{text}' is not an ISO 3166-1 alpha-3 code.", nameof(text));

    public override string ToString() => Value ?? "";
}
