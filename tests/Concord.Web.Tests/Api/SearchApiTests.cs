using System.Net;
using System.Text.Json;
using Concord.Features.Access;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/search over HTTP, on each provider's full-text index: what is found, for whom, and how a bad query is answered.</summary>
public abstract class SearchApi(ConcordFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IEnumerable<string> Found(JsonElement results) =>
        results.GetProperty("hits").EnumerateArray().Select(h => $"{h.GetProperty("kind").GetString()}:{h.GetProperty("id").GetString()}");

    [Fact]
    public async Task a_word_only_in_a_restricted_condition_is_found_by_a_cleared_analyst_and_by_no_observer_or_visitor()
    {
        var id = "search-http-" + Guid.NewGuid().ToString("N")[..8];
        using (var opened = await factory.Secretariat.PostJson("/api/v1/decisions", new { id, subject = "Search over HTTP", classification = "NATO UNCLASSIFIED", opened = "2025-01-06" }))
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        using (var hungary = await factory.Delegation("HUN").PostJson($"/api/v1/decisions/{id}/positions",
                   new { member = "HUN", kind = "reservation", condition = "Subject to Wrenholt guarantees", effective = "2025-02-01", classification = "NATO RESTRICTED" }))
            Assert.Equal(HttpStatusCode.OK, hungary.StatusCode);

        var cleared = await factory.ClientAs(Role.Analyst).GetJson("/api/v1/search?q=wrenholt");
        var observed = await factory.ClientAs(Role.Observer).GetJson("/api/v1/search?q=wrenholt");
        var visited = await factory.CreateClient().GetJson("/api/v1/search?q=Wrenholt");

        Assert.Equal([$"position:{id}"], Found(cleared));
        var hit = cleared.GetProperty("hits")[0];
        Assert.Equal($"/decisions/{id}", hit.GetProperty("href").GetString());
        Assert.Contains(hit.GetProperty("snippet").EnumerateArray(), m => m.GetProperty("hit").GetBoolean() && m.GetProperty("text").GetString() == "Wrenholt");
        Assert.Equal("NATO RESTRICTED", hit.GetProperty("classification").GetString());
        foreach (var hidden in new[] { observed, visited })
        {
            Assert.Empty(Found(hidden));
            Assert.Equal(0, hidden.GetProperty("total").GetInt32());
        }
    }

    [Fact]
    public async Task a_visitor_finds_the_shipped_leopard_pledges_and_their_sources_with_the_word_marked()
    {
        var results = await factory.CreateClient().GetJson("/api/v1/search?q=Leopard&limit=100");

        Assert.Contains("pledge:DEU-P001", Found(results));
        Assert.Contains("source:S001", Found(results));
        foreach (var hit in results.GetProperty("hits").EnumerateArray())
            Assert.Contains(hit.GetProperty("title").EnumerateArray().Concat(hit.GetProperty("snippet").EnumerateArray()),
                m => m.GetProperty("hit").GetBoolean() && m.GetProperty("text").GetString()!.StartsWith("Leopard", StringComparison.OrdinalIgnoreCase));
        var pledges = await factory.CreateClient().GetJson("/api/v1/search?q=Leopard&kind=pledge&limit=100");
        Assert.All(Found(pledges), f => Assert.StartsWith("pledge:", f, StringComparison.Ordinal));
        Assert.Equal(9, pledges.GetProperty("total").GetInt32());
    }

    /// <summary>Queries of any content: each is answered 200 with results or 400 naming q, never a server error.</summary>
    public static TheoryData<string, HttpStatusCode> Queries => new()
    {
        { "Leopard", HttpStatusCode.OK },
        { "\"Leopard", HttpStatusCode.OK },
        { "Leopard*", HttpStatusCode.OK },
        { "NEAR(Leopard tank, 2)", HttpStatusCode.OK },
        { "Leopard AND OR NOT", HttpStatusCode.OK },
        { "'; DROP TABLE events; --", HttpStatusCode.OK },
        { "a & b | !c <-> d:*", HttpStatusCode.OK },
        { "Türkiye Erdoğan", HttpStatusCode.OK },
        { "zero\u200Bwidth", HttpStatusCode.OK },
        { "the", HttpStatusCode.OK },
        { new string('x', 200), HttpStatusCode.OK },
        { new string('x', 201), HttpStatusCode.BadRequest },
        { "", HttpStatusCode.BadRequest },
        { "   ", HttpStatusCode.BadRequest },
        { "!!! ??? ***", HttpStatusCode.BadRequest },
        { "bell\u0007rings", HttpStatusCode.BadRequest },
        { "nul\u0000here", HttpStatusCode.BadRequest },
        { string.Join(' ', Enumerable.Range(1, 13).Select(i => $"w{i}")), HttpStatusCode.BadRequest },
    };

    [Theory, MemberData(nameof(Queries))]
    public async Task any_query_is_answered_200_with_results_or_400_naming_q_and_never_500(string q, HttpStatusCode expected)
    {
        using var response = await factory.CreateClient().GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(q), Ct);

        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True((await response.Json()).GetProperty("hits").ValueKind == JsonValueKind.Array);
        }
        else await response.AssertProblem(HttpStatusCode.BadRequest, "q");
    }

    [Theory]
    [InlineData("kind=events", "kind")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    public async Task an_unknown_kind_or_a_limit_out_of_range_is_refused_naming_the_field(string query, string field)
    {
        using var response = await factory.CreateClient().GetAsync($"/api/v1/search?q=Leopard&{query}", Ct);
        await response.AssertProblem(HttpStatusCode.BadRequest, field);
    }
}

public sealed class SearchApiTests(ConcordFactory factory) : SearchApi(factory), IClassFixture<ConcordFactory>;

/// <summary>The same over PostgreSQL's full-text search (a tsvector under a GIN index).</summary>
public sealed class SearchApiPostgresTests(PostgresConcordFactory factory) : SearchApi(factory), IClassFixture<PostgresConcordFactory>;
