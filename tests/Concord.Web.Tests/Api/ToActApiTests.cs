using System.Net;
using System.Text.Json;
using Concord.Features.Access;
using NodaTime;
using NodaTime.Text;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/to-act over HTTP: what a delegation is asked to do, and by when.</summary>
public sealed class ToActApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> Open(Duration deadlineIn)
    {
        var id = "to-act-" + Guid.NewGuid().ToString("N")[..8];
        var deadline = factory.Clock.GetCurrentInstant().Plus(deadlineIn);
        using var opened = await factory.Secretariat.PostJson("/api/v1/decisions",
            new { id, subject = "To act " + id, classification = "PUBLIC", silenceDeadline = InstantPattern.General.Format(deadline) });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        return id;
    }

    private static List<string> Ids(JsonElement list, string name) => [.. list.GetProperty(name).EnumerateArray().Select(i => i.GetProperty("decision").GetString()!)];

    [Fact]
    public async Task a_delegation_is_asked_for_its_position_until_it_states_one_and_warned_of_a_silence_ending_within_48_hours()
    {
        var near = await Open(Duration.FromHours(30));
        var far = await Open(Duration.FromHours(72));
        var france = factory.Delegation("FRA");

        var before = await france.GetJson("/api/v1/to-act");
        Assert.Equal("FRA", before.GetProperty("state").GetString());
        Assert.Contains(near, Ids(before, "awaitingPosition"));
        Assert.Contains(far, Ids(before, "awaitingPosition"));
        Assert.Contains(near, Ids(before, "silenceEndingSoon"));
        Assert.DoesNotContain(far, Ids(before, "silenceEndingSoon"));

        using (var stated = await france.PostJson($"/api/v1/decisions/{near}/positions", new { member = "FRA", kind = "concur" }))
            Assert.Equal(HttpStatusCode.OK, stated.StatusCode);
        var after = await france.GetJson("/api/v1/to-act");

        Assert.DoesNotContain(near, Ids(after, "awaitingPosition"));
        var warning = Assert.Single(after.GetProperty("silenceEndingSoon").EnumerateArray(), i => i.GetProperty("decision").GetString() == near);
        Assert.Equal("concur", warning.GetProperty("position").GetString());
        Assert.EndsWith("CEST", warning.GetProperty("deadlineBrussels").GetString(), StringComparison.Ordinal);
        // Germany has not spoken: the decision still awaits its position.
        Assert.Contains(near, Ids(await factory.Delegation("DEU").GetJson("/api/v1/to-act"), "awaitingPosition"));
    }

    [Fact]
    public async Task an_account_that_speaks_for_no_state_has_no_list()
    {
        using var analyst = await factory.ClientAs(Role.Analyst).GetAsync("/api/v1/to-act", Ct);
        using var visitor = await factory.CreateClient().GetAsync("/api/v1/to-act", Ct);

        await analyst.AssertProblem(HttpStatusCode.Forbidden);
        await visitor.AssertProblem(HttpStatusCode.Unauthorized);
    }
}
