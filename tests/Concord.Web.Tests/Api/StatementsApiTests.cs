using System.Net;
using Concord.Features.Access;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/statements and /api/v1/actors over HTTP: the record around decisions, read and written.</summary>
public sealed class StatementsApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static Dictionary<string, object?> Statement(string id) => new()
    {
        ["id"] = id, ["date"] = "2024-03-01", ["confidence"] = "reported", ["kind"] = "statement", ["subject"] = "ukraine-invitation", ["stance"] = "opposes",
        ["summary"] = "He said Ukraine's membership was unacceptable.", ["source"] = "S20", ["accessions"] = new[] { "UKR", "SWE" },
        ["actors"] = new[] { new { name = "Dmitry Peskov", role = "Kremlin spokesman", @for = "RUS" } },
    };

    [Fact]
    public async Task ukraine_s_statements_include_the_secretary_general_s_visit_of_2024_04_29_with_its_sources()
    {
        var statements = (await _client.GetJson("/api/v1/statements?accession=UKR")).EnumerateArray().ToList();

        var visit = Assert.Single(statements, s => s.GetProperty("id").GetString() == "ST079");
        Assert.Equal(("2024-04-29", "visit", "Jens Stoltenberg"), (visit.GetProperty("date").GetString(), visit.GetProperty("kind").GetString(),
            visit.GetProperty("actors")[0].GetProperty("name").GetString()));
        Assert.Contains("kyivind-20240429-stoltenberg", visit.GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_actor_s_page_is_everything_said_for_a_state_over_time_and_an_unknown_actor_is_a_404()
    {
        var russia = await _client.GetJson("/api/v1/actors/RUS");
        var statements = russia.GetProperty("statements").EnumerateArray().ToList();
        var dates = statements.Select(s => s.GetProperty("when").GetProperty("latest").GetString()!).ToList();

        // The 20 shipped (another test of this class may have recorded one more).
        Assert.Equal(("Russia", 20), (russia.GetProperty("name").GetString(), statements.Count(s => s.GetProperty("id").GetString()!.StartsWith("ST", StringComparison.Ordinal))));
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
        using var unknown = await _client.GetAsync("/api/v1/actors/nobody-at-all", TestContext.Current.CancellationToken);
        await unknown.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_analyst_records_a_third_state_s_statement_and_it_shows_on_both_candidates_statements()
    {
        var analyst = factory.ClientAs(Role.Analyst);

        using var created = await analyst.PostJson("/api/v1/statements", Statement("T-API-RUS"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/statements/T-API-RUS", created.Headers.Location?.OriginalString);
        foreach (var candidate in new[] { "UKR", "SWE" })
            Assert.Contains((await _client.GetJson($"/api/v1/statements?accession={candidate}&state=RUS")).EnumerateArray(), s => s.GetProperty("id").GetString() == "T-API-RUS");
    }

    [Theory]
    [InlineData("stance", "furious")]
    [InlineData("decisions", "no-such-decision")]
    [InlineData("actors.for", "XXQ")]
    [InlineData("source", "S999")]
    public async Task a_bad_statement_is_refused_naming_the_field_and_nothing_is_stored(string field, string value)
    {
        var client = factory.Secretariat;
        var body = Statement("T-API-BAD");
        switch (field)
        {
            case "decisions": body["decisions"] = new[] { value }; break;
            case "actors.for": body["actors"] = new[] { new { name = "Someone", role = (string?)null, @for = value } }; break;
            default: body[field] = value; break;
        }

        await client.AssertRefusedWithoutChange(() => client.PostJson("/api/v1/statements", body), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task a_statement_dated_in_the_future_is_refused_as_breaking_a_rule_and_nothing_is_stored()
    {
        var client = factory.Secretariat;
        var body = Statement("T-API-FUTURE");
        body["date"] = "2199-01-01";

        await client.AssertRefusedWithoutChange(() => client.PostJson("/api/v1/statements", body), HttpStatusCode.UnprocessableEntity, "date");
    }

    [Fact]
    public async Task a_delegation_records_its_own_state_s_statements_only_and_a_visitor_none()
    {
        var germany = factory.Delegation("DEU");
        var own = Statement("T-API-DEU");
        own["actors"] = new[] { new { name = "Olaf Scholz", role = "Chancellor", @for = "DEU" } };

        using var created = await germany.PostJson("/api/v1/statements", own);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await germany.AssertRefusedWithoutChange(() => germany.PostJson("/api/v1/statements", Statement("T-API-DEU-RUS")), HttpStatusCode.Forbidden);
        using var anonymous = await _client.PostJson("/api/v1/statements", Statement("T-API-ANON"));
        Assert.True(anonymous.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, anonymous.StatusCode.ToString());
    }

    [Theory]
    [InlineData("asOf", "someday")]
    [InlineData("knownOn", "9999-12-31")]
    [InlineData("stance", "furious")]
    [InlineData("accession", "U\u0007K")]
    [InlineData("state", "R$S")]
    public async Task a_bad_filter_is_a_400_naming_it(string field, string value)
    {
        using var response = await _client.GetAsync($"/api/v1/statements?{field}={Uri.EscapeDataString(value)}", TestContext.Current.CancellationToken);
        await response.AssertProblem(HttpStatusCode.BadRequest, field);
    }
}
