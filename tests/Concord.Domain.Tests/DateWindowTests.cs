using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Concord.Domain.Tests;

/// <summary>A date known as precisely as the sources give it: a day, a bound on either side, two days, a month.</summary>
public sealed class DateWindowTests
{
    private static LocalDate D(string iso) => LocalDatePattern.Iso.Parse(iso).GetValueOrThrow();

    private static readonly (string Qualifier, string Text)[] Five =
        [("on", "2020-03-19"), ("onOrBefore", "2020-03-19"), ("onOrAfter", "2020-03-19"), ("between", "2009-01-13/2009-02-09"), ("month", "2009-03")];

    [Theory]
    [InlineData("on", "2020-03-19", "2020-03-19")]
    [InlineData("onOrBefore", "2020-03-19", "on or before 2020-03-19")]
    [InlineData("onOrAfter", "2020-03-19", "on or after 2020-03-19")]
    [InlineData("between", "2009-01-13/2009-02-09", "between 2009-01-13 and 2009-02-09")]
    [InlineData("month", "2009-03", "in March 2009")]
    public void each_window_is_written_in_words(string qualifier, string text, string words)
    {
        Assert.Equal(words, Window(qualifier, text).ToString());
    }

    [Fact]
    public void a_window_has_its_earliest_and_latest_day_either_of_which_may_be_open()
    {
        Assert.Equal((D("2020-03-19"), D("2020-03-19")), (DateWindow.On(D("2020-03-19")).Earliest, DateWindow.On(D("2020-03-19")).Latest));
        Assert.Equal((null, D("2020-03-19")), (DateWindow.OnOrBefore(D("2020-03-19")).Earliest, DateWindow.OnOrBefore(D("2020-03-19")).Latest));
        Assert.Equal((D("2020-03-19"), null), (DateWindow.OnOrAfter(D("2020-03-19")).Earliest, DateWindow.OnOrAfter(D("2020-03-19")).Latest));
        Assert.Equal((D("2009-03-01"), D("2009-03-31")), (DateWindow.InMonth(new YearMonth(2009, 3)).Earliest, DateWindow.InMonth(new YearMonth(2009, 3)).Latest));
        Assert.Equal((D("2024-02-01"), D("2024-02-29")), (DateWindow.InMonth(new YearMonth(2024, 2)).Earliest, DateWindow.InMonth(new YearMonth(2024, 2)).Latest));
    }

    [Theory]
    [InlineData("on", "2020-03-19", "2020-03-18", false, true)]
    [InlineData("on", "2020-03-19", "2020-03-19", true, false)]
    [InlineData("onOrBefore", "2020-03-19", "2020-03-18", false, false)]
    [InlineData("onOrBefore", "2020-03-19", "2020-03-19", true, false)]
    [InlineData("onOrAfter", "2020-03-19", "2020-03-18", false, true)]
    [InlineData("onOrAfter", "2020-03-19", "2030-01-01", false, false)]
    [InlineData("between", "2009-01-13/2009-02-09", "2009-01-12", false, true)]
    [InlineData("between", "2009-01-13/2009-02-09", "2009-01-20", false, false)]
    [InlineData("between", "2009-01-13/2009-02-09", "2009-02-09", true, false)]
    [InlineData("month", "2009-03", "2009-02-28", false, true)]
    [InlineData("month", "2009-03", "2009-03-31", true, false)]
    public void a_window_has_certainly_happened_by_the_end_of_its_latest_day_and_certainly_not_before_its_earliest(
        string qualifier, string text, string date, bool happened, bool certainlyNot)
    {
        var window = Window(qualifier, text);

        Assert.Equal(happened, window.HappenedBy(D(date)));
        Assert.Equal(certainlyNot, window.CertainlyNotBy(D(date)));
    }

    [Fact]
    public void a_window_closed_at_both_ends_straddles_the_days_inside_it_before_its_last()
    {
        var window = DateWindow.Between(D("2009-01-13"), D("2009-02-09"));

        Assert.True(window.Straddles(D("2009-01-13")));
        Assert.True(window.Straddles(D("2009-02-08")));
        Assert.False(window.Straddles(D("2009-02-09")));
        Assert.False(window.Straddles(D("2009-01-12")));
        Assert.False(DateWindow.OnOrBefore(D("2009-02-09")).Straddles(D("2009-01-20")));
    }

    [Fact]
    public void an_inverted_window_cannot_be_made_and_the_same_day_twice_is_that_day()
    {
        Assert.Throws<ArgumentException>(() => DateWindow.Between(D("2009-02-09"), D("2009-01-13")));
        Assert.Throws<ArgumentException>(() => new DateWindow(D("2009-03-02"), D("2009-03-31"), DateQualifier.Month));
        Assert.Throws<ArgumentException>(() => new DateWindow(null, null, DateQualifier.OnOrBefore));
        Assert.Equal(DateWindow.On(D("2009-01-13")), DateWindow.Between(D("2009-01-13"), D("2009-01-13")));
    }

    [Fact]
    public void an_exact_day_stored_with_only_its_latest_day_reads_as_that_day()
    {
        Assert.Equal(DateWindow.On(D("2020-03-19")), new DateWindow(null, D("2020-03-19"), DateQualifier.On));
    }

    [Fact]
    public void the_last_of_several_windows_runs_from_the_latest_earliest_day_to_the_latest_last_day()
    {
        var day = DateWindow.On(D("2023-03-10"));
        var bound = DateWindow.OnOrBefore(D("2023-03-20"));
        var month = DateWindow.InMonth(new YearMonth(2023, 3));

        Assert.Equal(DateWindow.Between(D("2023-03-10"), D("2023-03-20")), DateWindow.LastOf([day, bound]));
        Assert.Equal(month, DateWindow.LastOf([DateWindow.On(D("2023-02-01")), month]));
        Assert.Equal(DateWindow.OnOrAfter(D("2023-03-10")), DateWindow.LastOf([day, DateWindow.OnOrAfter(D("2023-03-01"))]));
        Assert.Null(DateWindow.LastOf([]));
    }

    [Fact]
    public void two_windows_share_the_days_both_allow_and_none_when_they_do_not_meet()
    {
        var between = DateWindow.Between(D("2020-03-17"), D("2020-03-19"));

        Assert.Equal(between, DateWindow.OnOrBefore(D("2020-03-19")).Intersect(between));
        Assert.Equal(DateWindow.Between(D("2020-03-17"), D("2020-03-18")), between.Intersect(DateWindow.OnOrBefore(D("2020-03-18"))));
        Assert.Null(between.Intersect(DateWindow.On(D("2020-03-20"))));
    }

    [Fact]
    public void a_window_is_short_in_a_table_cell_and_takes_its_preposition_in_a_sentence()
    {
        Assert.Equal(["2020-03-19", "≤ 2020-03-19", "≥ 2020-03-19", "2009-01-13 – 2009-02-09", "2009-03"],
            Five.Select(w => Window(w.Qualifier, w.Text).ToShortString()));
        Assert.Equal("on 2020-03-19", DateWindow.On(D("2020-03-19")).ToPhrase());
        Assert.Equal("in March 2009", DateWindow.InMonth(new YearMonth(2009, 3)).ToPhrase());
    }

    private static DateWindow Window(string qualifier, string text) => qualifier switch
    {
        "on" => DateWindow.On(D(text)),
        "onOrBefore" => DateWindow.OnOrBefore(D(text)),
        "onOrAfter" => DateWindow.OnOrAfter(D(text)),
        "between" => DateWindow.Between(D(text[..10]), D(text[11..])),
        _ => DateWindow.InMonth(YearMonthPattern.Iso.Parse(text).GetValueOrThrow()),
    };
}
