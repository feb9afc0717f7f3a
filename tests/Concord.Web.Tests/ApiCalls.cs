using System.Net;
using System.Text;
using System.Text.Json;

namespace Concord.Web.Tests;

/// <summary>The head of the event log as the feed shows it: how many events, and the hash of the last one.</summary>
public sealed record LogHead(int Count, string? LastHash);

/// <summary>Calls on the Concord HTTP API shared by the tests, and the assertions every refusal must meet.</summary>
public static class ApiCalls
{
    /// <summary>The shipped Ukraine invitation decision: concluded (lapsed without consensus) on 2024-07-11.</summary>
    public const string UkraineInvitation = "invite-ukraine-washington-2024";

    /// <summary>An open copy of that question, opened by <see cref="ConcordFactory.OpenInvitation"/>: it takes positions.</summary>
    public const string OpenInvitation = OpenQuestion.Id;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string ToJson(object value) => JsonSerializer.Serialize(value, Web);

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body, string? idempotencyKey = null) =>
        client.PostRaw(url, ToJson(body), idempotencyKey);

    public static async Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string json, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request, Ct);
    }

    public static async Task<JsonElement> Json(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return document.RootElement.Clone();
    }

    /// <summary>GETs a URL that must answer 200 with JSON.</summary>
    public static async Task<JsonElement> GetJson(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Json();
    }

    /// <summary>Asserts a ProblemDetails answer with this status and, when given, the field at fault; returns the problem.</summary>
    public static async Task<JsonElement> AssertProblem(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var problem = document.RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (field is not null)
        {
            Assert.True(problem.TryGetProperty("field", out var named), $"The problem does not name the field '{field}': {text}");
            Assert.Equal(field, named.GetString());
        }
        return problem;
    }

    /// <summary>
    /// Sends a request that must be refused with <paramref name="status"/> (naming <paramref name="field"/> when
    /// given) and must leave the event log exactly as it was.
    /// </summary>
    public static async Task<JsonElement> AssertRefusedWithoutChange(
        this HttpClient client, Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string? field = null)
    {
        var before = await client.LogHead();
        using var response = await send();
        var problem = await response.AssertProblem(status, field);
        Assert.Equal(before, await client.LogHead());
        return problem;
    }

    /// <summary>Pages through the whole event feed.</summary>
    public static async Task<LogHead> LogHead(this HttpClient client)
    {
        var events = await client.AllEvents();
        return new LogHead(events.Count, events.Count == 0 || !events[^1].TryGetProperty("hash", out var hash) ? null : hash.GetString());
    }

    /// <summary>Every event of the log the client may see, in log order, following the feed's <c>cursor</c> from page to page.</summary>
    public static async Task<IReadOnlyList<JsonElement>> AllEvents(this HttpClient client, int pageSize = 1000)
    {
        var all = new List<JsonElement>();
        var url = $"/api/v1/events?limit={pageSize}";
        while (true)
        {
            var page = await client.GetJson(url);
            all.AddRange(page.GetProperty("events").EnumerateArray());
            if (!page.TryGetProperty("cursor", out var cursor) || cursor.ValueKind == JsonValueKind.Null) return all;
            url = $"/api/v1/events?limit={pageSize}&cursor={Uri.EscapeDataString(cursor.GetString()!)}";
        }
    }

    /// <summary>Opens a NATO consensus decision with a fresh id and returns its view (201).</summary>
    public static async Task<JsonElement> OpenDecision(this HttpClient client, string subject, string? silenceDeadline = null)
    {
        var id = "test-" + Guid.NewGuid().ToString("N")[..12];
        using var response = await client.PostJson("/api/v1/decisions", new { id, subject, silenceDeadline });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Opening answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Json();
    }

    public static string Id(this JsonElement view) => view.GetProperty("id").GetString()!;

    public static string Outcome(this JsonElement view) => view.GetProperty("outcome").GetString()!;

    public static int Version(this JsonElement view) => view.GetProperty("version").GetInt32();

    public static string[] Strings(this JsonElement view, string property) =>
        [.. view.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>The publication date of every registered source, by id (null when undated).</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> SourceDates(this HttpClient client) =>
        (await client.GetJson("/api/v1/sources")).EnumerateArray()
            .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.TryGetProperty("published", out var p) ? p.GetString() : null);

    /// <summary>
    /// Whether the source <paramref name="id"/> cites was published by <paramref name="day"/>: the document itself, or for
    /// an id split into several documents ("S33" into "S33-1", ...), one of them.
    /// </summary>
    public static bool PublishedBy(this IReadOnlyDictionary<string, string?> dates, string id, string day) =>
        dates.Where(s => s.Key == id || s.Key.StartsWith(id + "-", StringComparison.Ordinal)).Any(s => s.Value is { } p && string.CompareOrdinal(p, day) <= 0);
}
