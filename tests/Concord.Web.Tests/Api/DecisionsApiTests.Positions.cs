using System.Net;
using System.Text.Json;

namespace Concord.Web.Tests.Api;

/// <summary>POST and GET /api/v1/decisions/{id}/positions: what a position changes, and every way one is refused.</summary>
public sealed partial class DecisionsApiTests
{
    [Fact]
    public async Task a_recorded_position_changes_the_outcome_and_is_kept_in_the_members_history()
    {
        var id = (await _client.OpenDecision("Hold a position")).Id();

        using var response = await factory.Delegation("TUR").PostJson($"/api/v1/decisions/{id}/positions",
            new { member = "TUR", kind = "reservation", condition = "Until the text on terrorism is agreed", source = "Test", expectedVersion = 1 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Json();
        Assert.Equal("blocked", view.Outcome());
        Assert.Equal(["TUR"], view.Strings("blocking"));
        Assert.Equal(2, view.Version());
        Assert.Equal("reservation", Member(view, "TUR", "kind"));
        var history = await _client.GetJson($"/api/v1/decisions/{id}/positions?member=TUR");
        var change = Assert.Single(history.EnumerateArray());
        Assert.Equal("ReservationPlaced", change.GetProperty("event").GetString());
        Assert.Equal("Until the text on terrorism is agreed", change.GetProperty("condition").GetString());
        Assert.Empty((await _client.GetJson($"/api/v1/decisions/{id}/positions?member=FRA")).EnumerateArray());
    }

    [Fact]
    public async Task a_position_history_for_a_malformed_member_code_is_refused_naming_member()
    {
        using var response = await _client.GetAsync($"/api/v1/decisions/{ApiCalls.UkraineInvitation}/positions?member=Germany", Ct);

        await response.AssertProblem(HttpStatusCode.BadRequest, "member");
    }

    [Fact]
    public async Task a_position_from_an_unknown_member_is_a_404_problem_and_changes_nothing()
    {
        var id = (await _client.OpenDecision("Unknown member")).Id();

        var problem = await _client.AssertRefusedWithoutChange(
            () => factory.Delegation("XYZ").PostJson($"/api/v1/decisions/{id}/positions", new { member = "XYZ", kind = "concur" }), HttpStatusCode.NotFound);
        Assert.Contains("XYZ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_position_from_a_state_that_was_not_yet_a_member_on_that_date_is_refused_with_the_reason()
    {
        var problem = await _client.AssertRefusedWithoutChange(
            () => factory.Delegation("SWE").PostJson($"/api/v1/decisions/{ApiCalls.UkraineInvitation}/positions", new { member = "SWE", kind = "concur", effective = "2020-01-01" }),
            HttpStatusCode.UnprocessableEntity, "member");

        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("not a member", detail, StringComparison.Ordinal);
        Assert.Contains("2020-01-01", detail, StringComparison.Ordinal);
        Assert.Contains("2024-03-07", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_position_after_the_decision_was_withdrawn_is_a_conflict_and_changes_nothing()
    {
        var id = (await _client.OpenDecision("Withdrawn before positions")).Id();
        using var withdrawn = await _client.PostJson($"/api/v1/decisions/{id}/withdrawal", new { reason = "No longer needed" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);

        await _client.AssertRefusedWithoutChange(
            () => factory.Delegation("FRA").PostJson($"/api/v1/decisions/{id}/positions", new { member = "FRA", kind = "concur" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task a_position_after_the_decision_was_concluded_is_a_conflict_and_changes_nothing()
    {
        var id = (await _client.OpenDecision("Concluded before positions")).Id();
        using var concluded = await _client.PostJson($"/api/v1/decisions/{id}/conclusion", new { });
        Assert.Equal(HttpStatusCode.OK, concluded.StatusCode);

        await _client.AssertRefusedWithoutChange(
            () => factory.Delegation("FRA").PostJson($"/api/v1/decisions/{id}/positions", new { member = "FRA", kind = "concur" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task a_stale_expected_version_is_a_conflict_and_changes_nothing()
    {
        var id = (await _client.OpenDecision("Two delegations at once")).Id();
        using var first = await factory.Delegation("FRA").PostJson($"/api/v1/decisions/{id}/positions", new { member = "FRA", kind = "concur", expectedVersion = 1 });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        await _client.AssertRefusedWithoutChange(
            () => factory.Delegation("DEU").PostJson($"/api/v1/decisions/{id}/positions", new { member = "DEU", kind = "concur", expectedVersion = 1 }), HttpStatusCode.Conflict);
        await _client.AssertRefusedWithoutChange(
            () => _client.PostJson($"/api/v1/decisions/{id}/withdrawal", new { reason = "Stale", expectedVersion = 1 }), HttpStatusCode.Conflict);
        await _client.AssertRefusedWithoutChange(
            () => _client.PostJson($"/api/v1/decisions/{id}/conclusion", new { expectedVersion = 1 }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task a_position_taking_effect_in_the_future_is_refused_naming_effective_and_changes_nothing()
    {
        var id = await factory.OpenInvitation();
        await _client.AssertRefusedWithoutChange(
            () => factory.Delegation("FRA").PostJson($"/api/v1/decisions/{id}/positions", new { member = "FRA", kind = "concur", effective = "2099-01-01" }),
            HttpStatusCode.UnprocessableEntity, "effective");
    }

    [Fact]
    public async Task a_reservation_without_its_condition_is_refused_naming_condition_and_changes_nothing()
    {
        var id = await factory.OpenInvitation();
        await _client.AssertRefusedWithoutChange(
            () => factory.Delegation("FRA").PostJson($"/api/v1/decisions/{id}/positions", new { member = "FRA", kind = "reservation" }),
            HttpStatusCode.BadRequest, "condition");
    }

    /// <summary>Bodies a client can get wrong, each with the field the answer must name.</summary>
    public static TheoryData<string, string> BadPositionBodies => new()
    {
        { """{"member":"FRA","kind":"maybe"}""", "kind" },
        { """{"member":"FRA","kind":"concur","effective":"yesterday"}""", "effective" },
        { """{"member":"FRA","kind":"concur","effective":"2024-02-30"}""", "effective" },
        { """{"member":"FRA","kind":"concur","effective":2024-04-05}""", "effective" },
        { """{"member":"FRA","kind":"concur","expectedVersion":"seven"}""", "expectedVersion" },
        { """{"member":"France","kind":"concur"}""", "member" },
        { """{"member":250,"kind":"concur"}""", "member" },
        { """{"kind":"concur"}""", "member" },
        { """{"member":"FRA"}""", "kind" },
        { """{"member":"FRA","kind":"concur","note":"{0}"}""".Replace("{0}", new string('n', 2001), StringComparison.Ordinal), "note" },
        { """{"member":"FRA","kind":"concur",""", "body" },
        { """not json at all""", "body" },
        { """["FRA","concur"]""", "body" },
    };

    [Theory]
    [InlineData("claimed by Ukraine, not confirmed by this Ally")]
    [InlineData("reported as sceptical")]
    [InlineData("certain")]
    public async Task a_confidence_outside_the_vocabulary_is_refused_400_naming_confidence_and_its_words(string confidence)
    {
        var id = await factory.OpenInvitation();

        var problem = await _client.AssertRefusedWithoutChange(
            () => factory.Delegation("FRA").PostJson($"/api/v1/decisions/{id}/positions", new { member = "FRA", kind = "concur", confidence }),
            HttpStatusCode.BadRequest, "confidence");

        Assert.Contains("official, reported, derived, inferred, approximate, claimed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_position_with_a_confidence_of_the_vocabulary_shows_it_and_a_blank_one_is_unlabelled()
    {
        var id = (await _client.OpenDecision("Confidence words")).Id();

        using var official = await factory.Delegation("FRA").PostJson($"/api/v1/decisions/{id}/positions", new { member = "FRA", kind = "object", confidence = "Official" });
        using var blank = await factory.Delegation("DEU").PostJson($"/api/v1/decisions/{id}/positions", new { member = "DEU", kind = "concur", confidence = " " });

        var view = await blank.Json();
        var germany = view.GetProperty("positions").EnumerateArray().Single(p => p.GetProperty("member").GetString() == "DEU");
        Assert.Equal("official", Member(view, "FRA", "confidence"));
        Assert.True(!germany.TryGetProperty("confidence", out var unlabelled) || unlabelled.ValueKind == JsonValueKind.Null);
        Assert.Equal("Blocked: 1 Ally objects (FRA).", view.GetProperty("explanation").GetString());
    }

    [Theory]
    [MemberData(nameof(BadPositionBodies))]
    public async Task a_position_that_cannot_be_read_is_refused_naming_the_field_and_changes_nothing(string json, string field)
    {
        await _client.AssertRefusedWithoutChange(
            () => factory.Delegation("FRA").PostRaw($"/api/v1/decisions/{ApiCalls.UkraineInvitation}/positions", json), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task a_delegation_recording_another_states_position_is_refused_403_and_nothing_is_stored()
    {
        var id = (await _client.OpenDecision("Speak for yourself")).Id();

        var problem = await _client.AssertRefusedWithoutChange(
            () => factory.Delegation("DEU").PostJson($"/api/v1/decisions/{id}/positions", new { member = "FRA", kind = "object" }), HttpStatusCode.Forbidden);

        Assert.Contains("Germany", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var positions = await _client.GetJson($"/api/v1/decisions/{id}/positions");
        Assert.Empty(positions.EnumerateArray());
    }
}
