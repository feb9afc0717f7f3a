using Concord.Domain;
using Concord.Domain.Members;
using NodaTime;
using NodaTime.Text;

namespace Concord.Features;

/// <summary>
/// Concord's one input policy (docs/adr/0005-input-policy.md): parses what the API, the forms, the CLI and the importers
/// are given into domain types, naming the field at fault when it cannot. Dates are checked by kind (what happened:
/// 1900-01-01 to today; promises and deadlines: up to 100 years ahead), text by kind (names and identifiers: no control,
/// bidirectional or zero-width characters; free text: no control characters but line breaks and tabs, bidirectional
/// and zero-width characters removed), links by scheme (http and https only). Quantities and amounts are bounded in
/// the domain (<see cref="Quantities"/>), which every path reaches.
/// </summary>
public static partial class Input
{
    private static readonly LocalDateTimePattern MinutePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    /// <summary>
    /// The years Concord records (the alliance's history and its plans). A date far outside them is a typing error, and
    /// one at the edge of the calendar would make every later view of its decision fail to compute. Each kind of date
    /// narrows this further (<see cref="PastDate"/>, <see cref="AheadDate"/>).
    /// </summary>
    public const int FirstYear = 1900, LastYear = 2199;

    /// <summary>How far ahead a promise or a deadline may lie, in years from today.</summary>
    public const int YearsAhead = 100;

    /// <summary>
    /// An instant from ISO text: a full instant ("2024-04-05T09:30:00Z"), a Brussels local date-time
    /// ("2024-04-05T09:30") or a date ("2024-04-05", read as the start of that day in Brussels).
    /// </summary>
    public static Result<Instant> Instant(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return Refusal.Invalid(field, $"'{field}' is required.");
        if (ControlIn(text, field) is { } control) return control;
        var t = text.Trim();
        Instant? parsed =
            InstantPattern.ExtendedIso.Parse(t) is { Success: true } i ? i.Value
            : OffsetDateTimePattern.ExtendedIso.Parse(t) is { Success: true } o ? (InYears(o.Value.Year) ? o.Value.ToInstant() : OutsideYears)
            : LocalDateTimePattern.ExtendedIso.Parse(t) is { Success: true } l ? InBrussels(l.Value)
            : MinutePattern.Parse(t) is { Success: true } m ? InBrussels(m.Value)
            : LocalDatePattern.Iso.Parse(t) is { Success: true } d && InYears(d.Value.Year) ? Zones.StartOf(d.Value)
            : null;
        if (parsed is { } instant && InYears(instant.InUtc().Year)) return instant;
        if (parsed is not null || LocalDatePattern.Iso.Parse(t).Success) return OutOfYears(field, t);
        return Refusal.Invalid(field, $"'{field}' is not a date or instant: '{Clip(t)}'. Use ISO 8601, e.g. 2024-04-05 or 2024-04-05T09:30:00Z.");
    }

    // Stands for a parsed time outside the years: the check after parsing refuses it as such, not as unreadable.
    private static readonly Instant OutsideYears = NodaTime.Instant.MaxValue;

    // A local time is checked for its year before it is put in Brussels: at the end of 9999 that step itself fails.
    private static Instant InBrussels(LocalDateTime local) =>
        InYears(local.Year) ? local.InZoneLeniently(Zones.BrusselsZone).ToInstant() : OutsideYears;

    // NodaTime's parser reads a NUL as the end of the text, so "2024-01-01\0" would parse: a date holds no control character.
    private static Refusal? ControlIn(string text, string field) =>
        text.Any(char.IsControl) ? Refusal.Invalid(field, $"'{field}' holds a control character; a date is plain ISO 8601 text.") : null;

    private static bool InYears(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>True when <paramref name="instant"/> falls in the years Concord accepts anywhere.</summary>
    public static bool IsInYears(Instant instant) => InYears(instant.InUtc().Year);

    /// <summary>True when <paramref name="date"/> falls in the years Concord accepts anywhere.</summary>
    public static bool IsInYears(LocalDate date) => InYears(date.Year);

    private static Refusal OutOfYears(string field, string text) =>
        Refusal.Invalid(field, $"'{field}' must fall between {FirstYear} and {LastYear}; got '{Clip(text)}'.");

    /// <summary>An "as of" bound: a date means the end of that day in Brussels, an instant means itself.</summary>
    public static Result<Instant> AsOf(string text, string field = "asOf")
    {
        if (ControlIn(text, field) is { } control) return control;
        var t = text.Trim();
        if (LocalDatePattern.Iso.Parse(t) is { Success: true } d) return InYears(d.Value.Year) ? Zones.EndOf(d.Value) : OutOfYears(field, t);
        return Instant(t, field);
    }

    /// <summary>A calendar date, YYYY-MM-DD, within the years Concord records.</summary>
    public static Result<LocalDate> Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return Refusal.Invalid(field, $"'{field}' is required.");
        if (ControlIn(text, field) is { } control) return control;
        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        if (!parsed.Success) return Refusal.Invalid(field, $"'{field}' is not a date: '{Clip(Visible(text))}'. Use YYYY-MM-DD.");
        return InYears(parsed.Value.Year) ? parsed.Value : OutOfYears(field, text.Trim());
    }

    /// <summary>
    /// A world date, something that has happened: from 1900-01-01 to <paramref name="today"/> inclusive. A later date
    /// is refused as against the rule that Concord records what has happened (422), a date outside the years as malformed.
    /// </summary>
    public static Result<LocalDate> PastDate(string? text, string field, LocalDate today)
    {
        var d = Date(text, field);
        if (d.Refusal is { } r) return r;
        if (d.Value > today) return Refusal.Unprocessable($"{d.Value:yyyy-MM-dd} is in the future; Concord records what has happened.", field);
        return d.Value;
    }

    /// <summary>A promise or a deadline: from 1900-01-01 to <see cref="YearsAhead"/> years after <paramref name="today"/>.</summary>
    public static Result<LocalDate> AheadDate(string? text, string field, LocalDate today)
    {
        var d = Date(text, field);
        if (d.Refusal is { } r) return r;
        return d.Value > LastAhead(today) ? TooFarAhead(field, today, text!) : d.Value;
    }

    /// <summary>A world instant: up to <paramref name="now"/> (a later one is refused, 422, as not yet happened).</summary>
    public static Result<Instant> PastInstant(string? text, string field, Instant now)
    {
        var i = Instant(text, field);
        if (i.Refusal is { } r) return r;
        if (i.Value > now) return Refusal.Unprocessable($"'{field}' is in the future; Concord records what has happened.", field);
        return i.Value;
    }

    /// <summary>A deadline: an instant up to <see cref="YearsAhead"/> years after <paramref name="now"/> (in Brussels).</summary>
    public static Result<Instant> AheadInstant(string? text, string field, Instant now)
    {
        var i = Instant(text, field);
        if (i.Refusal is { } r) return r;
        var today = Zones.BrusselsDate(now);
        return i.Value > Zones.EndOf(LastAhead(today)) ? TooFarAhead(field, today, text!) : i.Value;
    }

    /// <summary>The last day a promise or deadline set today may fall on.</summary>
    public static LocalDate LastAhead(LocalDate today) => today.PlusYears(YearsAhead);

    private static Refusal TooFarAhead(string field, LocalDate today, string text) =>
        Refusal.Invalid(field, $"'{field}' may lie at most {YearsAhead} years ahead, until {LastAhead(today):yyyy-MM-dd}; got '{Clip(text.Trim())}'.");

    public static Result<MemberCode> Member(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return Refusal.Invalid(field, $"'{field}' is required.");
        return MemberCode.TryParse(text) is { } code ? code
            : Refusal.Invalid(field, $"'{field}' must be an ISO 3166-1 alpha-3 code such as TUR; got '{Clip(Visible(text))}'.");
    }

    public static Result<TEnum> Enum<TEnum>(string? text, string field) where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return Refusal.Invalid(field, $"'{field}' is required.");
        var normalized = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (!normalized.All(char.IsAsciiLetter) || !System.Enum.TryParse<TEnum>(normalized, ignoreCase: true, out var value))
            return Refusal.Invalid(field, $"'{field}' must be one of {string.Join(", ", System.Enum.GetNames<TEnum>().Select(Camel))}; got '{Clip(Visible(text))}'.");
        return value;
    }

    /// <summary>
    /// A fact's confidence, one word of the vocabulary (docs/confidence.md), stored as its camelCase word; blank is
    /// unlabelled (null). Anything else is refused, naming the words allowed: a headline is hedged by these levels, so
    /// free text here would leave it unable to say how strong it is.
    /// </summary>
    public static Result<string?> Confidence(string? text, string field = "confidence")
    {
        if (string.IsNullOrWhiteSpace(text)) return new Result<string?>(null, null);
        if (ConfidenceWords.Read(text) is { } level) return new Result<string?>(Words.Of(level), null);
        return Refusal.Invalid(field, $"'{field}' must be one of {string.Join(", ", System.Enum.GetValues<Domain.Confidence>().Select(Words.Of))}, or blank when not known; got '{Clip(Visible(text))}'.");
    }

    public static string Camel(string name) => Words.Camel(name);

    internal static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
