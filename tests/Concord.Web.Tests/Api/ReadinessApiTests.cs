using System.Net;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/readiness: expenditure and stocks vs floors for every Ally; the impact of a proposed donation.</summary>
public sealed class ReadinessApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_visitor_sees_the_2024_defence_expenditure_of_all_32_allies_with_sources_and_the_example_notice()
    {
        var view = await factory.CreateClient().GetJson("/api/v1/readiness");

        var allies = view.GetProperty("allies").EnumerateArray()
            .Where(a => a.GetProperty("expenditure").EnumerateArray().Any(e => e.GetProperty("year").GetInt32() == 2024)).ToList();
        Assert.Equal(32, allies.Count);
        Assert.All(allies, a => Assert.All(a.GetProperty("expenditure").EnumerateArray(),
            e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("source").GetString()))));
        Assert.Contains("EXAMPLE", view.GetProperty("notice").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_impact_of_a_donation_is_said_in_words_and_records_nothing()
    {
        var client = factory.CreateClient();
        var before = await client.LogHead();
        // The example data: Germany holds 17 air-defence systems with a floor of 14.
        var impact = await client.GetJson("/api/v1/readiness/DEU/impact?category=air-defence&quantity=5");

        Assert.Equal("Germany's air-defence stock would fall to 12, below its floor of 14.", impact.GetProperty("words").GetString());
        Assert.True(impact.GetProperty("belowFloor").GetBoolean());
        Assert.Equal(before, await client.LogHead());
    }

    [Fact]
    public async Task a_bad_impact_request_names_the_field_and_an_unknown_ally_is_not_found()
    {
        var client = factory.CreateClient();
        using var bad = await client.GetAsync("/api/v1/readiness/DEU/impact?category=air-defence&quantity=none", Ct);
        await bad.AssertProblem(HttpStatusCode.BadRequest, "quantity");
        using var unknown = await client.GetAsync("/api/v1/readiness/XXX", Ct);
        await unknown.AssertProblem(HttpStatusCode.NotFound);
    }
}
