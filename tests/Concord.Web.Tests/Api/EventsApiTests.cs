using System.Net;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/events: the log, paged in log order.</summary>
public sealed class EventsApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private readonly HttpClient _client = factory.Secretariat;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_seeded_log_starts_at_position_one_from_the_genesis_hash_and_each_event_chains_to_the_one_before()
    {
        var events = await _client.AllEvents();

        Assert.NotEmpty(events);
        Assert.Equal(Genesis, events[0].GetProperty("previousHash").GetString());
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(i + 1, events[i].GetProperty("position").GetInt64());
            if (i > 0) Assert.Equal(events[i - 1].GetProperty("hash").GetString(), events[i].GetProperty("previousHash").GetString());
        }
        Assert.Contains(events, e => e.GetProperty("name").GetString() == "DecisionOpened"
            && e.GetProperty("payload").GetProperty("decision").GetString() == ApiCalls.UkraineInvitation);
    }

    [Fact]
    public async Task small_pages_followed_by_next_give_the_same_events_as_one_large_page()
    {
        var large = await _client.AllEvents(pageSize: 1000);
        var small = await _client.AllEvents(pageSize: 7);

        Assert.Equal(large.Select(e => e.GetProperty("hash").GetString()), small.Select(e => e.GetProperty("hash").GetString()));
    }

    [Fact]
    public async Task a_page_says_where_to_continue_and_the_last_page_does_not()
    {
        var first = await _client.GetJson("/api/v1/events?limit=5");
        Assert.Equal(5, first.GetProperty("events").GetArrayLength());
        Assert.Equal(5, first.GetProperty("next").GetInt64());

        var total = (await _client.LogHead()).Count;
        var last = await _client.GetJson($"/api/v1/events?after={total - 2}&limit=5");
        Assert.Equal(2, last.GetProperty("events").GetArrayLength());
        Assert.False(last.TryGetProperty("next", out _));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("after=-1", "after")]
    public async Task a_page_out_of_range_is_refused_naming_the_parameter(string query, string field)
    {
        using var response = await _client.GetAsync($"/api/v1/events?{query}", Ct);

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task a_page_parameter_that_is_not_a_number_is_refused_naming_it()
    {
        using var response = await _client.GetAsync("/api/v1/events?limit=many", Ct);

        await response.AssertProblem(HttpStatusCode.BadRequest, "limit");
    }
}
