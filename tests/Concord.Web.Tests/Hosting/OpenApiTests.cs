using System.Net;
using System.Text.Json;

namespace Concord.Web.Tests.Hosting;

/// <summary>The OpenAPI document at /openapi/v1.json and the interactive reference at /scalar.</summary>
public sealed partial class OpenApiTests(ConcordFactory factory, PrivateViewFactory privateView) : IClassFixture<ConcordFactory>, IClassFixture<PrivateViewFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_openapi_document_describes_every_decisions_route()
    {
        var paths = (await _client.GetJson("/openapi/v1.json")).GetProperty("paths");

        Assert.True(paths.GetProperty("/api/v1/decisions").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/decisions").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/decisions/{id}").TryGetProperty("get", out _));
        foreach (var write in new[] { "positions", "silence", "conclusion", "withdrawal" })
            Assert.True(paths.GetProperty($"/api/v1/decisions/{{id}}/{write}").TryGetProperty("post", out _), write);
        Assert.True(paths.TryGetProperty("/api/v1/events", out _));
    }

    [Fact]
    public async Task the_interactive_reference_answers_at_scalar()
    {
        using var response = await _client.GetAsync("/scalar", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DecisionView", "opened")]
    [InlineData("DecisionView", "asOf")]
    [InlineData("DecisionView", "silenceDeadline")]
    [InlineData("LogEvent", "effective")]
    [InlineData("LogEvent", "recorded")]
    [InlineData("PositionChangeView", "effective")]
    public async Task instants_are_described_as_date_time_strings(string schema, string property)
    {
        var document = await _client.GetJson("/openapi/v1.json");

        var described = Resolve(document, document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties").GetProperty(property));
        Assert.Equal("string", NonNullType(described));
        Assert.Equal("date-time", described.GetProperty("format").GetString());
    }

    [Fact]
    public async Task local_dates_are_described_as_date_strings()
    {
        var document = await _client.GetJson("/openapi/v1.json");

        var since = Resolve(document, document.GetProperty("components").GetProperty("schemas").GetProperty("MemberView").GetProperty("properties").GetProperty("since"));
        Assert.Equal("string", NonNullType(since));
        Assert.Equal("date", since.GetProperty("format").GetString());
    }

    [Theory]
    [InlineData("/api/v1/decisions", "subject")]
    [InlineData("/api/v1/decisions/{id}/positions", "member")]
    [InlineData("/api/v1/decisions/{id}/positions", "kind")]
    [InlineData("/api/v1/decisions/{id}/silence", "deadline")]
    [InlineData("/api/v1/decisions/{id}/withdrawal", "reason")]
    public async Task each_write_documents_its_own_request_body(string path, string property)
    {
        var document = await _client.GetJson("/openapi/v1.json");

        var body = document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.True(Resolve(document, body).GetProperty("properties").TryGetProperty(property, out _),
            $"The request body documented for POST {path} has no '{property}': {Resolve(document, body)}");
    }

    [Theory]
    [InlineData("/api/v1/decisions", "id")]
    [InlineData("/api/v1/decisions", "silenceDeadline")]
    [InlineData("/api/v1/decisions", "opened")]
    [InlineData("/api/v1/decisions/{id}/positions", "effective")]
    [InlineData("/api/v1/decisions/{id}/positions", "expectedVersion")]
    [InlineData("/api/v1/decisions/{id}/withdrawal", "expectedVersion")]
    public async Task optional_fields_of_a_write_are_not_documented_as_required(string path, string property)
    {
        var document = await _client.GetJson("/openapi/v1.json");

        var body = Resolve(document, document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.True(body.GetProperty("properties").TryGetProperty(property, out _), $"POST {path} does not document '{property}' at all: {body}");
        var required = body.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()).ToList() : [];
        Assert.DoesNotContain(property, required);
    }

    /// <summary>The schema's type, of a nullable one (<c>type: ["null", "string"]</c>) the one besides null.</summary>
    private static string? NonNullType(JsonElement schema) => schema.GetProperty("type") switch
    {
        { ValueKind: JsonValueKind.Array } types => Assert.Single(types.EnumerateArray(), t => t.GetString() != "null").GetString(),
        var type => type.GetString(),
    };

    /// <summary>Follows a $ref, and unwraps the nullable form <c>oneOf: [{type: null}, X]</c> to X.</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("oneOf", out var oneOf))
            schema = Assert.Single(oneOf.EnumerateArray(), s => !(s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"));
        if (!schema.TryGetProperty("$ref", out var reference)) return schema;
        var name = reference.GetString()!.Split('/')[^1];
        return Resolve(document, document.GetProperty("components").GetProperty("schemas").GetProperty(name));
    }
}
