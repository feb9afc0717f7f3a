using System.Text.Json;

namespace Concord.Web.Tests.Hostile;

/// <summary>A parameter of an operation as the OpenAPI document declares it (path or query), with its schema resolved.</summary>
public sealed record ApiParameter(string Name, string In, JsonElement Schema);

/// <summary>
/// One operation of the OpenAPI document: method, path template, parameters and, when declared, the request body's
/// media types with their schemas (resolved) and the name of the schema it refers to.
/// </summary>
public sealed record ApiOperation(
    string Method, string Path, string? OperationId, IReadOnlyList<ApiParameter> Parameters,
    IReadOnlyDictionary<string, JsonElement> Body, string? BodySchemaName, bool BodyRequired)
{
    /// <summary>"POST /api/v1/decisions/{id}/positions": the key that names an operation whether or not the document gives an operationId.</summary>
    public string Key => $"{Method} {Path}";

    public string Shown => OperationId is null ? Key : $"{Key} ({OperationId})";

    public bool IsRead => Method == "GET";

    public IEnumerable<ApiParameter> In(string location) => Parameters.Where(p => p.In == location);

    /// <summary>The JSON schema of the body, when the document declares one for application/json.</summary>
    public JsonElement? JsonBody => Body.TryGetValue("application/json", out var schema) ? schema : null;
}

/// <summary>Reads the operations of an OpenAPI 3.x document (the one the test host serves at /openapi/v1.json).</summary>
public static class OpenApiOperations
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    public static IReadOnlyList<ApiOperation> Read(JsonElement document)
    {
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var common) ? Parameters(document, common) : [];
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
            {
                var operation = method.Value;
                var own = operation.TryGetProperty("parameters", out var given) ? Parameters(document, given) : [];
                var parameters = shared.Where(s => own.All(o => o.Name != s.Name || o.In != s.In)).Concat(own).ToList();
                var body = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
                string? schemaName = null;
                var required = false;
                if (operation.TryGetProperty("requestBody", out var requestBody))
                {
                    requestBody = Resolve(document, requestBody);
                    required = requestBody.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True;
                    if (requestBody.TryGetProperty("content", out var content))
                        foreach (var media in content.EnumerateObject())
                        {
                            var schema = media.Value.TryGetProperty("schema", out var s) ? s : default;
                            schemaName ??= schema.ValueKind == JsonValueKind.Object ? NameOf(schema) : null;
                            body[media.Name] = schema.ValueKind == JsonValueKind.Object ? Resolve(document, schema) : default;
                        }
                }
                var operationId = operation.TryGetProperty("operationId", out var id) ? id.GetString() : null;
                operations.Add(new ApiOperation(method.Name.ToUpperInvariant(), path.Name, operationId, parameters, body, schemaName, required));
            }
        }
        return operations;
    }

    private static List<ApiParameter> Parameters(JsonElement document, JsonElement list) =>
    [
        .. list.EnumerateArray().Select(p => Resolve(document, p)).Select(p => new ApiParameter(
            p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
            p.TryGetProperty("schema", out var schema) ? Resolve(document, schema) : default)),
    ];

    /// <summary>The name of the component a schema refers to (through a nullable <c>oneOf</c>), if any.</summary>
    private static string? NameOf(JsonElement schema)
    {
        schema = NonNull(schema);
        return schema.TryGetProperty("$ref", out var reference) ? reference.GetString()!.Split('/')[^1] : null;
    }

    /// <summary>Follows <c>$ref</c>s and unwraps the nullable forms <c>oneOf/anyOf: [{type: null}, X]</c> to X.</summary>
    public static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        for (var depth = 0; depth < 32; depth++)
        {
            schema = NonNull(schema);
            if (!schema.TryGetProperty("$ref", out var reference)) return schema;
            var node = document;
            foreach (var part in reference.GetString()!.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
                node = node.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            schema = node;
        }
        throw new InvalidOperationException("A $ref chain in the OpenAPI document does not end.");
    }

    private static JsonElement NonNull(JsonElement schema)
    {
        foreach (var combinator in new[] { "oneOf", "anyOf" })
            if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(combinator, out var options))
            {
                var real = options.EnumerateArray().Where(s => !IsNullType(s)).ToList();
                if (real.Count == 1) return real[0];
            }
        return schema;
    }

    private static bool IsNullType(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";

    /// <summary>The schema's type without "null": "string", "integer", "number", "boolean", "array", "object", or null when it names none.</summary>
    public static string? TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) return null;
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String) return type.GetString();
            if (type.ValueKind == JsonValueKind.Array)
                return type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null");
        }
        if (schema.TryGetProperty("properties", out _)) return "object";
        return null;
    }

    public static string? FormatOf(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var format) ? format.GetString() : null;
}
