using System.Net;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/summits: summits and the decisions due at each.</summary>
public sealed class SummitsApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task the_washington_summit_2024_lists_the_ukraine_invitation_as_due()
    {
        var detail = await _client.GetJson("/api/v1/summits/washington-2024");

        var summit = detail.GetProperty("summit");
        Assert.Equal("washington-2024", summit.GetProperty("id").GetString());
        Assert.Equal("2024-07-09", summit.GetProperty("start").GetString());
        Assert.Equal("2024-07-11", summit.GetProperty("end").GetString());
        var due = Assert.Single(detail.GetProperty("decisions").EnumerateArray());
        Assert.Equal(ApiCalls.UkraineInvitation, due.Id());
        Assert.Equal("washington-2024", due.GetProperty("summit").GetString());
    }

    [Fact]
    public async Task the_decision_list_filtered_by_summit_gives_the_same_decisions_as_the_summit()
    {
        var due = await _client.GetJson("/api/v1/decisions?summit=washington-2024");

        Assert.Equal([ApiCalls.UkraineInvitation], due.EnumerateArray().Select(d => d.Id()));
        Assert.Empty((await _client.GetJson("/api/v1/decisions?summit=vilnius-2023")).EnumerateArray());
    }

    [Fact]
    public async Task summits_are_listed_oldest_first()
    {
        var starts = (await _client.GetJson("/api/v1/summits")).EnumerateArray().Select(s => s.GetProperty("start").GetString()!).ToList();

        Assert.NotEmpty(starts);
        Assert.Equal(starts.Order(StringComparer.Ordinal), starts);
        Assert.Contains("2024-07-09", starts);
    }

    [Fact]
    public async Task an_unknown_summit_is_a_404_problem()
    {
        using var response = await _client.GetAsync("/api/v1/summits/atlantis-2030", TestContext.Current.CancellationToken);

        var problem = await response.AssertProblem(HttpStatusCode.NotFound);
        Assert.Contains("atlantis-2030", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
