using System.Net;
using System.Text;

namespace Concord.Web.Tests.Api;

/// <summary>
/// The input policy over HTTP (docs/adr/0005-input-policy.md): every out-of-range date, figure or character is a 400
/// ProblemDetails naming its field (with the line for files), never a 5xx, and a refused write changes nothing.
/// </summary>
public sealed class InputPolicyApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string DecimalMax = "79228162514264337593543950335";

    private static string PledgeJson(string id, string quantity = "4", string amount = "400", string unit = "systems", string extra = "") =>
        $$"""{"id":"{{id}}","donor":"NOR","recipient":"UKR","announced":"2023-01-10","category":"airDefence","items":[{"item":"IRIS-T SLM","quantity":{{quantity}},"unit":"{{unit}}"}],"value":{"amount":{{amount}},"currency":"EUR"},"source":"test"{{extra}}}""";

    [Theory]
    [InlineData(DecimalMax, "4", "value.amount")]
    [InlineData("400", DecimalMax, "items[0].quantity")]
    [InlineData("400", "1000000000001", "items[0].quantity")]
    [InlineData("400", "9223372036854775808", "items[0].quantity")]
    [InlineData("400", "1.5", "items[0].quantity")]
    public async Task a_pledge_figure_beyond_ten_to_the_twelfth_or_a_fraction_of_systems_is_refused_naming_the_field(string amount, string quantity, string field)
    {
        var secretariat = factory.Secretariat;
        await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostRaw("/api/v1/assistance/pledges", PledgeJson("NOR-bound-" + Guid.NewGuid().ToString("N")[..8], quantity, amount)),
            HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task a_number_sent_as_a_string_is_refused_naming_the_field()
    {
        var secretariat = factory.Secretariat;
        var problem = await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostRaw("/api/v1/assistance/pledges", PledgeJson("NOR-string-number", quantity: "\"1e5\"")), HttpStatusCode.BadRequest);
        Assert.Contains("quantity", problem.GetProperty("field").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_property_given_twice_is_refused_as_given_twice_naming_it_and_nothing_is_stored()
    {
        var secretariat = factory.Secretariat;
        const string body = """{"id":"dup-keys-classification","subject":"Twice","classification":"PUBLIC","classification":"NATO SECRET"}""";
        var problem = await secretariat.AssertRefusedWithoutChange(() => secretariat.PostRaw("/api/v1/decisions", body), HttpStatusCode.BadRequest);
        Assert.Equal("classification", problem.GetProperty("field").GetString());
        Assert.Contains("more than once", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_member_the_request_does_not_have_is_refused()
    {
        var secretariat = factory.Secretariat;
        const string body = """{"id":"unmapped-member","subject":"Misspelt","silenceDeadlin":"2025-02-01T12:00:00Z"}""";
        await secretariat.AssertRefusedWithoutChange(() => secretariat.PostRaw("/api/v1/decisions", body), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59.999999999Z")]
    [InlineData("9999-12-31T23:59:59.999999999")]
    [InlineData("2126-01-16T00:00:00Z")]
    public async Task a_silence_deadline_beyond_a_hundred_years_ahead_is_refused_and_nothing_is_committed(string deadline)
    {
        var secretariat = factory.Secretariat;
        await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostJson("/api/v1/decisions", new { id = "end-of-time-" + Guid.NewGuid().ToString("N")[..8], subject = "End of time", silenceDeadline = deadline }),
            HttpStatusCode.BadRequest, "silenceDeadline");
    }

    [Fact]
    public async Task a_silence_deadline_a_hundred_years_ahead_is_accepted()
    {
        var view = await factory.Secretariat.OpenDecision("A century of silence", "2125-01-15T09:00:00Z");
        Assert.Equal("pending", view.Outcome());
    }

    [Theory]
    [InlineData("-9998-01-01")]
    [InlineData("0000-01-01")]
    [InlineData("0001-01-01")]
    [InlineData("2024-01-01\u0000")]
    public async Task a_decision_opened_outside_the_years_concord_records_is_refused_naming_opened(string opened)
    {
        var secretariat = factory.Secretariat;
        await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostJson("/api/v1/decisions", new { id = "opened-" + Guid.NewGuid().ToString("N")[..8], subject = "Opened long ago", opened }),
            HttpStatusCode.BadRequest, "opened");
    }

    [Theory]
    [InlineData("/api/v1/decisions/invite-ukraine-washington-2024?asOf=9999-12-31")]
    [InlineData("/api/v1/decisions/invite-ukraine-washington-2024?asOf=9999-12-31T23:59:59.999999999Z")]
    [InlineData("/api/v1/decisions/invite-ukraine-washington-2024?asOf=9999-12-31T23:59:59.999999999")]
    [InlineData("/api/v1/accessions/FIN?asOf=9999-12-31")]
    [InlineData("/api/v1/assistance/pledges?asOf=9999-12-31")]
    [InlineData("/api/v1/assistance/delays?asOf=9999-12-31")]
    [InlineData("/api/v1/assistance/backlog?asOf=9999-12-31")]
    [InlineData("/api/v1/assistance/export?asOf=9999-12-31")]
    [InlineData("/api/v1/members?asOf=9999-12-31")]
    public async Task an_as_of_date_at_the_end_of_the_calendar_is_a_400_naming_as_of_for_anyone(string url)
    {
        using var response = await factory.CreateClient().GetAsync(url, Ct);
        await response.AssertProblem(HttpStatusCode.BadRequest, "asOf");
    }

    [Theory]
    [InlineData("from=-9998-01-01", "from")]
    [InlineData("from=9999-12-31T23:59:59.999999999Z", "from")]
    [InlineData("to=9999-12-31", "to")]
    public async Task an_audit_bound_at_the_ends_of_the_calendar_is_a_400_naming_it(string query, string field)
    {
        using var response = await factory.Secretariat.GetAsync("/api/v1/audit?" + query, Ct);
        await response.AssertProblem(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("/decisions/invite-ukraine-washington-2024?asOf=9999-12-31")]
    [InlineData("/accessions/FIN?asOf=9999-12-31")]
    [InlineData("/assistance?asOf=9999-12-31")]
    [InlineData("/assistance/delays?asOf=9999-12-31")]
    public async Task a_page_asked_for_the_end_of_the_calendar_still_answers(string url)
    {
        using var response = await factory.CreateClient().GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task a_bell_in_a_position_s_condition_is_refused_naming_condition()
    {
        var secretariat = factory.Secretariat;
        var id = (await secretariat.OpenDecision("Condition with a bell")).Id();
        var delegation = factory.Delegation("HUN");
        await secretariat.AssertRefusedWithoutChange(
            () => delegation.PostJson($"/api/v1/decisions/{id}/positions", new { member = "HUN", kind = "reservation", condition = "until\u0007 later" }),
            HttpStatusCode.BadRequest, "condition");
    }

    [Theory]
    [InlineData("Right\u202Eto left")]
    [InlineData("Zero\u200Bwidth")]
    [InlineData("Line\nbreak")]
    public async Task a_decision_subject_with_a_bidi_override_zero_width_or_control_character_is_refused_naming_subject(string subject)
    {
        var secretariat = factory.Secretariat;
        await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostJson("/api/v1/decisions", new { id = "subject-" + Guid.NewGuid().ToString("N")[..8], subject }),
            HttpStatusCode.BadRequest, "subject");
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("JaVa\tScRiPt:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    public async Task a_step_source_that_links_other_than_over_http_is_refused_naming_source(string source)
    {
        var secretariat = factory.Secretariat;
        await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostJson("/api/v1/accessions/UKR/steps", new { step = "accessionTalks", date = "2024-06-25", source }),
            HttpStatusCode.BadRequest, "source");
    }

    [Theory]
    [InlineData("2099-02-01", "", "announcement_date")]
    [InlineData("2023-02-01", "../../etc/passwd", "id")]
    [InlineData("2023-02-01", "kiel\u202E1", "id")]
    public async Task a_kiel_row_announced_ahead_or_with_an_id_that_is_not_plain_ascii_is_refused_with_its_line(string date, string id, string column)
    {
        var file = $"id,donor,measure,announcement_date,aid_type_general,aid_type_specific,tot_activity_value,reporting_currency\n{id},Norway,Commitment,{date},Humanitarian,Energy equipment,100,NOK\n";
        var problem = await factory.Secretariat.AssertRefusedWithoutChange(
            () => factory.Secretariat.PostAsync("/api/v1/assistance/imports/kiel?release=2024-02", new StringContent(file, Encoding.UTF8, "text/csv"), Ct),
            HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((2, column), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetString()));
    }

    [Fact]
    public async Task a_timeline_row_dated_at_the_end_of_the_calendar_is_refused_with_its_line()
    {
        const string file = "date,event,amount_usd_bn,vote,source\n9999-12-31,The end,1,,test\n";
        var problem = await factory.Secretariat.AssertRefusedWithoutChange(
            () => factory.Secretariat.PostAsync("/api/v1/assistance/imports/timeline", new StringContent(file, Encoding.UTF8, "text/csv"), Ct),
            HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((2, "date"), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetString()));
    }

    [Theory]
    [InlineData(DecimalMax)]
    [InlineData("1000000000001")]
    public async Task a_donation_impact_beyond_ten_to_the_twelfth_is_a_400_naming_quantity(string quantity)
    {
        using var response = await factory.CreateClient().GetAsync($"/api/v1/readiness/DEU/impact?category=air-defence&quantity={quantity}", Ct);
        await response.AssertProblem(HttpStatusCode.BadRequest, "quantity");
    }

    [Fact]
    public async Task a_kiel_monthly_figure_beyond_ten_to_the_twelfth_is_refused_with_its_line()
    {
        const string file = "year,month,iso,total,financial,humanitarian,military\n2024,1,FRA,1,0,0,1\n2024,2,FRA,79228162514264337593543950335,0,0,1\n";
        var problem = await factory.Secretariat.AssertRefusedWithoutChange(
            () => factory.Secretariat.PostAsync("/api/v1/assistance/imports/kiel-monthly?release=2024-02", new StringContent(file, Encoding.UTF8, "text/csv"), Ct),
            HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((3, "total"), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetString()));
    }
}
