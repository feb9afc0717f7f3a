using Concord.Domain;
using NodaTime.Text;

namespace Concord.Features;

public static partial class Input
{
    private static readonly YearMonthPattern MonthPattern = YearMonthPattern.CreateWithInvariantCulture("uuuu'-'MM");

    /// <summary>
    /// A date window from the text of a date and of its qualifier (<see cref="DateQualifier"/>): <c>on</c> (when no
    /// qualifier is given), <c>onOrBefore</c> and <c>onOrAfter</c> take a day (YYYY-MM-DD), <c>month</c> a month
    /// (YYYY-MM), <c>between</c> two days, first and last, both included (YYYY-MM-DD/YYYY-MM-DD). Every day falls in the
    /// years Concord records; a window with a missing end or whose last day comes before its first is refused, naming the
    /// date's field. Whether the window may lie in the future is the caller's rule.
    /// </summary>
    public static Result<DateWindow> Window(string? date, string? qualifier, string dateField, string qualifierField)
    {
        var kind = qualifier is null ? new Result<DateQualifier>(DateQualifier.On, null) : Enum<DateQualifier>(qualifier, qualifierField);
        if (kind.Refusal is { } q) return q;
        if (kind.Value == DateQualifier.Month) return Month(date, dateField);
        if (kind.Value == DateQualifier.Between) return Between(date, dateField, qualifierField);
        if (date is not null && date.Contains('/', StringComparison.Ordinal))
            return Refusal.Invalid(dateField, $"'{dateField}' holds two days; a window between them needs '{qualifierField}' between.");
        var day = Date(date, dateField);
        if (day.Refusal is { } d)
            return date is not null && MonthPattern.Parse(date.Trim()).Success
                ? Refusal.Invalid(dateField, $"'{dateField}' holds a month; a window of a month needs '{qualifierField}' month.")
                : d;
        return kind.Value switch
        {
            DateQualifier.OnOrBefore => DateWindow.OnOrBefore(day.Value),
            DateQualifier.OnOrAfter => DateWindow.OnOrAfter(day.Value),
            _ => DateWindow.On(day.Value),
        };
    }

    private static Result<DateWindow> Month(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return Refusal.Invalid(field, $"'{field}' is required.");
        if (ControlIn(text, field) is { } control) return control;
        var parsed = MonthPattern.Parse(text.Trim());
        if (!parsed.Success) return Refusal.Invalid(field, $"'{field}' is not a month: '{Clip(Visible(text))}'. Use YYYY-MM.");
        return InYears(parsed.Value.Year) ? DateWindow.InMonth(parsed.Value) : OutOfYears(field, text.Trim());
    }

    private static Result<DateWindow> Between(string? text, string field, string qualifierField)
    {
        var expected = $"'{field}' must hold the first and the last day with {qualifierField} between: YYYY-MM-DD/YYYY-MM-DD";
        if (string.IsNullOrWhiteSpace(text)) return Refusal.Invalid(field, expected + ".");
        var ends = text.Split('/');
        if (ends.Length != 2 || ends.Any(string.IsNullOrWhiteSpace)) return Refusal.Invalid(field, $"{expected}; got '{Clip(Visible(text))}'.");
        var first = Date(ends[0], field);
        if (first.Refusal is { } f) return f;
        var last = Date(ends[1], field);
        if (last.Refusal is { } l) return l;
        if (last.Value < first.Value)
            return Refusal.Invalid(field, $"'{field}' is an empty window: its last day ({last.Value:yyyy-MM-dd}) comes before its first ({first.Value:yyyy-MM-dd}).");
        return DateWindow.Between(first.Value, last.Value);
    }
}
