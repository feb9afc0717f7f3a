using System.Net;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/decisions/{id}?knownOn=: a decision as it was known on a day shows only what had been published by then.</summary>
public sealed class DecisionsKnownOnApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task the_invitation_decision_known_on_2024_05_01_is_open_with_the_reported_objections_and_says_which_day_it_is_known_on()
    {
        var view = await _client.GetJson("/api/v1/decisions/invite-ukraine-washington-2024?knownOn=2024-05-01");
        var now = await _client.GetJson("/api/v1/decisions/invite-ukraine-washington-2024");

        Assert.Equal("2024-05-01", view.GetProperty("knownOn").GetString());
        Assert.Equal("open", view.GetProperty("status").GetString());
        Assert.Equal("concluded", now.GetProperty("status").GetString());
        Assert.False(now.TryGetProperty("knownOn", out var none) && none.ValueKind != System.Text.Json.JsonValueKind.Null);
        var objecting = view.GetProperty("positions").EnumerateArray().Where(p => p.GetProperty("kind").GetString() == "object")
            .Select(p => p.GetProperty("member").GetString()).Order().ToList();
        Assert.Equal(["DEU", "HUN", "SVK", "USA"], objecting);
    }

    [Fact]
    public async Task a_malformed_known_on_is_a_400_naming_it()
    {
        using var response = await _client.GetAsync("/api/v1/decisions/invite-ukraine-washington-2024?knownOn=2024-02-30", TestContext.Current.CancellationToken);
        await response.AssertProblem(HttpStatusCode.BadRequest, "knownOn");
    }
}
