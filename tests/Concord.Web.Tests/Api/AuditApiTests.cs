using System.Net;
using Concord.Features.Access;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/audit: who did what and when, and the chain report; administrators and the secretariat only.</summary>
public sealed class AuditApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task an_administrator_reads_who_recorded_each_event_and_when_without_payloads()
    {
        var page = await factory.ClientAs(Role.Administrator).GetJson("/api/v1/audit?limit=5");

        var entries = page.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(5, entries.Count);
        Assert.Equal(5, page.GetProperty("next").GetInt64());
        Assert.All(entries, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("actor").GetString()));
            Assert.True(e.TryGetProperty("recorded", out _));
            Assert.True(e.TryGetProperty("streamId", out _));
            Assert.False(e.TryGetProperty("payload", out _));
        });
    }

    [Fact]
    public async Task the_trail_filters_by_event_name_and_stream_prefix()
    {
        var page = await factory.Secretariat.GetJson($"/api/v1/audit?event=PositionStated&stream=decision-{ApiCalls.UkraineInvitation}&limit=1000");

        var entries = page.GetProperty("entries").EnumerateArray().ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal(("PositionStated", $"decision-{ApiCalls.UkraineInvitation}"),
            (e.GetProperty("event").GetString(), e.GetProperty("streamId").GetString())));
    }

    [Fact]
    public async Task an_observer_is_forbidden_and_a_visitor_must_sign_in()
    {
        using var observer = await factory.ClientAs(Role.Observer).GetAsync("/api/v1/audit", Ct);
        using var observerVerify = await factory.ClientAs(Role.Observer).GetAsync("/api/v1/audit/verify", Ct);
        using var anonymous = await factory.CreateClient().GetAsync("/api/v1/audit", Ct);
        using var anonymousVerify = await factory.CreateClient().GetAsync("/api/v1/audit/verify", Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (observer.StatusCode, observerVerify.StatusCode));
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (anonymous.StatusCode, anonymousVerify.StatusCode));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=many", "limit")]
    [InlineData("after=-1", "after")]
    [InlineData("from=last-tuesday", "from")]
    [InlineData("from=2024-06-05&to=2024-06-01", "to")]
    public async Task bad_filters_are_refused_with_a_problem_naming_the_field(string query, string field)
    {
        using var response = await factory.ClientAs(Role.Administrator).GetAsync($"/api/v1/audit?{query}", Ct);

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task verify_reports_the_seeded_chain_intact_with_its_head()
    {
        var head = await factory.Secretariat.LogHead();

        var report = await factory.ClientAs(Role.Administrator).GetJson("/api/v1/audit/verify");

        Assert.True(report.GetProperty("intact").GetBoolean());
        Assert.Equal(head.LastHash, report.GetProperty("headHash").GetString());
        Assert.Equal(head.Count, report.GetProperty("events").GetInt64());
        Assert.False(report.TryGetProperty("firstBreak", out _));
    }

    [Fact]
    public async Task verify_with_a_head_that_is_not_position_colon_hash_is_refused_naming_expect_head()
    {
        using var response = await factory.ClientAs(Role.Administrator).GetAsync("/api/v1/audit/verify?expectHead=12:abc", Ct);

        await response.AssertProblem(HttpStatusCode.BadRequest, "expectHead");
    }
}
