namespace Concord.Features.Tests;

public sealed class InputTests
{
    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("2200-01-02T00:00")]
    public void a_date_outside_the_years_concord_records_is_refused_naming_its_field(string text)
    {
        Assert.Equal(("silenceDeadline", $"'silenceDeadline' must fall between 1900 and 2199; got '{text}'."),
            (Input.Instant(text, "silenceDeadline").Refusal?.Field, Input.Instant(text, "silenceDeadline").Refusal?.Reason));
        Assert.NotNull(Input.AsOf(text).Refusal);
        if (text.Length == 10) Assert.Equal("on", Input.Date(text, "on").Refusal?.Field);
    }

    [Theory]
    [InlineData("1949-04-04")]
    [InlineData("2199-12-31T12:00:00Z")]
    public void a_date_within_those_years_is_read(string text)
    {
        Assert.Null(Input.Instant(text, "effective").Refusal);
        Assert.Null(Input.AsOf(text).Refusal);
    }
}
