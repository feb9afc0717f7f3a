using NodaTime;
using NodaTime.Text;

namespace Concord.Domain.Sources;

/// <summary>What kind of document a source is (docs/sources.md).</summary>
public enum SourceKind
{
    /// <summary>A document of a state, a parliament, NATO or another body.</summary>
    Official,
    /// <summary>A press report.</summary>
    Press,
    /// <summary>A named party's claim, as published.</summary>
    Claim,
    /// <summary>Research, a think tank, an encyclopaedia.</summary>
    Analysis,
}

/// <summary>
/// A document registered as evidence: one record per document. <see cref="AliasOf"/> names the older id the document was
/// split from (a citation of that id cites every document split from it). <see cref="Published"/> is <c>YYYY-MM-DD</c>,
/// <c>YYYY-MM</c> when the page gave only a month, or null when it gave none.
/// </summary>
public sealed record SourceRegistered(
    string Id, string? AliasOf, SourceKind Kind, string Publisher, string Title, string? Published, string? Url, string? Language, string? ArchivedUrl);

public static class SourceIds
{
    public const int MaxLength = 80;

    /// <summary>
    /// True when <paramref name="text"/> is shaped like a source id: letters, digits, '.', '_', '-', starting with a letter
    /// or digit, and holding at least one digit. The digit keeps a one-word citation ("Reuters") free text, not a missing id.
    /// </summary>
    public static bool IsId(string? text) =>
        !string.IsNullOrEmpty(text) && text.Length <= MaxLength && char.IsAsciiLetterOrDigit(text[0]) && text.Any(char.IsAsciiDigit)
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}

/// <summary>When a source's text became public, as a day Concord can compare with (docs/sources.md).</summary>
public static class Publication
{
    private static readonly LocalDatePattern Day = LocalDatePattern.Iso;
    private static readonly YearMonthPattern Month = YearMonthPattern.Iso;

    /// <summary>True when <paramref name="text"/> is a day (YYYY-MM-DD) or a month (YYYY-MM).</summary>
    public static bool IsValid(string text) =>
        // Digits and dashes first: the parser reads a NUL as the end of the text, so "2024-01-01\0" would pass.
        text.All(c => char.IsAsciiDigit(c) || c == '-') && (Day.Parse(text).Success || (text.Length == 7 && Month.Parse(text).Success));

    /// <summary>
    /// The first day on which the text is certainly public: its day, or the last day of its month when only the month is
    /// known (it may have come out on any day of that month); null when the date is not known.
    /// </summary>
    public static LocalDate? KnownFrom(string? published)
    {
        if (string.IsNullOrEmpty(published) || !IsValid(published)) return null;
        if (Day.Parse(published) is { Success: true } day) return day.Value;
        if (published.Length == 7 && Month.Parse(published) is { Success: true } month) return month.Value.OnDayOfMonth(month.Value.Calendar.GetDaysInMonth(month.Value.Year, month.Value.Month));
        return null;
    }
}

/// <summary>
/// What a fact's <c>source</c> field cites: source ids separated by ';'. A part holding a space or "://" is a free-text
/// citation (an unregistered source), never taken for an id; the rest are ids (<see cref="SourceIds.IsId"/>), which must be
/// registered.
/// </summary>
public sealed record Citation(string Text, bool IsId)
{
    public static IReadOnlyList<Citation> Parse(string? source)
    {
        if (string.IsNullOrWhiteSpace(source)) return [];
        var parts = source.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // A citation written in prose ("Reuters, 12 May; AP") is one free-text citation, not several half-ids.
        if (parts.Any(p => !SourceIds.IsId(p))) return [new Citation(source.Trim(), false)];
        return [.. parts.Distinct(StringComparer.Ordinal).Select(p => new Citation(p, true))];
    }
}
