using System.Net;
using NodaTime;

namespace Concord.Web.Tests.Hosting;

/// <summary>
/// Writes under an Idempotency-Key at the same time, and the kept answer's lifetime, on each store: the key is claimed in
/// the same transaction as the events, so racing requests store one write and no keyed write is lost or refused for
/// contention; a kept answer is given again for a day and then the request is answered afresh, appending nothing.
/// </summary>
public abstract class IdempotencyRaces(ConcordFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewKey() => Guid.NewGuid().ToString();

    [Fact]
    public async Task two_requests_racing_under_one_key_with_different_bodies_store_one_and_refuse_the_other()
    {
        factory.Require();
        var client = factory.Secretariat;
        var key = NewKey();
        var before = await client.LogHead();

        var responses = await Task.WhenAll(
            Task.Run(() => client.PostJson("/api/v1/decisions", new { subject = "Racing under one key, first body" }, key)),
            Task.Run(() => client.PostJson("/api/v1/decisions", new { subject = "Racing under one key, second body" }, key)));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity], responses.Select(r => r.StatusCode).Order());
        Assert.Equal(before.Count + 1, (await client.LogHead()).Count);
        foreach (var response in responses) response.Dispose();
    }

    [Fact]
    public async Task two_requests_racing_under_one_key_with_the_same_body_store_one_write_and_both_answer_it()
    {
        factory.Require();
        var client = factory.Secretariat;
        var key = NewKey();
        var before = await client.LogHead();

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            Task.Run(() => client.PostJson("/api/v1/decisions", new { subject = "Racing under one key, one body" }, key))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(responses[0].Headers.Location, responses[1].Headers.Location);
        Assert.Equal(before.Count + 1, (await client.LogHead()).Count);
        foreach (var response in responses) response.Dispose();
    }

    [Fact]
    public async Task keyed_writes_from_four_concurrent_writers_are_all_stored_once_and_each_keeps_its_answer()
    {
        factory.Require();
        var client = factory.Secretariat;
        var before = await client.LogHead();
        var keys = Enumerable.Range(0, 4).Select(w => Enumerable.Range(0, 6).Select(_ => NewKey()).ToArray()).ToArray();

        var answers = await Task.WhenAll(keys.Select((writer, w) => Task.Run(async () =>
        {
            var mine = new List<(string Key, HttpStatusCode Status, string Body)>();
            for (var i = 0; i < writer.Length; i++)
            {
                using var response = await client.PostJson("/api/v1/decisions", new { subject = $"Keyed writer {w}, write {i}" }, writer[i]);
                mine.Add((writer[i], response.StatusCode, await response.Content.ReadAsStringAsync(Ct)));
            }
            return mine;
        })));

        var all = answers.SelectMany(a => a).ToList();
        Assert.All(all, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Equal(before.Count + all.Count, (await client.LogHead()).Count);
        // Each answer was kept with its claim: sent again, it is replayed byte for byte.
        foreach (var (key, _, body) in all.Where((_, i) => i % 5 == 0))
        {
            var subject = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("subject").GetString()!;
            using var again = await client.PostJson("/api/v1/decisions", new { subject }, key);
            Assert.Equal(["true"], again.Headers.GetValues("Idempotent-Replayed"));
            Assert.Equal(body, await again.Content.ReadAsStringAsync(Ct));
        }
        Assert.Equal(before.Count + all.Count, (await client.LogHead()).Count);
    }

    [Fact]
    public async Task a_kept_answer_is_given_again_for_a_day_and_then_the_request_is_answered_as_things_stand_appending_nothing()
    {
        factory.Require();
        var client = factory.Secretariat;
        var key = NewKey();
        var request = new { subject = "Kept for a day" };
        using var first = await client.PostJson("/api/v1/decisions", request, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstBody = await first.Content.ReadAsStringAsync(Ct);
        using (var norway = await factory.Delegation("NOR").PostJson($"/api/v1/decisions/{(await first.Json()).Id()}/positions", new { member = "NOR", kind = "concur" }))
            Assert.Equal(HttpStatusCode.OK, norway.StatusCode);
        var before = await client.LogHead();

        factory.Clock.Advance(Duration.FromHours(23));
        using var withinTheDay = await client.PostJson("/api/v1/decisions", request, key);
        factory.Clock.Advance(Duration.FromHours(2));
        using var afterTheDay = await client.PostJson("/api/v1/decisions", request, key);

        Assert.Equal(firstBody, await withinTheDay.Content.ReadAsStringAsync(Ct));
        var fresh = await afterTheDay.Content.ReadAsStringAsync(Ct);
        Assert.True(afterTheDay.IsSuccessStatusCode, fresh);
        Assert.NotEqual(firstBody, fresh);
        Assert.Contains("NOR", fresh, StringComparison.Ordinal);
        Assert.Equal(before, await client.LogHead());
    }
}

public sealed class IdempotencyRacesTests(ConcordFactory factory) : IdempotencyRaces(factory), IClassFixture<ConcordFactory>;

public sealed class IdempotencyRacesPostgresTests(PostgresConcordFactory factory) : IdempotencyRaces(factory), IClassFixture<PostgresConcordFactory>;
