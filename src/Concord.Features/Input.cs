using Concord.Domain;
using Concord.Domain.Members;
using NodaTime;
using NodaTime.Text;

namespace Concord.Features;

/// <summary>Parses user input into domain types, naming the field at fault when it cannot.</summary>
public static class Input
{
    private static readonly LocalDateTimePattern MinutePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    /// <summary>
    /// An instant from ISO text: a full instant ("2024-04-05T09:30:00Z"), a Brussels local date-time
    /// ("2024-04-05T09:30") or a date ("2024-04-05", read as the start of that day in Brussels).
    /// </summary>
    /// <summary>
    /// The years Concord records (the alliance's history and its plans). A date far outside them is a typing error, and
    /// one at the edge of the calendar would make every later view of its decision fail to compute.
    /// </summary>
    public const int FirstYear = 1900, LastYear = 2199;

    public static Result<Instant> Instant(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return Refusal.Invalid(field, $"'{field}' is required.");
        var t = text.Trim();
        Instant? parsed =
            InstantPattern.ExtendedIso.Parse(t) is { Success: true } i ? i.Value
            : OffsetDateTimePattern.ExtendedIso.Parse(t) is { Success: true } o ? o.Value.ToInstant()
            : LocalDateTimePattern.ExtendedIso.Parse(t) is { Success: true } l ? l.Value.InZoneLeniently(Zones.BrusselsZone).ToInstant()
            : MinutePattern.Parse(t) is { Success: true } m ? m.Value.InZoneLeniently(Zones.BrusselsZone).ToInstant()
            : LocalDatePattern.Iso.Parse(t) is { Success: true } d && InYears(d.Value.Year) ? Zones.StartOf(d.Value)
            : null;
        if (parsed is { } instant && InYears(instant.InUtc().Year)) return instant;
        if (parsed is not null || LocalDatePattern.Iso.Parse(t).Success) return OutOfYears(field, t);
        return Refusal.Invalid(field, $"'{field}' is not a date or instant: '{Clip(t)}'. Use ISO 8601, e.g. 2024-04-05 or 2024-04-05T09:30:00Z.");
    }

    private static bool InYears(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>True when <paramref name="instant"/> falls in the years Concord accepts anywhere.</summary>
    public static bool IsInYears(Instant instant) => InYears(instant.InUtc().Year);

    private static Refusal OutOfYears(string field, string text) =>
        Refusal.Invalid(field, $"'{field}' must fall between {FirstYear} and {LastYear}; got '{Clip(text)}'.");

    /// <summary>An "as of" bound: a date means the end of that day in Brussels, an instant means itself.</summary>
    public static Result<Instant> AsOf(string text, string field = "asOf")
    {
        var t = text.Trim();
        if (LocalDatePattern.Iso.Parse(t) is { Success: true } d) return InYears(d.Value.Year) ? Zones.EndOf(d.Value) : OutOfYears(field, t);
        return Instant(t, field);
    }

    public static Result<LocalDate> Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return Refusal.Invalid(field, $"'{field}' is required.");
        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        if (!parsed.Success) return Refusal.Invalid(field, $"'{field}' is not a date: '{Clip(text)}'. Use YYYY-MM-DD.");
        return InYears(parsed.Value.Year) ? parsed.Value : OutOfYears(field, text.Trim());
    }

    public static Result<MemberCode> Member(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return Refusal.Invalid(field, $"'{field}' is required.");
        return MemberCode.TryParse(text) is { } code ? code
            : Refusal.Invalid(field, $"'{field}' must be an ISO 3166-1 alpha-3 code such as TUR; got '{Clip(text)}'.");
    }

    public static Result<TEnum> Enum<TEnum>(string? text, string field) where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return Refusal.Invalid(field, $"'{field}' is required.");
        var normalized = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (!normalized.All(char.IsAsciiLetter) || !System.Enum.TryParse<TEnum>(normalized, ignoreCase: true, out var value))
            return Refusal.Invalid(field, $"'{field}' must be one of {string.Join(", ", System.Enum.GetNames<TEnum>().Select(Camel))}; got '{Clip(text)}'.");
        return value;
    }

    /// <summary>Optional free text, trimmed; refused when longer than <paramref name="max"/> characters.</summary>
    public static Result<string?> Text(string? text, string field, int max, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text))
            return required ? Refusal.Invalid(field, $"'{field}' is required.") : new Result<string?>(null, null);
        var t = text.Trim();
        return t.Length <= max ? t : Refusal.Invalid(field, $"'{field}' is {t.Length} characters long; at most {max} are accepted.");
    }

    public static string Camel(string name) => Words.Camel(name);

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
