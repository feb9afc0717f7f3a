using System.Net;
using System.Text.Json;
using Concord.Features.Access;

namespace Concord.Web.Tests.Api;

/// <summary>
/// Redaction over HTTP: an Observer and a Candidate delegation never receive a NATO RESTRICTED position through the
/// decision (now or as of a date), its position history, the list or the event feed, and no aggregate betrays it.
/// </summary>
public sealed class RedactionTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private const string Id = "flank-plans-http";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Uncleared => new("observer", "candidate delegation UKR");

    private HttpClient Reader(string who) => who == "observer" ? factory.ClientAs(Role.Observer) : factory.ClientAs(Role.CandidateDelegation, "UKR");

    [Theory, MemberData(nameof(Uncleared))]
    public async Task a_reader_not_cleared_for_a_restricted_position_never_receives_it_over_http(string who)
    {
        await WithRestrictedPosition();
        var client = Reader(who);

        foreach (var url in new[] { $"/api/v1/decisions/{Id}", $"/api/v1/decisions/{Id}?asOf=2024-12-15" })
        {
            using var response = await client.GetAsync(url, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("HUN", text, StringComparison.Ordinal);
            var view = JsonDocument.Parse(text).RootElement;
            Assert.False(view.GetProperty("positionsShown").GetBoolean());
            Assert.Equal("withheld", view.Outcome());
            foreach (var list in new[] { "positions", "blocking", "toAct", "whatItWouldTake" }) Assert.Equal(0, view.GetProperty(list).GetArrayLength());
        }
        Assert.Equal("No consensus.", (await client.GetJson($"/api/v1/decisions/{Id}")).GetProperty("explanation").GetString());
        Assert.Equal(0, (await client.GetJson($"/api/v1/decisions/{Id}/positions")).GetArrayLength());
        var row = (await client.GetJson("/api/v1/decisions")).EnumerateArray().Single(d => d.Id() == Id);
        Assert.Equal(("withheld", 0), (row.Outcome(), row.GetProperty("blocking").GetArrayLength()));
        var stream = (await client.AllEvents()).Where(e => e.GetProperty("streamId").GetString() == "decision-" + Id).ToList();
        Assert.Equal(["DecisionOpened", "OutcomeReleased"], stream.Select(e => e.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task the_analyst_cleared_for_the_position_sees_who_blocks()
    {
        await WithRestrictedPosition();

        var view = await factory.ClientAs(Role.Analyst).GetJson($"/api/v1/decisions/{Id}");

        Assert.Equal("blocked", view.Outcome());
        Assert.Equal(["HUN"], view.Strings("blocking"));
    }

    [Fact]
    public async Task a_delegation_stating_another_states_position_gets_403_and_nothing_is_stored()
    {
        await WithRestrictedPosition();
        var before = await factory.Secretariat.LogHead();

        using var response = await factory.Delegation("DEU").PostJson($"/api/v1/decisions/{Id}/positions", new { member = "HUN", kind = "concur" });

        await response.AssertProblem(HttpStatusCode.Forbidden);
        Assert.Equal(before, await factory.Secretariat.LogHead());
    }

    private async Task WithRestrictedPosition()
    {
        if ((await factory.Secretariat.GetAsync($"/api/v1/decisions/{Id}", Ct)).StatusCode == HttpStatusCode.OK) return;
        using var opened = await factory.Secretariat.PostJson("/api/v1/decisions",
            new { id = Id, subject = "Eastern flank plans", classification = "PUBLIC", opened = "2024-11-01" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        using var france = await factory.Delegation("FRA").PostJson($"/api/v1/decisions/{Id}/positions",
            new { member = "FRA", kind = "concur", effective = "2024-11-15" });
        Assert.Equal(HttpStatusCode.OK, france.StatusCode);
        using var hungary = await factory.Delegation("HUN").PostJson($"/api/v1/decisions/{Id}/positions",
            new { member = "HUN", kind = "object", effective = "2024-12-01", classification = "NATO RESTRICTED" });
        Assert.Equal(HttpStatusCode.OK, hungary.StatusCode);
        using var released = await factory.Secretariat.PostJson($"/api/v1/decisions/{Id}/release", new { statement = "No consensus." });
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
    }
}
