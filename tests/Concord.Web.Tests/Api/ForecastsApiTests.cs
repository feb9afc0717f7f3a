using System.Net;
using System.Text.Json;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/forecasts over HTTP: a model's forecast, said to be one, and clear refusals.</summary>
public sealed class ForecastsApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_visitor_reads_finlands_forecast_as_of_a_day_with_what_it_rests_on()
    {
        var f = await factory.CreateClient().GetJson("/api/v1/forecasts/accessions/FIN?asOf=2022-10-01&by=2023-04-04");

        Assert.Equal("2022-10-01", f.GetProperty("asOf").GetString());
        Assert.Equal("2023-04-04", f.GetProperty("by").GetString());
        Assert.InRange(f.GetProperty("entryIntoForceBy").GetDouble(), 0.01, 0.999);
        Assert.StartsWith("A model, not a fact", f.GetProperty("basis").GetString(), StringComparison.Ordinal);
        Assert.Equal(157, f.GetProperty("entryIntoForce").GetArrayLength());
        Assert.Contains(f.GetProperty("parties").EnumerateArray(), p => p.GetProperty("party").GetString() == "TUR" && p.GetProperty("known").GetString() != "done");
    }

    [Theory]
    [InlineData("/api/v1/forecasts/accessions/FIN?asOf=2022-06-01", HttpStatusCode.UnprocessableEntity, "asOf")]
    [InlineData("/api/v1/forecasts/accessions/UKR", HttpStatusCode.UnprocessableEntity, "asOf")]
    [InlineData("/api/v1/forecasts/accessions/FIN?asOf=2022-10-01&by=2022-09-01", HttpStatusCode.BadRequest, "by")]
    [InlineData("/api/v1/forecasts/accessions/FIN?asOf=October", HttpStatusCode.BadRequest, "asOf")]
    [InlineData("/api/v1/forecasts/accessions/FIN?by=2400-01-01", HttpStatusCode.BadRequest, "by")]
    [InlineData("/api/v1/forecasts/accessions/F1N", HttpStatusCode.BadRequest, "candidate")]
    [InlineData("/api/v1/forecasts/accessions/SRB", HttpStatusCode.NotFound, null)]
    public async Task a_forecast_that_cannot_be_made_is_refused_naming_the_field(string url, HttpStatusCode status, string? field)
    {
        using var response = await factory.CreateClient().GetAsync(url, Ct);
        await response.AssertProblem(status, field);
    }
}

/// <summary>/api/v1/decisions/{id}/judgments and /api/v1/forecasts/decisions/{id} over HTTP.</summary>
public sealed class DecisionForecastsApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Analyst => factory.ClientAs(Concord.Features.Access.Role.Analyst, "NLD");

    private static object Judgment(string member = "TUR", double? probability = 0.5, string? by = "2025-12-31", string? rationale = "Its parliament sits in October.") =>
        new { member, probability, by, rationale, source = "https://example.org/report" };

    [Fact]
    public async Task an_analysts_judgment_is_created_apart_from_the_decision_and_the_forecast_rests_on_it()
    {
        var opened = await factory.Secretariat.OpenDecision("Judged over HTTP");
        var id = opened.Id();

        using var created = await Analyst.PostJson($"/api/v1/decisions/{id}/judgments", Judgment());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var judgment = await created.Json();
        var forecast = await Analyst.GetJson($"/api/v1/forecasts/decisions/{id}?by=2025-12-31");
        var decision = await factory.Secretariat.GetJson($"/api/v1/decisions/{id}");

        Assert.Equal(0.5, judgment.GetProperty("probability").GetDouble());
        Assert.Equal("NATO UNCLASSIFIED", judgment.GetProperty("classification").GetString());
        Assert.Equal(opened.Version(), decision.Version());
        Assert.False(forecast.GetProperty("withheld").GetBoolean());
        // Every other Ally is undeclared and unjudged: no probability, and they are named.
        Assert.False(forecast.TryGetProperty("probability", out var probability) && probability.ValueKind != JsonValueKind.Null);
        Assert.Equal(31, forecast.GetProperty("missing").GetArrayLength());
        var turkey = Assert.Single(forecast.GetProperty("whatItWouldTake").EnumerateArray(), m => m.GetProperty("member").GetString() == "TUR");
        Assert.Equal(0.5, turkey.GetProperty("chanceBy").GetDouble(), 12);
        Assert.Equal("Its parliament sits in October.", turkey.GetProperty("judgment").GetProperty("rationale").GetString());
        Assert.StartsWith("A model, not a fact", forecast.GetProperty("basis").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<object, HttpStatusCode, string> BadJudgments() => new()
    {
        { Judgment(probability: 1.5), HttpStatusCode.UnprocessableEntity, "probability" },
        { Judgment(probability: -1), HttpStatusCode.UnprocessableEntity, "probability" },
        { Judgment(member: "UKR"), HttpStatusCode.UnprocessableEntity, "member" },
        { Judgment(by: "2022-13-40"), HttpStatusCode.BadRequest, "by" },
        { Judgment(by: "2025-01-01"), HttpStatusCode.UnprocessableEntity, "by" },
        { Judgment(rationale: null), HttpStatusCode.BadRequest, "rationale" },
        { Judgment(probability: null), HttpStatusCode.BadRequest, "probability" },
    };

    [Theory, MemberData(nameof(BadJudgments))]
    public async Task a_bad_judgment_is_refused_naming_the_field_and_nothing_is_stored(object body, HttpStatusCode status, string field)
    {
        var id = (await factory.Secretariat.OpenDecision("Judged badly")).Id();

        using var response = await Analyst.PostJson($"/api/v1/decisions/{id}/judgments", body);

        await response.AssertProblem(status, field);
        var forecast = await Analyst.GetJson($"/api/v1/forecasts/decisions/{id}");
        Assert.Equal(0, forecast.GetProperty("judgments").GetArrayLength());
    }

    [Fact]
    public async Task only_the_secretariat_and_analysts_record_judgments_and_a_concluded_decision_takes_none()
    {
        var id = (await factory.Secretariat.OpenDecision("Judged by whom")).Id();

        using var anonymous = await factory.CreateClient().PostJson($"/api/v1/decisions/{id}/judgments", Judgment());
        using var delegation = await factory.Delegation("DEU").PostJson($"/api/v1/decisions/{id}/judgments", Judgment());
        using var unknown = await Analyst.PostJson("/api/v1/decisions/no-such-decision/judgments", Judgment());
        using var concluded = await Analyst.PostJson($"/api/v1/decisions/{ApiCalls.UkraineInvitation}/judgments", Judgment());
        using var secretariat = await factory.Secretariat.PostJson($"/api/v1/decisions/{id}/judgments", Judgment());

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delegation.StatusCode);
        await unknown.AssertProblem(HttpStatusCode.NotFound);
        await concluded.AssertProblem(HttpStatusCode.UnprocessableEntity, "id");
        Assert.Equal(HttpStatusCode.Created, secretariat.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/forecasts/decisions/" + ApiCalls.UkraineInvitation, HttpStatusCode.UnprocessableEntity, "id")]
    [InlineData("/api/v1/forecasts/decisions/no-such-decision", HttpStatusCode.NotFound, null)]
    [InlineData("/api/v1/forecasts/decisions/" + ApiCalls.UkraineInvitation + "?by=2020-01-01", HttpStatusCode.BadRequest, "by")]
    [InlineData("/api/v1/forecasts/decisions/" + ApiCalls.UkraineInvitation + "?by=9999-99-99", HttpStatusCode.BadRequest, "by")]
    public async Task a_decision_forecast_that_cannot_be_made_is_refused_naming_the_field(string url, HttpStatusCode status, string? field)
    {
        using var response = await Analyst.GetAsync(url, Ct);
        await response.AssertProblem(status, field);
    }
}
