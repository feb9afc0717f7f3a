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

    [Theory, MemberData(nameof(Uncleared))]
    public async Task the_feed_gives_a_partial_reader_no_positions_versions_or_hashes_and_pages_by_a_sealed_cursor(string who)
    {
        await WithRestrictedPosition();
        var client = Reader(who);

        var first = await client.GetJson("/api/v1/events?limit=2");
        var events = await client.AllEvents(pageSize: 3);
        using var byPosition = await client.GetAsync("/api/v1/events?after=5", Ct);

        Assert.False(first.TryGetProperty("next", out _));
        Assert.NotEqual(first.GetProperty("cursor").GetString(), (await client.GetJson("/api/v1/events?limit=2")).GetProperty("cursor").GetString());
        Assert.All(events, e => Assert.False(e.TryGetProperty("position", out _) || e.TryGetProperty("streamVersion", out _)
            || e.TryGetProperty("hash", out _) || e.TryGetProperty("previousHash", out _)));
        await byPosition.AssertProblem(HttpStatusCode.BadRequest, "after");
    }

    [Fact]
    public async Task a_redacted_writer_s_expected_version_is_refused_whatever_the_real_version()
    {
        await WithRestrictedPosition();
        foreach (var version in Enumerable.Range(0, 8))
        {
            using var own = await Unclassified("DEU").PostJson($"/api/v1/decisions/{Id}/positions", new { member = "DEU", kind = "concur", expectedVersion = version });
            using var other = await Unclassified("DEU").PostJson($"/api/v1/decisions/{Id}/positions", new { member = "HUN", kind = "concur", expectedVersion = version });
            await own.AssertProblem(HttpStatusCode.BadRequest, "expectedVersion");
            await other.AssertProblem(HttpStatusCode.Forbidden, "member");
        }
    }

    [Fact]
    public async Task a_whole_view_as_of_a_past_day_gives_a_version_only_to_a_reader_who_sees_every_event_now()
    {
        const string id = "late-entries-http";
        using (var opened = await factory.Secretariat.PostJson("/api/v1/decisions", new { id, subject = "Late entries", classification = "PUBLIC", opened = "2024-11-01" }))
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        // Recorded second, effective last and hidden; then a public position entered late, effective before it.
        using (var hungary = await factory.Delegation("HUN").PostJson($"/api/v1/decisions/{id}/positions",
                   new { member = "HUN", kind = "object", effective = "2024-12-01", classification = "NATO RESTRICTED" }))
            Assert.Equal(HttpStatusCode.OK, hungary.StatusCode);
        using (var france = await factory.Delegation("FRA").PostJson($"/api/v1/decisions/{id}/positions", new { member = "FRA", kind = "concur", effective = "2024-11-15" }))
            Assert.Equal(HttpStatusCode.OK, france.StatusCode);

        var observed = await factory.ClientAs(Role.Observer).GetJson($"/api/v1/decisions/{id}?asOf=2024-11-20");
        var cleared = await factory.ClientAs(Role.Analyst).GetJson($"/api/v1/decisions/{id}?asOf=2024-11-20");

        // The observer sees every event effective by then, so the whole view; its version would count the hidden one (3).
        Assert.True(observed.GetProperty("positionsShown").GetBoolean());
        Assert.Equal(["FRA"], observed.GetProperty("positions").EnumerateArray()
            .Where(p => p.GetProperty("kind").GetString() != "undeclared").Select(p => p.GetProperty("member").GetString()));
        Assert.Equal(0, observed.Version());
        Assert.Equal(3, cleared.Version());
    }

    [Fact]
    public async Task an_id_taken_by_a_hidden_decision_is_answered_201_under_an_id_the_server_chooses()
    {
        using var hidden = await factory.Secretariat.PostJson("/api/v1/decisions", new { id = "hidden-http-plans", subject = "Hidden", classification = "NATO SECRET" });
        Assert.Equal(HttpStatusCode.Created, hidden.StatusCode);

        using var junior = await JuniorSecretariat().PostJson("/api/v1/decisions", new { id = "hidden-http-plans", subject = "Mine" });

        Assert.Equal(HttpStatusCode.Created, junior.StatusCode);
        var id = (await junior.Json()).Id();
        Assert.StartsWith("hidden-http-plans-", id, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/decisions/{id}", junior.Headers.Location?.OriginalString);
    }

    private HttpClient Unclassified(string state) => _unclassified ??= WithAccount("deu-unclassified", Role.Delegation, state);

    private HttpClient JuniorSecretariat() => _junior ??= WithAccount("secretariat-unclassified", Role.Secretariat, null);

    private HttpClient? _unclassified, _junior;

    /// <summary>A client for an account cleared only for NATO UNCLASSIFIED.</summary>
    private HttpClient WithAccount(string name, Role role, string? nationality)
    {
        var user = TestAccounts.Ensure(factory.Services, new TestAccount(name, role, nationality, Domain.Marking.NatoUnclassified, null)).GetAwaiter().GetResult();
        var token = TestAccounts.Token(factory.Services, user, factory.Clock.GetCurrentInstant() + NodaTime.Duration.FromDays(30)).GetAwaiter().GetResult();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
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
