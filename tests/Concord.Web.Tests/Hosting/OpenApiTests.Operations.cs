using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Concord.Features.Access;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Web.Tests.Hosting;

/// <summary>
/// Each operation of the document, as integrators and the hostile-input tests read it: a stable operationId, the
/// credentials it takes (from its endpoint's permission), and every ProblemDetails status it can answer.
/// </summary>
public sealed partial class OpenApiTests
{
    private const string Writes = "202 400 401 403 404 409 422 429 503";
    private const string Imports = "400 401 403 409 415 422 429 503";

    [Fact]
    public async Task every_operation_has_an_operation_id_of_its_own_in_camel_case()
    {
        var operations = Operations(await _client.GetJson("/openapi/v1.json"));

        Assert.All(operations, o => Assert.Matches(new Regex("^[a-z][A-Za-z0-9]*$"), o.Id));
        Assert.Empty(operations.GroupBy(o => o.Id).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public async Task every_api_endpoint_is_an_operation_whose_security_follows_its_permission()
    {
        var operations = Operations(await _client.GetJson("/openapi/v1.json")).ToDictionary(o => o.Method + " " + o.Path);
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(EndpointGuard.IsApi).ToList();

        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
        {
            var key = method + " /" + endpoint.RoutePattern.RawText!.Trim('/');
            Assert.True(operations.TryGetValue(key, out var operation), $"{key} is not in the OpenAPI document.");
            var permission = endpoint.Metadata.GetMetadata<RequiresPermission>()!.Permission;
            string[] expected = permission == Permission.ReadPublic ? ["", "bearer", "cookie"] : ["bearer", "cookie"];
            Assert.True(expected.SequenceEqual(operation.Security), $"{operation.Id} needs {permission}: its security should be "
                + $"[{string.Join(", ", expected.Select(e => e.Length == 0 ? "{}" : e))}], not [{string.Join(", ", operation.Security.Select(e => e.Length == 0 ? "{}" : e))}].");
        }
    }

    [Fact]
    public async Task without_the_public_view_even_a_public_read_takes_a_token_or_the_cookie()
    {
        var operations = Operations(await privateView.ClientAs(Role.Observer).GetJson("/openapi/v1.json"));

        Assert.All(operations, o => Assert.Equal(["bearer", "cookie"], o.Security));
    }

    [Fact]
    public async Task the_document_declares_the_token_and_the_cookie_as_security_schemes()
    {
        var schemes = (await _client.GetJson("/openapi/v1.json")).GetProperty("components").GetProperty("securitySchemes");

        Assert.Equal("http", schemes.GetProperty("bearer").GetProperty("type").GetString());
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("apiKey", schemes.GetProperty("cookie").GetProperty("type").GetString());
        Assert.Equal("cookie", schemes.GetProperty("cookie").GetProperty("in").GetString());
        Assert.Equal(Authentication.CookieName, schemes.GetProperty("cookie").GetProperty("name").GetString());
    }

    /// <summary>What each operation can answer as a ProblemDetails (202 included: "recorded, but its view could not be
    /// built"), read off the handlers, the use cases and the middleware; the document must list exactly these.</summary>
    [Theory]
    [InlineData("listMembers", "400 401 404")]
    [InlineData("getMember", "400 401 404")]
    [InlineData("listSummits", "401")]
    [InlineData("getSummit", "400 401 404")]
    [InlineData("listDecisions", "400 401")]
    [InlineData("openDecision", Writes)]
    [InlineData("getDecision", "400 401 404")]
    [InlineData("listPositionChanges", "400 401 404")]
    [InlineData("recordPosition", Writes)]
    [InlineData("putUnderSilence", Writes)]
    [InlineData("concludeDecision", Writes)]
    [InlineData("withdrawDecision", Writes)]
    [InlineData("releaseOutcome", Writes)]
    [InlineData("listAccessions", "400 401")]
    [InlineData("openAccession", Writes)]
    [InlineData("getAccession", "400 401 404")]
    [InlineData("recordAccessionStep", Writes)]
    [InlineData("recordRatification", Writes)]
    [InlineData("listEvents", "400 401")]
    [InlineData("listAuditTrail", "400 401 403")]
    [InlineData("verifyChain", "400 401 403")]
    [InlineData("listReadiness", "401")]
    [InlineData("getReadiness", "400 401 404")]
    [InlineData("getDonationImpact", "400 401 404")]
    [InlineData("planAssistance", "400 401 403 422 429")]
    [InlineData("listPledges", "400 401")]
    [InlineData("announcePledge", Writes)]
    [InlineData("getPledge", "400 401 404")]
    [InlineData("advancePledge", Writes)]
    [InlineData("deliverPledge", Writes)]
    [InlineData("amendPledge", Writes)]
    [InlineData("cancelPledge", Writes)]
    [InlineData("getDelays", "400 401")]
    [InlineData("getBacklog", "400 401")]
    [InlineData("exportLedger", "400 401")]
    [InlineData("importTimeline", Imports)]
    [InlineData("importPledges", Imports)]
    [InlineData("importPledgeAmendments", Imports)]
    [InlineData("importDelayEvents", Imports)]
    [InlineData("importKiel", Imports)]
    [InlineData("importKielMonthly", Imports)]
    [InlineData("importIati", Imports)]
    [InlineData("listStatements", "400 401")]
    [InlineData("getStatement", "400 401 404")]
    [InlineData("recordStatement", Writes)]
    [InlineData("listActors", "401")]
    [InlineData("getActor", "400 401 404")]
    [InlineData("search", "400 401")]
    [InlineData("feedEverything", "400 401")]
    [InlineData("calendar", "401")]
    [InlineData("toAct", "401 403")]
    [InlineData("feedDecision", "400 401 404")]
    [InlineData("feedAccession", "400 401 404")]
    [InlineData("feedActor", "400 401 404")]
    [InlineData("forecastAccession", "400 401 404 422")]
    [InlineData("forecastDecision", "400 401 404 422")]
    [InlineData("recordJudgment", Writes)]
    [InlineData("registerWebhook", Writes)]
    [InlineData("listWebhooks", "401 403")]
    [InlineData("listWebhookDeliveries", "400 401 403 404")]
    [InlineData("disableWebhook", Writes)]
    public async Task each_operation_documents_every_problem_status_it_can_answer(string operationId, string statuses)
    {
        var document = await _client.GetJson("/openapi/v1.json");
        var operation = Assert.Single(Operations(document), o => o.Id == operationId);

        var problems = operation.Responses.Where(r => r.Value.TryGetProperty("content", out var c) && c.TryGetProperty("application/problem+json", out _))
            .Select(r => r.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(statuses.Split(' '), problems);
        Assert.All(problems, status => Assert.Equal("#/components/schemas/ProblemDetails", operation.Responses[status].GetProperty("content")
            .GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString()));
        Assert.All(problems, status => Assert.False(string.IsNullOrWhiteSpace(operation.Responses[status].GetProperty("description").GetString())));
    }

    /// <summary>A refusal the running API gives is one its operation documents.</summary>
    [Theory]
    [InlineData("getDecision", "GET", "/api/v1/decisions/no-such-decision", null, null, null, 404)]
    [InlineData("getDecision", "GET", "/api/v1/decisions/" + ApiCalls.UkraineInvitation + "?asOf=yesterday", null, null, null, 400)]
    [InlineData("getReadiness", "GET", "/api/v1/readiness/Germany", null, null, null, 400)]
    [InlineData("listEvents", "GET", "/api/v1/events?limit=0", null, null, null, 400)]
    [InlineData("listDecisions", "GET", "/api/v1/decisions", "invalid-token", null, null, 401)]
    [InlineData("listAuditTrail", "GET", "/api/v1/audit", "Delegation:DEU", null, null, 403)]
    [InlineData("openDecision", "POST", "/api/v1/decisions", null, """{"subject":"x"}""", "application/json", 401)]
    [InlineData("openDecision", "POST", "/api/v1/decisions", "Delegation:DEU", """{"subject":"x"}""", "application/json", 403)]
    [InlineData("recordPosition", "POST", "/api/v1/decisions/" + ApiCalls.UkraineInvitation + "/positions", "Delegation:DEU", """{"member":"TUR","kind":"concur"}""", "application/json", 403)]
    [InlineData("recordPosition", "POST", "/api/v1/decisions/no-such-decision/positions", "Delegation:TUR", """{"member":"TUR","kind":"concur"}""", "application/json", 404)]
    [InlineData("recordPosition", "POST", "/api/v1/decisions/" + ApiCalls.UkraineInvitation + "/positions", "Delegation:TUR", """{"member":"TUR","kind":"concur""", "application/json", 400)]
    [InlineData("planAssistance", "POST", "/api/v1/assistance/plan", "Analyst", "{", "application/json", 400)]
    [InlineData("importKiel", "POST", "/api/v1/assistance/imports/kiel?release=R", "Secretariat", "a,b\n1,2\n", "text/plain", 415)]
    [InlineData("importTimeline", "POST", "/api/v1/assistance/imports/timeline", "Secretariat", "   ", "text/csv", 400)]
    [InlineData("registerWebhook", "POST", "/api/v1/webhooks", "Administrator", """{"url":"http://10.0.0.7/hook","kinds":["decision"],"account":"x"}""", "application/json", 400)]
    [InlineData("registerWebhook", "POST", "/api/v1/webhooks", "Secretariat", """{"url":"https://203.0.113.5/hook","kinds":["decision"],"account":"x"}""", "application/json", 403)]
    [InlineData("listWebhookDeliveries", "GET", "/api/v1/webhooks/wh-none/deliveries", "Administrator", null, null, 404)]
    public async Task a_refusal_the_api_gives_is_one_its_operation_documents(string operationId, string method, string url, string? who, string? body, string? contentType, int status)
    {
        var documented = Assert.Single(Operations(await _client.GetJson("/openapi/v1.json")), o => o.Id == operationId);
        Assert.Equal(method, documented.Method);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType!);
        var client = who switch
        {
            null => _client,
            "invalid-token" => factory.CreateClient(),
            _ when who.Split(':') is [var role, var state] => factory.ClientAs(Enum.Parse<Role>(role), state),
            _ => factory.ClientAs(Enum.Parse<Role>(who)),
        };
        if (who == "invalid-token") request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "concord_pat_not-a-token");

        using var response = await client.SendAsync(request, Ct);

        await response.AssertProblem((HttpStatusCode)status);
        Assert.True(documented.Responses.ContainsKey(status.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            $"{operationId} answered {status}, which its operation does not document ({string.Join(", ", documented.Responses.Keys)}).");
    }

    [Theory]
    [InlineData("importTimeline", "text/csv application/csv")]
    [InlineData("importPledges", "text/csv application/csv")]
    [InlineData("importPledgeAmendments", "text/csv application/csv")]
    [InlineData("importDelayEvents", "text/csv application/csv")]
    [InlineData("importKiel", "text/csv application/csv")]
    [InlineData("importKielMonthly", "text/csv application/csv")]
    [InlineData("importIati", "application/xml text/xml")]
    public async Task an_import_documents_the_media_types_of_the_file_it_reads(string operationId, string mediaTypes)
    {
        var operation = Assert.Single(Operations(await _client.GetJson("/openapi/v1.json")), o => o.Id == operationId);

        var body = operation.Operation.GetProperty("requestBody");
        Assert.True(body.GetProperty("required").GetBoolean());
        Assert.Equal(mediaTypes.Split(' '), body.GetProperty("content").EnumerateObject().Select(c => c.Name));
    }

    [Fact]
    public async Task every_write_documents_the_idempotency_key_header_and_no_read_does()
    {
        foreach (var operation in Operations(await _client.GetJson("/openapi/v1.json")))
        {
            var header = operation.Operation.TryGetProperty("parameters", out var parameters)
                && parameters.EnumerateArray().Any(p => p.GetProperty("in").GetString() == "header" && p.GetProperty("name").GetString() == "Idempotency-Key");
            Assert.True(header == (operation.Method != "GET"), $"{operation.Id} ({operation.Method}): Idempotency-Key documented: {header}.");
        }
    }

    [Fact]
    public async Task every_tag_is_described_and_the_server_is_where_the_document_is_served()
    {
        var document = await _client.GetJson("/openapi/v1.json");

        var used = Operations(document).SelectMany(o => o.Operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString())).ToHashSet();
        var described = document.GetProperty("tags").EnumerateArray()
            .Where(t => t.TryGetProperty("description", out var d) && !string.IsNullOrWhiteSpace(d.GetString()))
            .Select(t => t.GetProperty("name").GetString()).ToHashSet();
        Assert.Subset(described, used);
        Assert.Equal("/", Assert.Single(document.GetProperty("servers").EnumerateArray()).GetProperty("url").GetString());
    }

    private sealed record DocumentedOperation(string Id, string Method, string Path, IReadOnlyList<string> Security, Dictionary<string, JsonElement> Responses, JsonElement Operation);

    /// <summary>Every operation of the document; its security as one entry per alternative ("" for none needed, else
    /// the schemes it combines).</summary>
    private static List<DocumentedOperation> Operations(JsonElement document) =>
    [
        .. from path in document.GetProperty("paths").EnumerateObject()
           from op in path.Value.EnumerateObject()
           select new DocumentedOperation(
               op.Value.TryGetProperty("operationId", out var id) ? id.GetString()! : "",
               op.Name.ToUpperInvariant(), path.Name,
               op.Value.TryGetProperty("security", out var security)
                   ? [.. security.EnumerateArray().Select(r => string.Join('+', r.EnumerateObject().Select(s => s.Name)))]
                   : [],
               op.Value.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value),
               op.Value),
    ];
}
