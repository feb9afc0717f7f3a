using System.Net;
using System.Text.Json;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/decisions: reading outcomes (now and as of a date), opening decisions, closing them.</summary>
public sealed partial class DecisionsApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static readonly string[] UkraineBlockers = ["DEU", "HUN", "SVK", "USA"];

    private readonly HttpClient _client = factory.Secretariat;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The Washington question's headline: as strong as the reports it rests on, with each blocker's confidence and condition.</summary>
    private const string HedgedHeadline =
        "Blocked, as reported: Germany and the United States (reported), Hungary and Slovakia (reported as sceptical).";

    [Fact]
    public async Task the_ukraine_invitation_concluded_on_2024_07_11_without_consensus_naming_exactly_DEU_HUN_SVK_and_USA_as_reported()
    {
        var view = await _client.GetJson($"/api/v1/decisions/{ApiCalls.UkraineInvitation}");

        Assert.Equal(("lapsed", "concluded"), (view.Outcome(), view.GetProperty("status").GetString()));
        Assert.Equal("2024-07-10T22:00:00Z", view.GetProperty("closed").GetString());
        Assert.Equal("S34", view.GetProperty("conclusionSource").GetString());
        Assert.Equal("Closed without consensus on 2024-07-11. " + HedgedHeadline, view.GetProperty("explanation").GetString());
        Assert.Equal(UkraineBlockers, view.Strings("blocking").Order(StringComparer.Ordinal));
        Assert.Equal("washington-2024", view.GetProperty("summit").GetString());
        var objecting = view.GetProperty("positions").EnumerateArray()
            .Where(p => p.GetProperty("kind").GetString() == "object").Select(p => p.GetProperty("member").GetString());
        Assert.Equal(UkraineBlockers, objecting.Order(StringComparer.Ordinal));
        Assert.Equal(["claimed"], view.GetProperty("positions").EnumerateArray()
            .Where(p => p.GetProperty("kind").GetString() == "concur").Select(p => p.GetProperty("confidence").GetString()).Distinct());
    }

    [Fact]
    public async Task as_of_a_date_before_any_position_the_ukraine_invitation_is_pending()
    {
        var view = await _client.GetJson($"/api/v1/decisions/{ApiCalls.UkraineInvitation}?asOf=2024-01-01");

        Assert.Equal("pending", view.Outcome());
        Assert.Empty(view.Strings("blocking"));
        Assert.All(view.GetProperty("positions").EnumerateArray(), p => Assert.Equal("undeclared", p.GetProperty("kind").GetString()));
        Assert.DoesNotContain("SWE", view.GetProperty("positions").EnumerateArray().Select(p => p.GetProperty("member").GetString()));
    }

    [Fact]
    public async Task as_of_the_day_the_positions_were_reported_the_ukraine_invitation_is_open_and_blocked_as_reported()
    {
        var view = await _client.GetJson($"/api/v1/decisions/{ApiCalls.UkraineInvitation}?asOf=2024-04-05");

        Assert.Equal(("blocked", "open"), (view.Outcome(), view.GetProperty("status").GetString()));
        Assert.Equal(UkraineBlockers, view.Strings("blocking").Order(StringComparer.Ordinal));
        Assert.Equal(HedgedHeadline, view.GetProperty("explanation").GetString());
        Assert.Equal(["reported", "reported", "reported", "reported"], view.GetProperty("positions").EnumerateArray()
            .Where(p => p.GetProperty("kind").GetString() == "object").Select(p => p.GetProperty("confidence").GetString()));
    }

    [Fact]
    public async Task as_of_the_day_before_the_summit_ended_the_ukraine_invitation_was_still_open()
    {
        var view = await _client.GetJson($"/api/v1/decisions/{ApiCalls.UkraineInvitation}?asOf=2024-07-10");

        Assert.Equal(("blocked", "open"), (view.Outcome(), view.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task an_outcome_recorded_from_its_source_concludes_the_decision_on_its_day()
    {
        // A decision of its own: the open copy of the Washington question is shared by the class's tests that record positions.
        const string id = "concluded-from-its-source";
        using (var opened = await _client.PostJson("/api/v1/decisions", new { id, subject = "A question the summit left open", opened = "2023-07-11" }))
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var before = await _client.LogHead();

        using var response = await _client.PostJson($"/api/v1/decisions/{id}/conclusion",
            new { outcome = "lapsed", concluded = "2024-07-11", source = "Washington Summit Declaration" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Json();
        Assert.Equal(("lapsed", "concluded", "Washington Summit Declaration"),
            (view.Outcome(), view.GetProperty("status").GetString(), view.GetProperty("conclusionSource").GetString()));
        Assert.Equal(before.Count + 1, (await _client.LogHead()).Count);
        Assert.Equal("open", (await _client.GetJson($"/api/v1/decisions/{id}?asOf=2024-04-05")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task an_adoption_recorded_while_objections_stand_is_refused_422_naming_outcome_and_nothing_is_stored()
    {
        var id = await factory.OpenInvitation();

        var problem = await _client.AssertRefusedWithoutChange(
            () => _client.PostJson($"/api/v1/decisions/{id}/conclusion", new { outcome = "adopted", concluded = "2024-07-11", source = "A forged communiqué" }),
            HttpStatusCode.UnprocessableEntity, "outcome");

        Assert.Contains("Germany (object)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("open", (await _client.GetJson($"/api/v1/decisions/{id}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"outcome":"withdrawn","source":"S1"}""", "outcome")]
    [InlineData("""{"outcome":"lapsed"}""", "source")]
    [InlineData("""{"outcome":"lapsed","source":"S1","concluded":"2024-02-30"}""", "concluded")]
    [InlineData("""{"concluded":"2024-07-11"}""", "outcome")]
    public async Task a_recorded_outcome_that_cannot_be_read_is_refused_naming_the_field(string json, string field)
    {
        var id = await factory.OpenInvitation();

        await _client.AssertRefusedWithoutChange(() => _client.PostRaw($"/api/v1/decisions/{id}/conclusion", json), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task as_of_a_date_before_the_decision_opened_it_is_not_found()
    {
        using var response = await _client.GetAsync($"/api/v1/decisions/{ApiCalls.UkraineInvitation}?asOf=2023-01-01", Ct);

        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-13-45")]
    public async Task an_as_of_date_that_does_not_parse_is_refused_naming_asOf(string asOf)
    {
        using var response = await _client.GetAsync($"/api/v1/decisions/{ApiCalls.UkraineInvitation}?asOf={asOf}", Ct);

        await response.AssertProblem(HttpStatusCode.BadRequest, "asOf");
    }

    [Theory]
    [InlineData("no-such-decision")]
    [InlineData("Not A Valid Id")]
    public async Task an_unknown_decision_is_a_404_problem(string id)
    {
        using var response = await _client.GetAsync($"/api/v1/decisions/{Uri.EscapeDataString(id)}", Ct);

        var problem = await response.AssertProblem(HttpStatusCode.NotFound);
        Assert.Contains(id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_decision_list_shows_the_ukraine_invitation_in_the_same_words_as_the_decision_itself()
    {
        var list = await _client.GetJson("/api/v1/decisions");

        var ukraine = Assert.Single(list.EnumerateArray(), d => d.Id() == ApiCalls.UkraineInvitation);
        Assert.Equal("lapsed", ukraine.Outcome());
        Assert.Equal("natoConsensus", ukraine.GetProperty("rule").GetString());
        Assert.Equal(UkraineBlockers, ukraine.Strings("blocking").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task an_opened_decision_is_created_pending_at_its_location_with_one_event()
    {
        var before = await _client.LogHead();

        using var response = await _client.PostJson("/api/v1/decisions", new { subject = "Adopt the 2025 capability targets" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = await response.Json();
        Assert.Equal("pending", view.Outcome());
        Assert.Equal("natoConsensus", view.GetProperty("rule").GetString());
        Assert.Equal(1, view.Version());
        Assert.StartsWith("adopt-the-2025-capability-targets-", view.Id(), StringComparison.Ordinal);
        Assert.Equal($"/api/v1/decisions/{view.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal(32, view.Strings("toAct").Length);
        Assert.Equal(before.Count + 1, (await _client.LogHead()).Count);
        Assert.Equal(view.Id(), (await _client.GetJson(response.Headers.Location!.OriginalString)).Id());
    }

    [Fact]
    public async Task a_subject_of_ten_thousand_characters_is_refused_naming_subject_and_changes_nothing()
    {
        var subject = new string('x', 10_000);

        await _client.AssertRefusedWithoutChange(() => _client.PostJson("/api/v1/decisions", new { subject }), HttpStatusCode.BadRequest, "subject");
    }

    [Theory]
    [InlineData("""{"subject":"Test","rule":"majorityOfTheLoudest"}""", "rule")]
    [InlineData("""{"subject":"Test","silenceDeadline":"next tuesday"}""", "silenceDeadline")]
    [InlineData("""{"subject":"Test","opened":"2024-02-30"}""", "opened")]
    [InlineData("""{"subject":"Test","id":"Not Valid"}""", "id")]
    [InlineData("""{"subject":"Test","concerned":"Ukraine"}""", "concerned")]
    [InlineData("""{"subject":12}""", "subject")]
    [InlineData("""{"rule":"natoConsensus"}""", "subject")]
    public async Task opening_with_a_bad_field_is_refused_naming_it_and_changes_nothing(string json, string field)
    {
        await _client.AssertRefusedWithoutChange(() => _client.PostRaw("/api/v1/decisions", json), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task opening_a_decision_that_already_exists_is_a_conflict_and_changes_nothing()
    {
        await _client.AssertRefusedWithoutChange(
            () => _client.PostJson("/api/v1/decisions", new { id = ApiCalls.UkraineInvitation, subject = "Invite Ukraine again" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task opening_a_decision_in_the_future_is_refused_and_changes_nothing()
    {
        await _client.AssertRefusedWithoutChange(
            () => _client.PostJson("/api/v1/decisions", new { subject = "Test", opened = "2099-01-01" }), HttpStatusCode.UnprocessableEntity, "opened");
    }

    [Fact]
    public async Task a_withdrawn_decision_reports_withdrawn_and_cannot_be_withdrawn_twice()
    {
        var id = (await _client.OpenDecision("To be withdrawn")).Id();

        using var response = await _client.PostJson($"/api/v1/decisions/{id}/withdrawal", new { reason = "Overtaken by events" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("withdrawn", (await response.Json()).Outcome());

        await _client.AssertRefusedWithoutChange(
            () => _client.PostJson($"/api/v1/decisions/{id}/withdrawal", new { reason = "Again" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task a_withdrawal_without_a_reason_is_refused_naming_reason_and_changes_nothing()
    {
        var id = (await _client.OpenDecision("Withdrawal needs a reason")).Id();

        await _client.AssertRefusedWithoutChange(() => _client.PostJson($"/api/v1/decisions/{id}/withdrawal", new { }), HttpStatusCode.BadRequest, "reason");
    }

    [Fact]
    public async Task concluding_a_decision_nobody_agreed_to_closes_it_as_lapsed()
    {
        var id = (await _client.OpenDecision("To be concluded")).Id();

        using var response = await _client.PostJson($"/api/v1/decisions/{id}/conclusion", new { });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("lapsed", (await response.Json()).Outcome());
        Assert.Equal("lapsed", (await _client.GetJson($"/api/v1/decisions/{id}")).Outcome());
    }

    [Fact]
    public async Task writing_to_an_unknown_decision_is_a_404_problem_and_changes_nothing()
    {
        const string url = "/api/v1/decisions/no-such-decision";
        await _client.AssertRefusedWithoutChange(() => factory.Delegation("FRA").PostJson($"{url}/positions", new { member = "FRA", kind = "concur" }), HttpStatusCode.NotFound);
        await _client.AssertRefusedWithoutChange(() => _client.PostJson($"{url}/withdrawal", new { reason = "None" }), HttpStatusCode.NotFound);
        await _client.AssertRefusedWithoutChange(() => _client.PostJson($"{url}/conclusion", new { }), HttpStatusCode.NotFound);
        await _client.AssertRefusedWithoutChange(() => _client.PostJson($"{url}/silence", new { deadline = "2099-01-01" }), HttpStatusCode.NotFound);
        using var history = await _client.GetAsync($"{url}/positions", Ct);
        await history.AssertProblem(HttpStatusCode.NotFound);
    }

    private static string Member(JsonElement view, string code, string property) =>
        view.GetProperty("positions").EnumerateArray().Single(p => p.GetProperty("member").GetString() == code).GetProperty(property).GetString()!;
}
