using System.Net;
using Concord.Features.Decisions;
using Concord.Features.Storage;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;

namespace Concord.Web.Tests.Api;

/// <summary>The silence procedure over HTTP, with the host's clock moved by hand.</summary>
public sealed partial class DecisionsApiTests
{
    private static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    [Fact]
    public async Task a_draft_broken_by_one_ally_and_reissued_is_adopted_under_silence_once_its_new_deadline_passes()
    {
        var now = factory.Clock.GetCurrentInstant();
        var firstDeadline = now + Duration.FromHours(2);
        var newDeadline = now + Duration.FromDays(1);

        var opened = await _client.OpenDecision("Statement on the anniversary", Iso(firstDeadline));
        var id = opened.Id();
        Assert.Equal("pending", opened.Outcome());
        Assert.Equal(Iso(firstDeadline), opened.GetProperty("silenceDeadline").GetString());

        using var broken = await factory.Delegation("HUN").PostJson($"/api/v1/decisions/{id}/positions", new { member = "HUN", kind = "object" });
        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        var blocked = await broken.Json();
        Assert.Equal("blocked", blocked.Outcome());
        Assert.Equal(["HUN"], blocked.Strings("blocking"));

        using var reissued = await _client.PostJson($"/api/v1/decisions/{id}/silence", new { deadline = Iso(newDeadline) });
        Assert.Equal(HttpStatusCode.OK, reissued.StatusCode);
        var pending = await reissued.Json();
        Assert.Equal("pending", pending.Outcome());
        Assert.Empty(pending.Strings("blocking"));
        Assert.Equal("undeclared", Member(pending, "HUN", "kind"));

        factory.Clock.Advance(Duration.FromDays(1) + Duration.FromMinutes(1));

        var adopted = await _client.GetJson($"/api/v1/decisions/{id}");
        Assert.Equal("adoptedUnderSilence", adopted.Outcome());
        Assert.Equal("pending", (await _client.GetJson($"/api/v1/decisions/{id}?asOf={Iso(newDeadline - Duration.FromSeconds(1))}")).Outcome());
        Assert.DoesNotContain(await _client.AllEvents(),
            e => e.GetProperty("streamId").GetString() == $"decision-{id}" && e.GetProperty("name").GetString() == "DecisionAdoptedUnderSilence");
    }

    [Fact]
    public async Task the_deadline_job_records_the_adoption_effective_at_the_deadline_however_late_it_runs()
    {
        var deadline = factory.Clock.GetCurrentInstant() + Duration.FromHours(1);
        var id = (await _client.OpenDecision("Silence while the server was down", Iso(deadline))).Id();
        factory.Clock.Advance(Duration.FromHours(5));

        await using (var scope = factory.Services.CreateAsyncScope())
            await ConcludeDueSilences.Handle(scope.ServiceProvider.GetRequiredService<ConcordDbContext>(), factory.Clock, Ct);

        var adoption = Assert.Single(await _client.AllEvents(),
            e => e.GetProperty("streamId").GetString() == $"decision-{id}" && e.GetProperty("name").GetString() == "DecisionAdoptedUnderSilence");
        Assert.Equal(Iso(deadline), adoption.GetProperty("effective").GetString());
        Assert.Equal("adoptedUnderSilence", (await _client.GetJson($"/api/v1/decisions/{id}")).Outcome());
        await _client.AssertRefusedWithoutChange(
            () => factory.Delegation("HUN").PostJson($"/api/v1/decisions/{id}/positions", new { member = "HUN", kind = "object" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task a_draft_whose_silence_holds_cannot_be_reissued_and_nothing_changes()
    {
        var deadline = factory.Clock.GetCurrentInstant() + Duration.FromHours(3);
        var id = (await _client.OpenDecision("Silence holds", Iso(deadline))).Id();

        await _client.AssertRefusedWithoutChange(
            () => _client.PostJson($"/api/v1/decisions/{id}/silence", new { deadline = Iso(deadline + Duration.FromDays(1)) }), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("tomorrow noon", HttpStatusCode.BadRequest)]
    [InlineData("2001-01-01T12:00:00Z", HttpStatusCode.UnprocessableEntity)]
    public async Task a_silence_deadline_that_does_not_parse_or_has_passed_is_refused_naming_deadline(string deadline, HttpStatusCode status)
    {
        var id = (await _client.OpenDecision("Bad deadline")).Id();

        await _client.AssertRefusedWithoutChange(() => _client.PostJson($"/api/v1/decisions/{id}/silence", new { deadline }), status, "deadline");
    }

    [Fact]
    public async Task opening_under_a_silence_deadline_that_has_passed_is_refused_and_changes_nothing()
    {
        await _client.AssertRefusedWithoutChange(
            () => _client.PostJson("/api/v1/decisions", new { subject = "Too late", silenceDeadline = "2001-01-01" }),
            HttpStatusCode.UnprocessableEntity, "silenceDeadline");
    }
}
