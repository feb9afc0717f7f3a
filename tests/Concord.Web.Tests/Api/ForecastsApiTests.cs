using System.Net;

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
