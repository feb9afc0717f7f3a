using System.Globalization;
using System.Text;
using Concord.Domain;

namespace Concord.Features;

public static partial class Input
{
    /// <summary>
    /// Free text (notes, reasons, conditions, sources), trimmed; refused when longer than <paramref name="max"/> characters
    /// or when it holds a control character other than a line break or a tab (a BEL or a NUL is never meant). Line breaks
    /// are kept as "\n". Bidirectional controls and zero-width characters are removed: they are invisible and can make
    /// the text shown read differently from the text stored.
    /// </summary>
    public static Result<string?> Text(string? text, string field, int max, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text))
            return required ? Refusal.Invalid(field, $"'{field}' is required.") : new Result<string?>(null, null);
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var bad = normalized.IndexOf(c => char.IsControl(c) && c is not ('\n' or '\t'));
        if (bad >= 0)
            return Refusal.Invalid(field, $"'{field}' holds the control character {Code(normalized[bad])}; only line breaks and tabs are accepted in text.");
        var t = StripInvisible(normalized).Trim();
        if (t.Length == 0) return required ? Refusal.Invalid(field, $"'{field}' is required.") : new Result<string?>(null, null);
        return t.Length <= max ? t : Refusal.Invalid(field, $"'{field}' is {t.Length} characters long; at most {max} are accepted.");
    }

    /// <summary>
    /// A name or an identifier (a subject, a display name, an item, a unit, a candidate's name): one line of visible
    /// characters. Control, bidirectional and zero-width characters are refused, not removed: a name is matched and
    /// shown as given, and one that reads differently from what it holds would let two names look alike.
    /// </summary>
    public static Result<string?> Name(string? text, string field, int max, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text))
            return required ? Refusal.Invalid(field, $"'{field}' is required.") : new Result<string?>(null, null);
        var t = text.Trim();
        var bad = t.IndexOf(IsHiddenInName);
        if (bad >= 0)
            return Refusal.Invalid(field, $"'{field}' holds the invisible or control character {Code(t[bad])}; a name is one line of visible characters.");
        return t.Length <= max ? t : Refusal.Invalid(field, $"'{field}' is {t.Length} characters long; at most {max} are accepted.");
    }

    /// <summary>
    /// An identifier made of ASCII letters, digits, '-', '_' and '.', at most <paramref name="max"/> characters, not a
    /// path ("..", "/", "\" are refused by the alphabet and the dots rule): it becomes part of a stream id and a URL.
    /// </summary>
    public static Result<string> Identifier(string? text, string field, int max)
    {
        var t = text?.Trim() ?? "";
        if (t.Length == 0) return Refusal.Invalid(field, $"'{field}' is required.");
        if (t.Length > max || !t.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || t.Contains("..", StringComparison.Ordinal) || t[0] == '.')
            return Refusal.Invalid(field, $"'{field}' must be ASCII letters, digits, '-', '_' or '.' (at most {max}, no '..'); got '{Clip(Visible(t))}'.");
        return t;
    }

    /// <summary>
    /// A source: free text (source ids such as "S15;S01", a publication's name) or a link. Text that starts like a URL
    /// ("scheme:...") must be an http or https one: a <c>javascript:</c> or <c>data:</c> link would run or show something
    /// else where it is rendered.
    /// </summary>
    public static Result<string?> Source(string? text, string field, int max)
    {
        var t = Text(text, field, max);
        if (t.Refusal is not null || t.Value is null) return t;
        if (SchemeOf(t.Value) is { } scheme && scheme is not ("http" or "https"))
            return Refusal.Invalid(field, $"'{field}' links with '{scheme}:'; only http and https links are accepted.");
        return t;
    }

    /// <summary>True when <paramref name="text"/> is an absolute http or https link (the only links pages render as links).</summary>
    public static bool IsWebLink(string? text) =>
        text is not null && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && !text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));

    /// <summary>The scheme a text starts with when it reads as a URL ("javascript:..."), lower-case; null when it does not.</summary>
    private static string? SchemeOf(string text)
    {
        // Browsers ignore tabs, line breaks and leading spaces in a URL, so "java\tscript:" is a scheme too.
        var squeezed = new string([.. text.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]);
        var colon = squeezed.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return null;
        var scheme = squeezed[..colon];
        if (!char.IsAsciiLetter(scheme[0]) || !scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return null;
        // "Reuters: 12 May" is a label, not a link: a scheme is followed by "//" or is one browsers act on.
        var rest = squeezed[(colon + 1)..];
        return rest.StartsWith("//", StringComparison.Ordinal) || scheme.ToLowerInvariant() is "javascript" or "data" or "vbscript" or "file" or "blob"
            ? scheme.ToLowerInvariant() : null;
    }

    /// <summary>Characters never shown and able to reorder or hide text: U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+061C, U+FEFF.</summary>
    public static bool IsInvisible(char c) => c is (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u061C' or '\uFEFF';

    private static bool IsHiddenInName(char c) =>
        char.IsControl(c) || IsInvisible(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static string StripInvisible(string text) => text.Any(IsInvisible) ? new string([.. text.Where(c => !IsInvisible(c))]) : text;

    /// <summary>Text as it may be echoed in a refusal: invisible and control characters written as their code point.</summary>
    internal static string Visible(string text)
    {
        if (!text.Any(IsHiddenInName)) return text;
        var sb = new StringBuilder();
        foreach (var c in text) sb.Append(IsHiddenInName(c) ? Code(c) : c.ToString());
        return sb.ToString();
    }

    private static string Code(char c) => $"U+{(int)c:X4}";

    private static int IndexOf(this string text, Func<char, bool> match)
    {
        for (var i = 0; i < text.Length; i++) if (match(text[i])) return i;
        return -1;
    }
}
