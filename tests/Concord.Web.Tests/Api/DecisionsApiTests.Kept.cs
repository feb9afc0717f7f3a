using System.Net;
using System.Net.Http.Headers;

namespace Concord.Web.Tests.Api;

/// <summary>A decision as it stands is evaluated once and kept until the log moves: a client still reads its own write at once.</summary>
public sealed partial class DecisionsApiTests
{
    [Fact]
    public async Task a_decision_read_again_unchanged_answers_304_to_its_etag_and_a_new_body_once_a_position_is_recorded()
    {
        var id = (await _client.OpenDecision("Keep the answer")).Id();
        using var first = await _client.GetAsync($"/api/v1/decisions/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/decisions/{id}");
        again.Headers.IfNoneMatch.Add(etag);
        using var unchanged = await _client.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);

        using var recorded = await factory.Delegation("TUR").PostJson($"/api/v1/decisions/{id}/positions", new { member = "TUR", kind = "object", source = "Test" });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        using var after = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/decisions/{id}");
        after.Headers.IfNoneMatch.Add(etag);
        using var changed = await _client.SendAsync(after, Ct);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        var view = await changed.Json();
        Assert.Equal(2, view.Version());
        Assert.Equal(["TUR"], view.Strings("blocking"));
    }

    [Fact]
    public async Task a_kept_decision_is_answered_to_each_reader_as_that_reader_may_see_it()
    {
        var id = (await _client.OpenDecision("Seen alike or not")).Id();
        var whole = await _client.GetJson($"/api/v1/decisions/{id}");

        using var anonymous = factory.CreateClient();
        using var visitor = await anonymous.GetAsync($"/api/v1/decisions/{id}", Ct);
        var kept = await _client.GetJson($"/api/v1/decisions/{id}");

        Assert.Equal(whole.GetRawText(), kept.GetRawText());
        // Opened without a marking, the decision is NATO UNCLASSIFIED: a visitor is answered as for a decision that does not exist.
        using var unknown = await anonymous.GetAsync("/api/v1/decisions/no-such-decision-anywhere", Ct);
        Assert.Equal(unknown.StatusCode, visitor.StatusCode);
        var (hidden, missing) = (await visitor.Json(), await unknown.Json());
        Assert.Equal(missing.GetProperty("title").GetString(), hidden.GetProperty("title").GetString());
        Assert.Equal(missing.GetProperty("detail").GetString()!.Replace("no-such-decision-anywhere", id, StringComparison.Ordinal), hidden.GetProperty("detail").GetString());
    }
}
