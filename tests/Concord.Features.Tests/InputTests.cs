using Concord.Domain;

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

    private static readonly NodaTime.LocalDate Today = new(2025, 1, 15);

    [Theory]
    [InlineData("9999-12-31T23:59:59.999999999")]
    [InlineData("9999-12-31T23:59:59.999999999+01:00")]
    [InlineData("9999-12-31T23:59")]
    public void a_local_time_at_the_end_of_9999_is_refused_naming_its_field_not_thrown(string text)
    {
        Assert.Equal("deadline", Input.Instant(text, "deadline").Refusal?.Field);
        Assert.Equal("asOf", Input.AsOf(text).Refusal?.Field);
    }

    [Theory]
    [InlineData("2024-01-01\u0000")]
    [InlineData("2024-01-01\u0007")]
    public void a_date_holding_a_control_character_is_refused_naming_its_field(string text)
    {
        Assert.Equal("on", Input.Date(text, "on").Refusal?.Field);
        Assert.Equal("effective", Input.Instant(text, "effective").Refusal?.Field);
        Assert.Equal("asOf", Input.AsOf(text).Refusal?.Field);
    }

    [Fact]
    public void a_date_refused_for_an_invisible_character_shows_it_by_its_code_point()
    {
        var refusal = Input.Date("\u200B2024-05-01", "knownOn").Refusal!;

        Assert.Equal("'knownOn' is not a date: 'U+200B2024-05-01'. Use YYYY-MM-DD.", refusal.Reason);
    }

    [Fact]
    public void a_world_date_runs_from_1900_to_today()
    {
        Assert.Null(Input.PastDate("1900-01-01", "on", Today).Refusal);
        Assert.Null(Input.PastDate("1949-04-04", "on", Today).Refusal);
        Assert.Null(Input.PastDate("2025-01-15", "on", Today).Refusal);
        Assert.Equal(("on", RefusalKind.Unprocessable), (Input.PastDate("2025-01-16", "on", Today).Refusal?.Field, Input.PastDate("2025-01-16", "on", Today).Refusal?.Kind));
        Assert.Equal(("on", RefusalKind.Invalid), (Input.PastDate("1899-12-31", "on", Today).Refusal?.Field, Input.PastDate("1899-12-31", "on", Today).Refusal?.Kind));
    }

    [Fact]
    public void a_promise_or_a_deadline_may_lie_up_to_a_hundred_years_ahead()
    {
        Assert.Null(Input.AheadDate("2125-01-15", "promisedBy", Today).Refusal);
        Assert.Equal("promisedBy", Input.AheadDate("2125-01-16", "promisedBy", Today).Refusal?.Field);
        var now = NodaTime.Instant.FromUtc(2025, 1, 15, 9, 0);
        Assert.Null(Input.AheadInstant("2125-01-15T22:00:00Z", "silenceDeadline", now).Refusal);
        Assert.Equal("silenceDeadline", Input.AheadInstant("2125-01-16T00:00:00Z", "silenceDeadline", now).Refusal?.Field);
    }

    [Theory]
    [InlineData("until\u0007 later")]
    [InlineData("nul\u0000")]
    [InlineData("c1\u0085")]
    public void a_control_character_other_than_a_line_break_or_tab_is_refused_in_free_text(string text)
    {
        Assert.Equal("condition", Input.Text(text, "condition", 2000).Refusal?.Field);
    }

    [Fact]
    public void free_text_keeps_line_breaks_and_tabs_and_drops_bidi_and_zero_width_characters()
    {
        Assert.Equal("line one\nline two\tand a tab", Input.Text("line one\r\nline two\tand a tab", "note", 2000).Value);
        Assert.Equal("invoicetxt.exe", Input.Text("invoice\u202Etxt.exe", "note", 2000).Value);
        Assert.Equal("zerowidth", Input.Text("zero\u200Bwidth\uFEFF\u2066\u2069", "note", 2000).Value);
    }

    [Theory]
    [InlineData("Right\u202Eto left")]
    [InlineData("Zero\u200Bwidth")]
    [InlineData("Isolate\u2067")]
    [InlineData("Bell\u0007")]
    [InlineData("Two\nlines")]
    [InlineData("Byte order\uFEFF")]
    public void a_name_with_a_control_bidi_or_zero_width_character_is_refused_naming_its_field(string text)
    {
        Assert.Equal("displayName", Input.Name(text, "displayName", 200).Refusal?.Field);
    }

    [Fact]
    public void a_name_in_any_script_is_read()
    {
        Assert.Equal("Türkiye", Input.Name(" Türkiye ", "name", 200).Value);
        Assert.Equal("Україна", Input.Name("Україна", "name", 200).Value);
        Assert.Equal("ישראל", Input.Name("ישראל", "name", 200).Value);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData(" JavaScript:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=")]
    [InlineData("vbscript:msgbox")]
    [InlineData("ftp://example.org/file")]
    public void a_source_that_links_other_than_over_http_is_refused(string text)
    {
        Assert.Equal("source", Input.Source(text, "source", 500).Refusal?.Field);
        Assert.False(Input.IsWebLink(text));
    }

    [Theory]
    [InlineData("https://www.nato.int/cps/en/natohq/official_texts_227678.htm")]
    [InlineData("S15;S01")]
    [InlineData("Reuters: 12 May 2024")]
    [InlineData("Kyiv Independent/Politico; Roll Call")]
    public void a_source_that_is_plain_text_or_an_http_link_is_read(string text)
    {
        Assert.Equal(text, Input.Source(text, "source", 500).Value);
        Assert.Equal(text.StartsWith("https:", StringComparison.Ordinal), Input.IsWebLink(text));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("kiel\u202E1")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    public void an_identifier_that_is_a_path_or_not_plain_ascii_is_refused(string text)
    {
        Assert.Equal("id", Input.Identifier(text, "id", 60).Refusal?.Field);
    }
}
