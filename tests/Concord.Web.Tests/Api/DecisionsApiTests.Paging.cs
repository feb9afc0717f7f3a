using System.Net;
using System.Text.RegularExpressions;

namespace Concord.Web.Tests.Api;

/// <summary>The decision list comes in pages: newest opened first, a Link header to the next page, each decision once.</summary>
public sealed partial class DecisionsApiTests
{
    [Fact]
    public async Task following_the_next_links_gives_every_decision_once_in_the_order_of_the_whole_list()
    {
        for (var i = 0; i < 3; i++) await _client.OpenDecision($"Paging probe {i}");
        var whole = (await _client.GetJson($"/api/v1/decisions?limit={1000}")).EnumerateArray().Select(d => d.Id()).ToList();
        Assert.True(whole.Count >= 4, $"The list holds {whole.Count} decisions.");

        var walked = new List<string>();
        string? url = "/api/v1/decisions?limit=2";
        var pages = 0;
        while (url is not null)
        {
            using var response = await _client.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = (await response.Json()).EnumerateArray().Select(d => d.Id()).ToList();
            Assert.InRange(page.Count, 1, 2);
            walked.AddRange(page);
            url = response.Headers.TryGetValues("Link", out var links) ? NextOf(links.Single()) : null;
            Assert.True(++pages <= whole.Count, "The next links do not end.");
        }

        Assert.Equal(whole, walked);
    }

    [Fact]
    public async Task a_list_that_fits_in_one_page_has_no_next_link()
    {
        using var response = await _client.GetAsync("/api/v1/decisions?limit=1000", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Link"));
    }

    [Fact]
    public async Task the_next_link_keeps_the_summit_asked_for()
    {
        using var response = await _client.GetAsync("/api/v1/decisions?summit=washington-2024&limit=1", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var first = Assert.Single((await response.Json()).EnumerateArray());
        Assert.Equal("washington-2024", first.GetProperty("summit").GetString());

        if (response.Headers.TryGetValues("Link", out var links))
        {
            var next = NextOf(links.Single())!;
            Assert.Contains("summit=washington-2024", next, StringComparison.Ordinal);
            Assert.All((await _client.GetJson(next)).EnumerateArray(), d => Assert.Equal("washington-2024", d.GetProperty("summit").GetString()));
        }
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("after=not-a-cursor", "after")]
    [InlineData("after=MTIzfE5PVCBBTiBJRA", "after")]
    [InlineData("after=OTk5OTk5OTk5OTk5OTk5OTl8dWtyYWluZQ", "after")]
    public async Task a_page_asked_for_with_a_bad_limit_or_cursor_is_refused_naming_it(string query, string field)
    {
        using var response = await _client.GetAsync($"/api/v1/decisions?{query}", Ct);

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
    }

    private static string? NextOf(string link)
    {
        var match = Regex.Match(link, "^<([^>]+)>; rel=\"next\"$");
        Assert.True(match.Success, $"Not a next link: {link}");
        return match.Groups[1].Value;
    }
}
