using Concord.Domain;
using NodaTime;

namespace Concord.Features.Tests;

/// <summary>A date window as users write it: a date field and its qualifier (on, onOrBefore, onOrAfter, between, month).</summary>
public sealed class InputWindowTests
{
    [Theory]
    [InlineData(null, "2020-03-19", "2020-03-19")]
    [InlineData("on", "2020-03-19", "2020-03-19")]
    [InlineData("onOrBefore", "2020-03-19", "on or before 2020-03-19")]
    [InlineData("on_or_before", "2020-03-19", "on or before 2020-03-19")]
    [InlineData("onOrAfter", "2020-03-19", "on or after 2020-03-19")]
    [InlineData("between", "2009-01-13/2009-02-09", "between 2009-01-13 and 2009-02-09")]
    [InlineData("between", "2009-01-13/2009-01-13", "2009-01-13")]
    [InlineData("month", "2009-03", "in March 2009")]
    public void a_date_is_read_as_its_qualifier_says(string? qualifier, string date, string window)
    {
        var read = Input.Window(date, qualifier, "date", "dateQualifier");

        Assert.Null(read.Refusal);
        Assert.Equal(window, read.Value.ToString());
    }

    [Theory]
    [InlineData("between", "2009-02-09/2009-01-13", "date", "'date' is an empty window: its last day (2009-01-13) comes before its first (2009-02-09).")]
    [InlineData("between", "2009-01-13/", "date", "'date' must hold the first and the last day with dateQualifier between: YYYY-MM-DD/YYYY-MM-DD; got '2009-01-13/'.")]
    [InlineData("between", "/", "date", "'date' must hold the first and the last day with dateQualifier between: YYYY-MM-DD/YYYY-MM-DD; got '/'.")]
    [InlineData("between", "2009-01-13", "date", "'date' must hold the first and the last day with dateQualifier between: YYYY-MM-DD/YYYY-MM-DD; got '2009-01-13'.")]
    [InlineData("between", "2009-01-13/2009-02-09/2009-03-01", "date", "'date' must hold the first and the last day with dateQualifier between: YYYY-MM-DD/YYYY-MM-DD; got '2009-01-13/2009-02-09/2009-03-01'.")]
    [InlineData("between", "2009-01-13/2009-02-30", "date", "'date' is not a date: '2009-02-30'. Use YYYY-MM-DD.")]
    [InlineData("between", "1899-12-31/2009-01-13", "date", "'date' must fall between 1900 and 2199; got '1899-12-31'.")]
    [InlineData("month", "2009-03-01", "date", "'date' is not a month: '2009-03-01'. Use YYYY-MM.")]
    [InlineData("month", "2009-13", "date", "'date' is not a month: '2009-13'. Use YYYY-MM.")]
    [InlineData("month", "9999-12", "date", "'date' must fall between 1900 and 2199; got '9999-12'.")]
    [InlineData("on", "2009-01-13/2009-02-09", "date", "'date' holds two days; a window between them needs 'dateQualifier' between.")]
    [InlineData("onOrBefore", "2009-03", "date", "'date' holds a month; a window of a month needs 'dateQualifier' month.")]
    [InlineData("sometime", "2009-03-01", "dateQualifier", "'dateQualifier' must be one of on, onOrBefore, onOrAfter, between, month; got 'sometime'.")]
    public void a_window_that_cannot_be_read_is_refused_naming_its_field(string qualifier, string date, string field, string reason)
    {
        var refusal = Input.Window(date, qualifier, "date", "dateQualifier").Refusal;

        Assert.Equal((RefusalKind.Invalid, field, reason), (refusal?.Kind, refusal?.Field, refusal?.Reason));
    }

    [Fact]
    public void a_month_runs_from_its_first_day_to_its_last()
    {
        var month = Input.Window("2024-02", "month", "date", "dateQualifier").Value;

        Assert.Equal((new LocalDate(2024, 2, 1), new LocalDate(2024, 2, 29)), (month.Earliest, month.Latest));
    }
}
