using System.Net;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/members: the Allies, date-effective.</summary>
public sealed class MembersApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_alliance_has_32_allies_all_eligible_today_founders_first()
    {
        var members = (await _client.GetJson("/api/v1/members")).EnumerateArray().ToList();

        Assert.Equal(32, members.Count);
        Assert.All(members, m => Assert.True(m.GetProperty("eligible").GetBoolean()));
        Assert.Equal("1949-08-24", members[0].GetProperty("since").GetString());
        // The shipped members file gives no population: none is made up.
        Assert.All(members, m => Assert.False(m.TryGetProperty("population", out var p) && p.ValueKind != System.Text.Json.JsonValueKind.Null));
        Assert.Equal("SWE", members[^1].GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("1999-03-11", 16)]
    [InlineData("1999-03-12", 19)]
    [InlineData("2023-04-03", 30)]
    [InlineData("2023-04-04", 31)]
    public async Task the_members_as_of_a_date_are_the_members_of_that_day(string date, int count)
    {
        var members = (await _client.GetJson($"/api/v1/members?asOf={date}")).EnumerateArray().ToList();

        Assert.Equal(count, members.Count);
        Assert.All(members, m => Assert.True(m.GetProperty("eligible").GetBoolean()));
        Assert.All(members, m => Assert.True(string.CompareOrdinal(m.GetProperty("since").GetString(), date) <= 0));
    }

    [Fact]
    public async Task include_all_lists_every_member_the_body_ever_had_each_marked_eligible_or_not()
    {
        var members = (await _client.GetJson("/api/v1/members?asOf=1999-03-11&include=all")).EnumerateArray().ToList();

        Assert.Equal(32, members.Count);
        Assert.Equal(16, members.Count(m => m.GetProperty("eligible").GetBoolean()));
    }

    [Fact]
    public async Task an_include_other_than_all_is_refused_naming_include()
    {
        using var response = await _client.GetAsync("/api/v1/members?include=everyone", Ct);

        await response.AssertProblem(HttpStatusCode.BadRequest, "include");
    }

    [Fact]
    public async Task as_of_2023_01_01_with_include_all_finland_and_sweden_are_listed_but_not_yet_eligible()
    {
        var members = (await _client.GetJson("/api/v1/members?asOf=2023-01-01&include=all")).EnumerateArray().ToList();

        var notYet = members.Where(m => !m.GetProperty("eligible").GetBoolean()).Select(m => m.GetProperty("code").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["FIN", "SWE"], notYet);
    }

    [Fact]
    public async Task one_ally_is_found_by_its_code_with_its_accession_date()
    {
        var sweden = await _client.GetJson("/api/v1/members/SWE");

        Assert.Equal("SWE", sweden.GetProperty("code").GetString());
        Assert.Equal("2024-03-07", sweden.GetProperty("since").GetString());
        Assert.Equal("NATO", sweden.GetProperty("body").GetString());
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("UKR")]
    [InlineData("12")]
    public async Task an_unknown_member_is_a_404_problem(string code)
    {
        using var response = await _client.GetAsync($"/api/v1/members/{code}", Ct);

        var problem = await response.AssertProblem(HttpStatusCode.NotFound);
        Assert.Contains(code, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unknown_body_is_a_404_problem()
    {
        using var response = await _client.GetAsync("/api/v1/members?body=WARSAW", Ct);

        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_as_of_date_that_does_not_parse_is_refused_naming_asOf()
    {
        using var response = await _client.GetAsync("/api/v1/members?asOf=last-year", Ct);

        await response.AssertProblem(HttpStatusCode.BadRequest, "asOf");
    }

    [Fact]
    public async Task known_on_a_day_the_members_are_those_seated_by_then_with_only_the_sources_and_notes_published_by_then()
    {
        var known = (await _client.GetJson("/api/v1/members?asOf=2023-04-04&knownOn=2023-04-03")).EnumerateArray().ToList();
        var now = (await _client.GetJson("/api/v1/members?asOf=2023-04-04")).EnumerateArray().ToList();
        var published = await _client.SourceDates();

        Assert.Contains(now, m => m.GetProperty("code").GetString() == "FIN");
        Assert.DoesNotContain(known, m => m.GetProperty("code").GetString() == "FIN");
        Assert.Equal(30, known.Count);
        var cited = known.Select(m => m.TryGetProperty("sources", out var s) ? s.GetString() : null).OfType<string>().SelectMany(s => s.Split(';')).Distinct().ToList();
        Assert.All(cited, id => Assert.True(published.PublishedBy(id, "2023-04-03"), $"{id} is shown on 2023-04-03"));
        Assert.True(now.Count(m => m.TryGetProperty("notes", out var n) && n.ValueKind == System.Text.Json.JsonValueKind.String)
            >= known.Count(m => m.TryGetProperty("notes", out var n) && n.ValueKind == System.Text.Json.JsonValueKind.String));
    }

    [Fact]
    public async Task a_malformed_known_on_is_refused_naming_it()
    {
        using var response = await _client.GetAsync("/api/v1/members?knownOn=2023-13-01", Ct);

        await response.AssertProblem(HttpStatusCode.BadRequest, "knownOn");
    }
}
