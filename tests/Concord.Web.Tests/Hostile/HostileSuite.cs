using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Features.Access;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Web.Tests.Hostile;

/// <summary>A request as the suite sends it, and as a finding quotes it.</summary>
public sealed record HostileRequest(string Method, string Url, string? Body = null, string? ContentType = null, (string Name, string Value)? Header = null)
{
    public override string ToString()
    {
        var body = Body is null ? "" : " " + (ContentType ?? "(no Content-Type)") + " " + Shown(Body);
        var header = Header is { } h ? $" {h.Name}: {Shown(h.Value)}" : "";
        return $"{Method} {Shown(Url)}{header}{body}";
    }

    /// <summary>The text with invisible and control characters written as \uXXXX and long runs cut, so a report can be copied.</summary>
    public static string Shown(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length > 300 ? text[..140] + $"…({text.Length} chars)…" + text[^60..] : text)
            builder.Append(char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? $"\\u{(int)c:X4}" : c.ToString());
        return builder.ToString();
    }
}

/// <summary>One hostile input for one operation: what it changes (field, value), whether the policy forbids it, and how to make the request.</summary>
public sealed record Probe(ApiOperation Operation, Category Category, string Field, string Label, bool MustRefuse, bool Strict,
    Func<IReadOnlyDictionary<string, string>, int, HostileRequest> Make);

/// <summary>The head of the event log read from the store itself: how many events, and the last one's position and hash.</summary>
public sealed record StoreHead(int Count, long Position, string? Hash);

/// <summary>
/// The hostile-input suite's engine: reads the operations of the host's OpenAPI document, generates the probes of each
/// category for each operation, sends them, and collects every finding (a 5xx, a refusal that is not a ProblemDetails or
/// does not name its field, a refused write that changed the log, a forbidden value accepted, a read that stopped
/// answering). Counts every input it tries.
/// </summary>
public sealed class HostileSuite(ConcordFactory factory, string provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Role[] Roles = Enum.GetValues<Role>();

    private readonly List<string> _findings = [];
    private readonly Dictionary<string, string> _seeded = new(StringComparer.Ordinal);
    private JsonElement _document;
    private IReadOnlyList<ApiOperation> _operations = [];
    private Dictionary<string, Permission> _permissions = [];
    // One counter for the process: ids made from it stay fresh across the tests that share a host.
    private static int _n;

    public int Inputs { get; private set; }

    /// <summary>Operations whose acceptable request the current state refuses (e.g. a step out of order): their probes cannot be held to name their own field.</summary>
    public HashSet<string> Refused { get; } = [];

    public IReadOnlyList<string> Findings => _findings;

    public IReadOnlyList<ApiOperation> Operations => _operations;

    public JsonElement Document => _document;

    public async Task Load()
    {
        if (_operations.Count > 0) return;
        using var response = await factory.CreateClient().GetAsync("/openapi/v1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var parsed = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        _document = parsed.RootElement.Clone();
        _operations = OpenApiOperations.Read(_document);
        _permissions = Permissions(factory);
        foreach (var operation in _operations.Where(o => o.IsRead))
            foreach (var parameter in operation.In("path"))
                await Seeded(operation.Path, parameter.Name);
    }

    /// <summary>The permission each endpoint requires, by "METHOD /path" as the document spells paths (no trailing slash).</summary>
    private static Dictionary<string, Permission> Permissions(ConcordFactory factory)
    {
        var map = new Dictionary<string, Permission>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(EndpointGuard.IsApi))
        {
            var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            var permission = endpoint.Metadata.GetMetadata<RequiresPermission>()?.Permission ?? Permission.ReadPublic;
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                map[$"{method} {path}"] = permission;
        }
        return map;
    }

    public Permission PermissionOf(ApiOperation operation) =>
        _permissions.TryGetValue($"{operation.Method} {operation.Path.TrimEnd('/')}", out var p) ? p
            : throw new InvalidOperationException($"{operation.Key} is in the document but the app has no such endpoint.");

    /// <summary>Whether a caller (null: a visitor) holds the operation's permission.</summary>
    public bool Allowed(ApiOperation operation, Role? role) =>
        role is { } r ? Access.RolesFor(PermissionOf(operation)).Contains(r) : PermissionOf(operation) == Permission.ReadPublic;

    /// <summary>Who probes an operation's validation: a visitor for public reads, else the secretariat when it may, else the first role that may.</summary>
    public Role? Prober(ApiOperation operation)
    {
        if (Allowed(operation, null)) return null;
        var roles = Access.RolesFor(PermissionOf(operation));
        return roles.Contains(Role.Secretariat) ? Role.Secretariat : roles[0];
    }

    public HttpClient Client(Role? role) => role switch
    {
        null => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }),
        Role.Delegation => factory.ClientAs(Role.Delegation, "DEU"),
        Role.CandidateDelegation => factory.ClientAs(Role.CandidateDelegation, "UKR"),
        { } r => factory.ClientAs(r),
    };

    // ---- Generation ------------------------------------------------------------------------------------------------

    /// <summary>What the suite cannot generate for an operation: parameters and body fields without a kind, a body with no known format.</summary>
    public IEnumerable<string> Ungenerated(ApiOperation operation)
    {
        foreach (var parameter in operation.Parameters.Where(p => p.In is "path" or "query" or "header"))
            if (Fields.KindOf(operation, parameter.Name, parameter.Schema) is null)
                yield return $"{operation.Shown}: {parameter.In} parameter '{parameter.Name}'";
        if (operation.IsRead) yield break;
        if (operation.JsonBody is { } schema)
        {
            if (operation.BodySchemaName is null || !Fields.Essentials.ContainsKey(operation.BodySchemaName))
                yield return $"{operation.Shown}: request body schema '{operation.BodySchemaName ?? "(inline)"}' has no acceptable body in Fields.Essentials";
            foreach (var field in BodyFields.Of(_document, operation, schema, operation.BodySchemaName).Where(f => f.Kind is null))
                yield return $"{operation.Shown}: body field '{field.Path}'";
            foreach (var name in Fields.Essentials.GetValueOrDefault(operation.BodySchemaName ?? "", []))
                if (Fields.Sample(operation.BodySchemaName, name, 0) is null)
                    yield return $"{operation.Shown}: body field '{name}' has no acceptable value";
        }
        else if (!ImportFormat.Known.ContainsKey(operation.Path.Split('/')[^1]))
            yield return $"{operation.Shown}: no request body schema and no known import format";
    }

    /// <summary>Every probe of <paramref name="category"/> for <paramref name="operation"/>.</summary>
    public IEnumerable<Probe> Probes(ApiOperation operation, Category category)
    {
        var write = !operation.IsRead;
        // Path parameters: odd ids in each.
        // A NUL cannot reach a path through the test server (Kestrel refuses it itself): the other values go.
        foreach (var parameter in operation.In("path"))
            foreach (var value in HostileValues.For(category, FieldKind.Identifier, json: false, stringTyped: true).Where(v => !v.Text.Contains('\0')))
                yield return new Probe(operation, category, parameter.Name, value.Label, write && value.MustRefuse, false,
                    (target, n) => Request(operation, target, n, path: (parameter.Name, value.Text)));
        // Query parameters: each in turn.
        foreach (var parameter in operation.In("query"))
        {
            if (Fields.KindOf(operation, parameter.Name, parameter.Schema) is not { } kind) continue;
            var stringTyped = OpenApiOperations.TypeOf(parameter.Schema) is null or "string";
            foreach (var value in HostileValues.For(category, kind, json: false, stringTyped: true))
            {
                if (!stringTyped && category == Category.HostileText) continue;
                // A read need not refuse a filter it finds nothing for, and a write ignores a parameter it does not use
                // (release for a file that names none); dates past the calendar and counts that are no counts are refused.
                var used = Fields.QuerySample(operation, parameter.Name, 0) is not null;
                var refuse = value.MustRefuse && (category == Category.DateEdges || (write && used && category != Category.HostileText) || kind is FieldKind.Count);
                yield return new Probe(operation, category, parameter.Name, value.Label, refuse, true,
                    (target, n) => Request(operation, target, n, query: (parameter.Name, value.Text)));
            }
        }
        // Every write takes an Idempotency-Key (documented or not): odd keys, each new so no earlier request spent it.
        if (write && category == Category.OddIds)
            foreach (var (label, key, refuse) in new[] { ("a path traversal as Idempotency-Key", "../../etc/passwd-{0}", false), ("a very long Idempotency-Key", new string('k', 5000) + "{0}", true), ("a key of spaces", "   ", false) })
                yield return new Probe(operation, category, "Idempotency-Key", label, refuse, false, (target, n) =>
                    Request(operation, target, n) with { Header = ("Idempotency-Key", string.Format(System.Globalization.CultureInfo.InvariantCulture, key, n)) });
        if (category == Category.UnmappedMembers)
            yield return new Probe(operation, category, "unexpectedParameter", "a query parameter the operation does not have", false, false,
                (target, n) => Request(operation, target, n, query: ("unexpectedParameter", "=1\u202E")));
        if (!write) yield break;
        if (operation.JsonBody is { } schema)
        {
            foreach (var probe in JsonProbes(operation, schema, category)) yield return probe;
        }
        else if (ImportFormat.Known.TryGetValue(operation.Path.Split('/')[^1], out var format))
        {
            foreach (var probe in ImportProbes(operation, format, category)) yield return probe;
        }
    }

    private IEnumerable<Probe> JsonProbes(ApiOperation operation, JsonElement schema, Category category)
    {
        var name = operation.BodySchemaName;
        JsonObject Baseline(int n) => Bodies.Baseline(_document, operation, schema, name, n);
        var fields = BodyFields.Of(_document, operation, schema, name);
        switch (category)
        {
            case Category.DuplicateKeys:
                var properties = schema.TryGetProperty("properties", out var p) ? p.EnumerateObject().Select(x => x.Name).ToList() : [];
                foreach (var property in properties)
                    yield return new Probe(operation, category, property, $"'{property}' given twice", true, false, (target, n) =>
                    {
                        var body = Baseline(n);
                        var value = body[property]?.DeepClone() ?? Fields.Sample(name, property, n) ?? JsonValue.Create("twice");
                        body[property] ??= value.DeepClone();
                        return Request(operation, target, n, body: Bodies.WithDuplicate(body, property, value));
                    });
                yield break;
            case Category.UnmappedMembers:
                yield return new Probe(operation, category, "unexpectedMember", "a member the request does not have", true, false,
                    (target, n) => { var body = Baseline(n); body["unexpectedMember"] = 1; return Request(operation, target, n, body: body.ToJsonString()); });
                foreach (var parent in fields.Where(f => f.Parents.Length > 0).Select(f => f.Path[..f.Path.LastIndexOf('.')]).Distinct())
                {
                    var field = fields.First(f => f.Path.StartsWith(parent + ".", StringComparison.Ordinal));
                    yield return new Probe(operation, category, parent + ".unexpectedMember", $"a member {parent} does not have", true, false, (target, n) =>
                    {
                        var body = Baseline(n);
                        Bodies.Set(body, name, field with { Path = parent + ".unexpectedMember" }, 1, n);
                        return Request(operation, target, n, body: body.ToJsonString());
                    });
                }
                yield break;
            case Category.WrongContentTypes:
                foreach (var (label, contentType, text, refuse) in WrongJson(operation))
                    yield return new Probe(operation, category, "body", label, refuse, false, (target, n) =>
                        Request(operation, target, n, body: text ?? Baseline(n).ToJsonString(), contentType: contentType));
                yield break;
        }
        foreach (var field in fields.Where(f => f.Kind is not null))
            foreach (var value in HostileValues.For(category, field.Kind!.Value, json: true, stringTyped: field.Type is null or "string"))
                yield return new Probe(operation, category, field.Path, value.Label, value.MustRefuse && Fields.Used(name, field.Name) && value.Text.Length > 0, true, (target, n) =>
                {
                    var body = Baseline(n);
                    Bodies.Set(body, name, field, Bodies.Token(value), n);
                    return Request(operation, target, n, body: body.ToJsonString());
                });
    }

    private static IEnumerable<(string Label, string? ContentType, string? Text, bool Refuse)> WrongJson(ApiOperation operation)
    {
        yield return ("JSON sent as text/plain", "text/plain", null, true);
        yield return ("JSON sent as a form", "application/x-www-form-urlencoded", null, true);
        yield return ("JSON sent as XML", "application/xml", null, true);
        yield return ("JSON sent without a Content-Type", null, null, true);
        yield return ("a form body sent as JSON", "application/json", "subject=x&id=y", true);
        yield return ("a JSON array", "application/json", "[]", true);
        yield return ("a truncated JSON object", "application/json", "{\"a\":", true);
        yield return ("JSON null", "application/json", "null", operation.BodyRequired);
        yield return ("an empty body", "application/json", "", operation.BodyRequired);
    }

    private IEnumerable<Probe> ImportProbes(ApiOperation operation, ImportFormat format, Category category)
    {
        if (category == Category.WrongContentTypes)
        {
            var other = format.MediaType == ImportBodies.Csv ? ImportBodies.Xml : ImportBodies.Csv;
            var cases = new (string Label, string? ContentType, Func<string> Text)[]
            {
                ("the file sent as text/plain", "text/plain", () => format.File()),
                ("the file sent as JSON", "application/json", () => format.File()),
                ("the file sent as a form", "application/x-www-form-urlencoded", () => format.File()),
                ("the file sent without a Content-Type", null, () => format.File()),
                ("the file sent as " + other, other, () => format.File()),
                ("a JSON body that is not the import's format", format.MediaType, () => "{\"rows\":[{\"date\":\"2024-01-01\"}]}"),
                ("a body of another format", format.MediaType, () => format.MediaType == ImportBodies.Csv ? "<iati-activities version=\"2.03\"/>" : "date,event\n2024-01-01,x\n"),
                ("a header line and no rows", format.MediaType, () => format.File().Split('\n')[0] + "\n"),
                ("an empty body", format.MediaType, () => ""),
                ("NUL bytes", format.MediaType, () => "\0\0\0\0"),
            };
            foreach (var (label, contentType, text) in cases)
                yield return new Probe(operation, category, "body", label, true, false,
                    (target, n) => Request(operation, target, n, body: text(), contentType: contentType));
            yield break;
        }
        foreach (var (column, kind, _) in format.Columns)
            foreach (var value in HostileValues.For(category, kind, json: false, stringTyped: true))
                // An empty cell is a missing one (an optional column, or one another column stands in for).
                yield return new Probe(operation, category, column, value.Label,
                    value.MustRefuse && value.Text.Length > 0 && !(category == Category.HostileText && kind == FieldKind.Text && !value.Text.Contains('\0') && !value.Text.Contains('\u0007')),
                    value.Text.Length > 0,
                    (target, n) => Request(operation, target, n, body: format.File(column, value.Text), contentType: format.MediaType));
    }

    /// <summary>The request of <paramref name="operation"/> with its path filled from <paramref name="target"/>, its needed query, and one value replaced.</summary>
    public HostileRequest Request(ApiOperation operation, IReadOnlyDictionary<string, string> target, int n,
        (string Name, string Value)? path = null, (string Name, string Value)? query = null, string? body = null, string? contentType = "application/json")
    {
        var url = operation.Path;
        foreach (var parameter in operation.In("path"))
        {
            var value = path is { } p && p.Name == parameter.Name ? p.Value : target[parameter.Name];
            url = url.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }
        var pairs = new List<string>();
        foreach (var parameter in operation.In("query"))
        {
            var value = query is { } q && q.Name == parameter.Name ? q.Value : Fields.QuerySample(operation, parameter.Name, n);
            if (value is not null) pairs.Add($"{parameter.Name}={Uri.EscapeDataString(value)}");
        }
        if (query is { } extra && operation.In("query").All(p => p.Name != extra.Name)) pairs.Add($"{extra.Name}={Uri.EscapeDataString(extra.Value)}");
        if (pairs.Count > 0) url += "?" + string.Join("&", pairs);
        if (operation.IsRead) return new HostileRequest("GET", url);
        if (body is null)
        {
            if (operation.JsonBody is { } schema) body = Bodies.Baseline(_document, operation, schema, operation.BodySchemaName, n).ToJsonString();
            else if (ImportFormat.Known.TryGetValue(operation.Path.Split('/')[^1], out var format)) { body = format.File(); contentType = format.MediaType; }
        }
        return new HostileRequest(operation.Method, url, body, contentType);
    }

    // ---- Targets ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// Path values for probing an operation: seeded ids for reads (the first of the collection the path continues);
    /// for writes on a decision or a pledge, a fresh one the secretariat opens, so that one accepted probe (a conclusion,
    /// a cancellation) leaves the next probe an acceptable request.
    /// </summary>
    public async Task<Dictionary<string, string>> Target(ApiOperation operation)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in operation.In("path"))
        {
            if (!operation.IsRead && operation.Path.StartsWith("/api/v1/decisions/{", StringComparison.Ordinal))
                values[parameter.Name] = (await factory.Secretariat.OpenDecision($"Hostile target {Interlocked.Increment(ref _n)}")).Id();
            else if (!operation.IsRead && operation.Path.StartsWith("/api/v1/assistance/pledges/{", StringComparison.Ordinal))
                values[parameter.Name] = await FreshPledge();
            else if (operation.Path == "/api/v1/accessions/{candidate}/steps")
                values[parameter.Name] = await FreshAccession();
            else values[parameter.Name] = await Seeded(operation.Path, parameter.Name);
        }
        return values;
    }

    /// <summary>A candidate the secretariat starts following, with no step yet: its application is the next acceptable step.</summary>
    private async Task<string> FreshAccession()
    {
        for (var attempt = 0; ; attempt++)
        {
            var candidate = Fields.Sample("OpenRequest", "candidate", Interlocked.Increment(ref _n))!.GetValue<string>();
            using var response = await factory.Secretariat.PostRaw("/api/v1/accessions", $$"""{"candidate":"{{candidate}}","name":"Hostile target"}""");
            if (response.IsSuccessStatusCode) return candidate;
            // A code an earlier probe took answers 409: try the next.
            Assert.True(response.StatusCode == HttpStatusCode.Conflict && attempt < 50,
                $"A target accession was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }
    }

    private async Task<string> FreshPledge()
    {
        var id = $"NOR-target-{Interlocked.Increment(ref _n)}";
        using var response = await factory.Secretariat.PostRaw("/api/v1/assistance/pledges",
            $$"""{"id":"{{id}}","donor":"NOR","recipient":"UKR","announced":"2023-01-10","category":"airDefence","items":[{"item":"IRIS-T SLM","quantity":4,"unit":"systems"}],"value":{"amount":400,"currency":"EUR"},"source":"hostile target"}""");
        Assert.True(response.IsSuccessStatusCode, $"A target pledge was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return id;
    }

    private async Task<string> FreshWebhook()
    {
        using var response = await factory.ClientAs(Role.Administrator).PostJson("/api/v1/webhooks",
            new { url = "https://203.0.113.5/hostile-target", kinds = new[] { "decision" }, account = TestAccounts.UserName(Role.Administrator, null) });
        Assert.True(response.IsSuccessStatusCode, $"A target webhook was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Json()).GetProperty("webhook").GetProperty("id").GetString()!;
    }

    /// <summary>A real id for a path parameter: the first item of the collection at the path before it.</summary>
    private async Task<string> Seeded(string path, string parameter)
    {
        var collection = path[..path.IndexOf("/{" + parameter + "}", StringComparison.Ordinal)];
        if (_seeded.TryGetValue(collection, out var known)) return known;
        // A forecast starts at a protocol's signature (one without is refused, 422, by design): Finland's, shipped and signed.
        if (collection == "/api/v1/forecasts/accessions") return _seeded[collection] = "FIN";
        // The shipped decisions are concluded, and a concluded decision has no forecast (422, by design): an open one, public
        // as the sweep reads as a visitor.
        if (collection == "/api/v1/forecasts/decisions")
        {
            var id = $"hostile-forecast-{Interlocked.Increment(ref _n)}";
            using var opened = await factory.Secretariat.PostRaw("/api/v1/decisions", $$"""{"id":"{{id}}","subject":"Hostile forecast target","classification":"PUBLIC"}""");
            Assert.True(opened.IsSuccessStatusCode, $"A target decision was refused: {(int)opened.StatusCode} {await opened.Content.ReadAsStringAsync(Ct)}");
            return _seeded[collection] = id;
        }
        // Webhooks are listed to administrators only, and none is shipped: one is registered for the probes.
        if (collection == "/api/v1/webhooks") return _seeded[collection] = await FreshWebhook();
        // As the reader the sweep reads as (a visitor for public lists), so the id is one it may see.
        // A feed of one thing (/feeds/decisions/{id}), or a forecast of one (/forecasts/accessions/{candidate}), takes its ids
        // from the things' own collection (/decisions, /accessions).
        var list = await Client(null).GetJson(collection.Replace("/api/v1/feeds/", "/api/v1/", StringComparison.Ordinal)
            .Replace("/api/v1/forecasts/", "/api/v1/", StringComparison.Ordinal));
        // The first item that holds something in each of its lists (an Ally that reported stocks), else the first item.
        var items = Objects(list).ToList();
        // The collection's own items before the objects nested in them (a statement's actors have ids of their own).
        var top = list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).ToList() : [];
        foreach (var item in top.Where(Full).Concat(top).Concat(items.Where(Full)).Concat(items))
            foreach (var name in new[] { parameter, "id", "code", "candidate", "ally" })
                if (item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } id)
                    return _seeded[collection] = id;
        // The data pack records no pledge: a read of one needs one recorded first.
        if (collection == "/api/v1/assistance/pledges") return _seeded[collection] = await FreshPledge();
        throw new InvalidOperationException($"No id for {{{parameter}}} in any item of {collection}: {list}");
    }

    private static bool Full(JsonElement item) =>
        item.EnumerateObject().All(p => p.Value.ValueKind != JsonValueKind.Array || p.Value.GetArrayLength() > 0);

    /// <summary>The objects in the arrays of a JSON answer, outermost first.</summary>
    private static IEnumerable<JsonElement> Objects(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)) yield return item;
            foreach (var item in node.EnumerateArray()) foreach (var inner in Objects(item)) yield return inner;
        }
        else if (node.ValueKind == JsonValueKind.Object)
            foreach (var property in node.EnumerateObject().Where(p => p.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Object))
                foreach (var inner in Objects(property.Value)) yield return inner;
    }

    // ---- Sending and checking --------------------------------------------------------------------------------------

    public async Task<StoreHead> Head()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
        var count = await db.Events.CountAsync(Ct);
        var last = await db.Events.AsNoTracking().OrderByDescending(e => e.Position).Select(e => new { e.Position, e.Hash }).FirstOrDefaultAsync(Ct);
        return new StoreHead(count, last?.Position ?? 0, last?.Hash);
    }

    public async Task<(int Status, string Text, string? MediaType)> Send(HttpClient client, HostileRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        if (request.Header is { } header) message.Headers.TryAddWithoutValidation(header.Name, header.Value);
        if (request.Body is not null)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.Body));
            if (request.ContentType is not null) content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType) { CharSet = "utf-8" };
            message.Content = content;
        }
        Inputs++;
        using var response = await client.SendAsync(message, Ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Probes one operation with one category as its allowed caller; returns the number of probes sent.</summary>
    public async Task<int> Run(ApiOperation operation, Category category)
    {
        var probes = Probes(operation, category).ToList();
        if (probes.Count == 0) return 0;
        var prober = Prober(operation);
        var client = Client(prober);
        var target = await Target(operation);
        // The acceptable request first: when it is accepted, a refusal of a probe is the probed field's and must name it.
        var baseline = Request(operation, target, Interlocked.Increment(ref _n));
        var head = await Head();
        var (status, text, mediaType) = await Send(client, baseline);
        if (status >= 500) Find(operation, category, baseline, status, text, "the acceptable request failed with a 5xx");
        var accepted = status is >= 200 and < 300;
        if (accepted && !operation.IsRead) { target = await Target(operation); head = await Head(); }
        else if (!accepted) head = await Check(operation, category, "acceptable request", baseline, status, text, mediaType, head, null, false);
        if (!accepted) Refused.Add($"{operation.Key}: {status}");
        foreach (var probe in probes)
        {
            var request = probe.Make(target, Interlocked.Increment(ref _n));
            var answer = await Send(client, request);
            head = await Check(operation, category, probe.Label, request, answer.Status, answer.Text, answer.MediaType, head, probe, accepted);
            if (answer.Status is >= 200 and < 300 && !operation.IsRead) { target = await Target(operation); head = await Head(); }
        }
        return probes.Count;
    }

    /// <summary>Checks one answer; returns the log head to compare the next refused write against.</summary>
    private async Task<StoreHead> Check(ApiOperation operation, Category category, string label, HostileRequest request, int status, string text, string? mediaType,
        StoreHead before, Probe? probe, bool baselineAccepted)
    {
        if (status >= 500) Find(operation, category, request, status, text, $"{label}: a 5xx");
        if (status is >= 400 and < 500) CheckProblem(operation, category, label, request, status, text, mediaType, probe, baselineAccepted);
        if (probe is { MustRefuse: true } && status is >= 200 and < 300)
            Find(operation, category, request, status, text, $"{label}: accepted, but the input policy forbids it ({probe.Field})");
        if (operation.IsRead) return before;
        var after = await Head();
        if (status is < 200 or >= 300 && after != before)
            Find(operation, category, request, status, text, $"{label}: refused with {status} but the log moved from {before} to {after}");
        return after;
    }

    private void CheckProblem(ApiOperation operation, Category category, string label, HostileRequest request, int status, string text, string? mediaType,
        Probe? probe, bool baselineAccepted)
    {
        if (mediaType != "application/problem+json")
        {
            Find(operation, category, request, status, text, $"{label}: refused with {status} as {mediaType ?? "no content type"}, not application/problem+json");
            return;
        }
        JsonElement problem;
        try { problem = JsonDocument.Parse(text).RootElement.Clone(); }
        catch (JsonException) { Find(operation, category, request, status, text, $"{label}: the problem is not JSON"); return; }
        if (!problem.TryGetProperty("status", out var s) || s.ValueKind != JsonValueKind.Number || s.GetInt32() != status || !problem.TryGetProperty("title", out _))
            Find(operation, category, request, status, text, $"{label}: the problem lacks its status or title");
        if (status is not (400 or 422)) return;
        var named = Named(problem).ToList();
        if (named.Count == 0 && !(problem.TryGetProperty("field", out _) || problem.TryGetProperty("errors", out _)))
            Find(operation, category, request, status, text, $"{label}: refused with {status} without naming a field");
        else if (status == 400 && probe is { Strict: true } && baselineAccepted && !NamesField(problem, named, probe.Field, label))
            Find(operation, category, request, status, text, $"{label}: refused with {status} naming [{string.Join(", ", named)}], not '{probe.Field}'");
    }

    /// <summary>The fields a problem names: its <c>field</c>, and each error's column, element or field (or the keys of a validation problem's errors).</summary>
    private static IEnumerable<string> Named(JsonElement problem)
    {
        if (problem.TryGetProperty("field", out var field) && field.ValueKind == JsonValueKind.String) yield return field.GetString()!;
        if (!problem.TryGetProperty("errors", out var errors)) yield break;
        if (errors.ValueKind == JsonValueKind.Object)
            foreach (var key in errors.EnumerateObject()) yield return key.Name;
        if (errors.ValueKind == JsonValueKind.Array)
            foreach (var error in errors.EnumerateArray())
                foreach (var name in new[] { "column", "element", "field" })
                    if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String)
                        yield return v.GetString()!;
    }

    private static bool NamesField(JsonElement problem, List<string> named, string field, string label)
    {
        var leaf = field.Split('.')[^1].Replace("[0]", "", StringComparison.Ordinal);
        bool Matches(string name) => name.Equals(field, StringComparison.OrdinalIgnoreCase) || name.Replace("[0]", "", StringComparison.Ordinal).Split('.')[^1].Equals(leaf, StringComparison.OrdinalIgnoreCase)
            || name.Contains(leaf, StringComparison.OrdinalIgnoreCase);
        if (named.Any(Matches)) return true;
        // A body that cannot be read as text (a NUL) is the body's fault, whatever field held it; a control character
        // makes XML ill-formed, which the parser reports by line only.
        if (label.Contains("NUL", StringComparison.Ordinal) && named.Contains("body")) return true;
        if (label.Contains("control character", StringComparison.Ordinal) && problem.TryGetProperty("errors", out var lines) && lines.ValueKind == JsonValueKind.Array
            && lines.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number && l.GetInt32() > 0))
            return true;
        return named.Count == 0 && problem.TryGetProperty("detail", out var detail) && detail.GetString() is { } words && words.Contains(leaf, StringComparison.OrdinalIgnoreCase);
    }

    private void Find(ApiOperation operation, Category category, HostileRequest request, int status, string text, string what)
    {
        lock (_findings)
            _findings.Add($"[{provider} {category}] {operation.Shown}: {what}\n    request: {request}\n    answer: {status} {HostileRequest.Shown(text.Length > 400 ? text[..400] : text)}");
    }

    // ---- Roles -------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Each caller that is not the operation's prober: one that may not call it sends a malformed request and must get
    /// 401 (a visitor) or 403 (an account) before the body is read; one that may sends a hostile one like any prober.
    /// </summary>
    public async Task<int> RunCallers(ApiOperation operation)
    {
        var sent = 0;
        var prober = Prober(operation);
        var target = await Target(operation);
        foreach (var role in Roles.Cast<Role?>().Prepend(null))
        {
            if (role == prober) continue;
            var client = Client(role);
            var head = await Head();
            HostileRequest request;
            if (Allowed(operation, role))
            {
                var probe = Probes(operation, Category.DuplicateKeys).Concat(Probes(operation, Category.DateEdges)).Concat(Probes(operation, Category.OddIds)).FirstOrDefault();
                if (probe is null) continue;
                request = probe.Make(target, Interlocked.Increment(ref _n));
                var answer = await Send(client, request);
                await Check(operation, Category.DuplicateKeys, $"as {role?.ToString() ?? "a visitor"}: {probe.Label}", request, answer.Status, answer.Text, answer.MediaType, head, probe, false);
                if (answer.Status is >= 200 and < 300 && !operation.IsRead) target = await Target(operation);
            }
            else
            {
                var expected = role is null ? 401 : 403;
                foreach (var (malformed, mediaTypeToo) in Malformed(operation, target))
                {
                    var (status, text, mediaType) = await Send(client, malformed);
                    // The router answers 415 to a media type the endpoint does not take before it knows the caller; it
                    // reads nothing, so it is allowed for a wrong media type, never for a malformed body.
                    if (status != expected && !(mediaTypeToo && status == 415))
                        Find(operation, Category.WrongContentTypes, malformed, status, text, $"as {role?.ToString() ?? "a visitor"}, who may not call it: {status}, not {expected} before the body is read");
                    else CheckProblem(operation, Category.WrongContentTypes, $"as {role?.ToString() ?? "a visitor"}", malformed, status, text, mediaType, null, false);
                    if (!operation.IsRead && await Head() != head)
                        Find(operation, Category.WrongContentTypes, malformed, status, text, $"as {role?.ToString() ?? "a visitor"}: the log moved");
                    sent++;
                }
                continue;
            }
            sent++;
        }
        return sent;
    }

    /// <summary>A request no parser accepts: truncated JSON with a key given twice, a file of no format, a query date past the calendar.</summary>
    private IEnumerable<(HostileRequest Request, bool WrongMediaType)> Malformed(ApiOperation operation, IReadOnlyDictionary<string, string> target)
    {
        var n = Interlocked.Increment(ref _n);
        if (operation.IsRead)
        {
            yield return (Request(operation, target, n, query: operation.In("query").FirstOrDefault() is { } q ? (q.Name, "-9998-01-01\0") : null), false);
            yield break;
        }
        if (operation.JsonBody is null && ImportFormat.Known.TryGetValue(operation.Path.Split('/')[^1], out var format))
        {
            yield return (Request(operation, target, n, body: "\0not a file", contentType: format.MediaType), false);
            yield return (Request(operation, target, n, body: format.File(), contentType: "text/plain"), true);
            yield break;
        }
        yield return (Request(operation, target, n, body: "{\"subject\":\"x\",\"subject\":", contentType: "application/json"), false);
        yield return (Request(operation, target, n, body: "{\"subject\":\"x\"}", contentType: "text/plain"), true);
    }

    // ---- Reads ---------------------------------------------------------------------------------------------------------

    /// <summary>Every read operation with seeded ids, as a visitor where it may and as the secretariat: each must answer 200.</summary>
    public async Task<int> SweepReads(Category after)
    {
        var sent = 0;
        foreach (var operation in _operations.Where(o => o.IsRead))
        {
            var target = await Target(operation);
            var request = Request(operation, target, 0);
            foreach (var role in new Role?[] { null, Role.Secretariat }.Where(r => Allowed(operation, r)))
            {
                var (status, text, _) = await Send(Client(role), request);
                sent++;
                if (status != 200) Find(operation, after, request, status, text, $"read as {role?.ToString() ?? "a visitor"} after the {after} probes: {status}, not 200");
                if (status == 200 && operation.Path.EndsWith("/export", StringComparison.Ordinal))
                    await CheckExport(operation, after, target, role);
            }
        }
        return sent;
    }

    /// <summary>The ledger as CSV holds no cell a spreadsheet would run as a formula.</summary>
    private async Task CheckExport(ApiOperation operation, Category after, IReadOnlyDictionary<string, string> target, Role? role)
    {
        var request = new HostileRequest("GET", Request(operation, target, 0).Url + (operation.Path.Contains('?') ? "&" : "?") + "format=csv");
        var (status, text, _) = await Send(Client(role), request);
        if (status != 200) { Find(operation, after, request, status, text, "the CSV export did not answer 200"); return; }
        foreach (var cell in CsvCells(text))
            if (cell.Length > 0 && "=+-@\t\r".Contains(cell[0]) && !decimal.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                Find(operation, after, request, status, cell, "the CSV export holds a cell a spreadsheet runs as a formula");
                return;
            }
    }

    private static IEnumerable<string> CsvCells(string text)
    {
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"' && cell.Length == 0) quoted = true;
            else if (c is ',' or '\n') { yield return cell.ToString().TrimEnd('\r'); cell.Clear(); }
            else cell.Append(c);
        }
        if (cell.Length > 0) yield return cell.ToString();
    }
}

/// <summary>The count of inputs each run tried, kept for the whole test process and written to TestResults/hostile-inputs.txt.</summary>
public static class HostileCounts
{
    private static readonly ConcurrentDictionary<string, (int Inputs, int Findings)> Runs = new();

    public static void Record(string run, int inputs, int findings)
    {
        TestContext.Current.TestOutputHelper?.WriteLine($"{run}: {inputs} inputs tried, {findings} findings");
        lock (Runs)
        {
            Runs[run] = (inputs, findings);
            var lines = Runs.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}: {r.Value.Inputs} inputs, {r.Value.Findings} findings").ToList();
            lines.Add($"total: {Runs.Values.Sum(v => v.Inputs)} inputs tried, {Runs.Values.Sum(v => v.Findings)} findings");
            try
            {
                var folder = Path.Combine(RepositoryRoot(), "TestResults");
                Directory.CreateDirectory(folder);
                File.WriteAllLines(Path.Combine(folder, "hostile-inputs.txt"), lines);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Concord.slnx"))) return dir.FullName;
        return AppContext.BaseDirectory;
    }
}
