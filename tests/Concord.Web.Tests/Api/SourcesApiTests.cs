using System.Net;
using Concord.Features.Access;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/sources over HTTP: a cited id resolves to its documents; a bad source changes nothing.</summary>
public sealed class SourcesApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task s33_resolves_to_publisher_title_date_and_address_of_each_of_its_documents()
    {
        var source = await _client.GetJson("/api/v1/sources/S33");

        var documents = source.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(["S33-1", "S33-2", "S33-3"], documents.Select(d => d.GetProperty("id").GetString()));
        Assert.Equal("Ukraine Today (Ukrinform)", documents[0].GetProperty("publisher").GetString());
        Assert.Equal("2023-07-11", documents[0].GetProperty("published").GetString());
        Assert.Equal("https://ukrainetoday.org/2023/07/11/nato-allies-reaffirm-ukraines-future-is-in-nato/", documents[0].GetProperty("url").GetString());
        Assert.All(documents, d => Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("title").GetString())));
        Assert.Contains(source.GetProperty("citedBy").EnumerateArray(), c => c.GetProperty("href").GetString() == "/accessions/UKR");
    }

    [Fact]
    public async Task an_unknown_source_is_a_404_problem()
    {
        using var response = await _client.GetAsync("/api/v1/sources/S9999", TestContext.Current.CancellationToken);
        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_secretariat_registers_a_source_and_the_same_record_again_is_answered_200_without_a_write()
    {
        var client = factory.Secretariat;
        var body = new { id = "T-2026-1", kind = "official", publisher = "NATO", title = "Press release", published = "2026-11", url = "https://www.nato.int/x" };

        using var created = await client.PostJson("/api/v1/sources", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/sources/T-2026-1", created.Headers.Location?.OriginalString);
        var head = await client.LogHead();
        using var again = await client.PostJson("/api/v1/sources", body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(head, await client.LogHead());
        await client.AssertRefusedWithoutChange(() => client.PostJson("/api/v1/sources", body with { title = "Another title" }), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("kind", "rumour")]
    [InlineData("published", "last week")]
    [InlineData("url", "javascript:alert(1)")]
    [InlineData("id", "has space")]
    public async Task a_bad_source_is_refused_naming_the_field_and_nothing_is_stored(string field, string value)
    {
        var client = factory.Secretariat;
        var fields = new Dictionary<string, string> { ["id"] = "T-bad-1", ["kind"] = "press", ["publisher"] = "Example", ["title"] = "Title", ["published"] = "2024-01-02", ["url"] = "https://example.org" };
        fields[field] = value;

        await client.AssertRefusedWithoutChange(() => client.PostJson("/api/v1/sources", fields), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task a_visitor_may_read_sources_but_not_register_one()
    {
        using var response = await _client.PostJson("/api/v1/sources", new { id = "T9", kind = "press", publisher = "a", title = "b" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEmpty((await _client.GetJson("/api/v1/sources")).EnumerateArray());
    }

    [Fact]
    public async Task a_ratification_citing_an_unregistered_source_is_refused_naming_source_and_nothing_is_stored()
    {
        var client = factory.ClientAs(Role.Secretariat);
        await client.AssertRefusedWithoutChange(() => client.PostJson("/api/v1/accessions/UKR/steps",
            new { step = "membershipActionPlan", date = "2024-01-01", source = "S9999" }), HttpStatusCode.BadRequest, "source");
    }
}
