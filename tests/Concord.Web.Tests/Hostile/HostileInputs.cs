using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Concord.Web.Tests.Hostile;

/// <summary>The kinds of hostile input the suite sends; the first two are sensitive to the store and run on both providers.</summary>
public enum Category { DateEdges, HugeNumbers, HostileText, OddIds, DuplicateKeys, UnmappedMembers, WrongContentTypes }

/// <summary>What a field holds, which decides the hostile values it gets and which of them must be refused.</summary>
public enum FieldKind { Date, Amount, Count, Version, Cursor, Identifier, Code, Name, Text, Choice, Header }

/// <summary>A value to send: its JSON token (or raw text for query, CSV and XML), and whether the input policy forbids it outright.</summary>
public sealed record HostileValue(string Label, string Text, bool AsJsonString, bool MustRefuse);

/// <summary>
/// The hostile values of each category and the field kinds they go to (docs/adr/0005-input-policy.md gives the rules
/// that decide <see cref="HostileValue.MustRefuse"/>: past the calendar's ends, beyond 10^12, a fraction of a count, a
/// number sent as a string, a control character anywhere, a bidirectional or zero-width character outside free text).
/// </summary>
public static class HostileValues
{
    public const string DecimalMax = "79228162514264337593543950335";

    private static readonly HostileValue[] Dates =
    [
        new("1899-12-31", "1899-12-31", true, true),
        new("1900-01-01", "1900-01-01", true, false),
        new("2199-12-31", "2199-12-31", true, false),
        new("2200-01-01", "2200-01-01", true, true),
        new("end of 9999 in nanoseconds", "9999-12-31T23:59:59.999999999Z", true, true),
        new("year -9998", "-9998-01-01", true, true),
        new("date with a trailing NUL", "2024-01-01\0", true, true),
    ];

    /// <summary>Numbers at and past the bounds, for a field of <paramref name="kind"/>.</summary>
    public static IEnumerable<HostileValue> Numbers(FieldKind kind, bool json)
    {
        var bounded = kind is FieldKind.Amount or FieldKind.Count;
        yield return new("10^12", "1000000000000", false, kind == FieldKind.Version);
        yield return new("10^12+1", "1000000000001", false, bounded || kind == FieldKind.Version);
        yield return new("decimal's largest value", DecimalMax, false, true);
        yield return new("2^63", "9223372036854775808", false, true);
        yield return new("1.5 where a count is meant", "1.5", false, kind is FieldKind.Count or FieldKind.Version or FieldKind.Cursor);
        yield return new("a number in a string", "1e5", json, json);
        yield return new("negative", "-1", false, bounded);
    }

    private static readonly HostileValue[] Texts =
    [
        new("a BEL control character", "bell\u0007rings", true, true),
        new("a right-to-left override", "evil\u202Etxt.exe", true, false),
        new("a NUL", "nul\u0000here", true, true),
        new("a zero-width space", "zero\u200Bwidth", true, false),
        new("a formula (=)", "=HYPERLINK(\"http://example.invalid\",\"x\")", true, false),
        new("a formula (+)", "+1+cmd|' /C calc'!A0", true, false),
        new("a formula (-)", "-2+3", true, false),
        new("a formula (@)", "@SUM(1+1)*cmd|' /C calc'!A0", true, false),
    ];

    private static readonly HostileValue[] Ids =
    [
        new("a path traversal", "../../etc/passwd", true, true),
        new("a right-to-left override", "kiel\u202E1", true, true),
        new("a very long id", new string('a', 5000), true, true),
        new("an empty id", "", true, true),
    ];

    /// <summary>The values of <paramref name="category"/> for one field (JSON property, query parameter or file column).</summary>
    public static IEnumerable<HostileValue> For(Category category, FieldKind kind, bool json, bool stringTyped)
    {
        switch (category)
        {
            case Category.DateEdges when kind == FieldKind.Date:
                return Dates;
            case Category.HugeNumbers when kind is FieldKind.Amount or FieldKind.Count or FieldKind.Version or FieldKind.Cursor:
                return Numbers(kind, json && !stringTyped);
            case Category.HostileText when stringTyped && kind != FieldKind.Header:
                // Free text keeps bidirectional and zero-width characters out (removed), every other field refuses them.
                return Texts.Select(t => t with { MustRefuse = t.MustRefuse || (kind != FieldKind.Text && !t.Label.StartsWith("a formula", StringComparison.Ordinal)) });
            case Category.OddIds when kind is FieldKind.Identifier or FieldKind.Code && stringTyped:
                return Ids;
            default:
                return [];
        }
    }
}

/// <summary>
/// How each field the document names is filled: its kind (by the schema's format and type, else by its name) and a value
/// the server accepts, so that a probe changes one field of an acceptable request and a refusal is that field's.
/// </summary>
public static class Fields
{
    private static readonly Dictionary<string, FieldKind> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        // Dates and instants.
        ["announced"] = FieldKind.Date, ["on"] = FieldKind.Date, ["promisedBy"] = FieldKind.Date, ["date"] = FieldKind.Date,
        ["effective"] = FieldKind.Date, ["opened"] = FieldKind.Date, ["concluded"] = FieldKind.Date, ["silenceDeadline"] = FieldKind.Date, ["deadline"] = FieldKind.Date,
        ["valuedOn"] = FieldKind.Date, ["asOf"] = FieldKind.Date, ["knownOn"] = FieldKind.Date, ["from"] = FieldKind.Date, ["to"] = FieldKind.Date, ["by"] = FieldKind.Date,
        // Figures.
        ["quantity"] = FieldKind.Count, ["amount"] = FieldKind.Amount, ["speedWeight"] = FieldKind.Amount,
        ["expectedVersion"] = FieldKind.Version, ["limit"] = FieldKind.Count, ["after"] = FieldKind.Cursor,
        // A sealed page cursor is opaque text to the client: probed as an identifier it must be refused by name.
        ["cursor"] = FieldKind.Identifier,
        // Identifiers that become part of a stream id or a URL, and codes.
        ["id"] = FieldKind.Identifier, ["candidate"] = FieldKind.Identifier, ["decision"] = FieldKind.Identifier,
        ["summit"] = FieldKind.Identifier, ["stream"] = FieldKind.Identifier, ["expectHead"] = FieldKind.Identifier,
        ["member"] = FieldKind.Code, ["coDonors"] = FieldKind.Code, ["party"] = FieldKind.Code, ["donor"] = FieldKind.Code, ["recipient"] = FieldKind.Code,
        ["concerned"] = FieldKind.Code, ["ally"] = FieldKind.Code, ["code"] = FieldKind.Code, ["currency"] = FieldKind.Code,
        ["body"] = FieldKind.Code, ["iso"] = FieldKind.Code, ["reporting_currency"] = FieldKind.Code, ["release"] = FieldKind.Identifier,
        // Names and free text.
        ["subject"] = FieldKind.Name, ["name"] = FieldKind.Name, ["item"] = FieldKind.Name, ["unit"] = FieldKind.Name,
        ["actor"] = FieldKind.Name, ["signatories"] = FieldKind.Text, ["event"] = FieldKind.Text, ["aid_type_specific"] = FieldKind.Name,
        ["note"] = FieldKind.Text, ["reason"] = FieldKind.Text, ["condition"] = FieldKind.Text, ["statement"] = FieldKind.Text,
        ["source"] = FieldKind.Text, ["vote"] = FieldKind.Text, ["title"] = FieldKind.Name, ["publisher"] = FieldKind.Name,
        ["url"] = FieldKind.Text, ["archivedUrl"] = FieldKind.Text, ["aliasOf"] = FieldKind.Identifier, ["published"] = FieldKind.Date,
        ["language"] = FieldKind.Code,
        ["probability"] = FieldKind.Amount, ["rationale"] = FieldKind.Text, ["made"] = FieldKind.Date,
        // Statements: who acted, for whom, and what it concerns.
        ["state"] = FieldKind.Code, ["for"] = FieldKind.Code, ["accession"] = FieldKind.Code, ["pledge"] = FieldKind.Identifier,
        ["role"] = FieldKind.Name, ["summary"] = FieldKind.Text, ["decisions"] = FieldKind.Identifier, ["accessions"] = FieldKind.Code,
        ["pledges"] = FieldKind.Identifier, ["stance"] = FieldKind.Choice,
        // Webhooks: the kinds of change followed and the account a webhook acts as.
        ["kinds"] = FieldKind.Choice, ["account"] = FieldKind.Name,
        // Search: the words looked for.
        ["q"] = FieldKind.Text,
        // Choices among named values.
        ["kind"] = FieldKind.Choice, ["rule"] = FieldKind.Choice, ["classification"] = FieldKind.Choice, ["confidence"] = FieldKind.Choice,
        ["outcome"] = FieldKind.Choice,
        ["basis"] = FieldKind.Choice, ["category"] = FieldKind.Choice, ["status"] = FieldKind.Choice, ["stage"] = FieldKind.Choice,
        ["step"] = FieldKind.Choice, ["dateQualifier"] = FieldKind.Choice, ["method"] = FieldKind.Choice, ["share"] = FieldKind.Choice,
        ["format"] = FieldKind.Choice, ["measure"] = FieldKind.Choice, ["aid_type_general"] = FieldKind.Choice, ["include"] = FieldKind.Choice,
        ["corrects"] = FieldKind.Choice, ["undisclosed"] = FieldKind.Choice, ["extent"] = FieldKind.Choice,
        // Headers an operation may document.
        ["Idempotency-Key"] = FieldKind.Header, ["If-None-Match"] = FieldKind.Header,
    };

    /// <summary>Where a name means something else than the table says.</summary>
    private static readonly Dictionary<string, FieldKind> ByOperation = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GET /api/v1/assistance/delays#by"] = FieldKind.Choice,
        ["GET /api/v1/audit#event"] = FieldKind.Choice,
        ["GET /api/v1/decisions#after"] = FieldKind.Identifier,
        ["GET /api/v1/audit#after"] = FieldKind.Identifier,
        ["GET /api/v1/members#body"] = FieldKind.Code,
    };

    /// <summary>The kind of a field, or null when the suite has no generator for it (the coverage test lists those).</summary>
    public static FieldKind? KindOf(ApiOperation? operation, string name, JsonElement schema)
    {
        if (operation is not null && ByOperation.TryGetValue($"{operation.Key}#{name}", out var special)) return special;
        switch (OpenApiOperations.FormatOf(schema))
        {
            case "date" or "date-time": return FieldKind.Date;
        }
        var type = OpenApiOperations.TypeOf(schema);
        if (ByName.TryGetValue(name, out var kind))
            return type switch
            {
                "integer" when kind is not (FieldKind.Count or FieldKind.Version or FieldKind.Cursor) => FieldKind.Count,
                "number" when kind is not (FieldKind.Amount or FieldKind.Count) => FieldKind.Amount,
                _ => kind,
            };
        return type switch
        {
            "integer" => FieldKind.Count,
            "number" => FieldKind.Amount,
            _ => null,
        };
    }

    /// <summary>A value the server accepts for a body property, keyed by the schema and then by name; null when there is none.</summary>
    public static JsonNode? Sample(string? schema, string name, int n) => (schema, name) switch
    {
        ("OpenDecisionRequest", "id") => $"hostile-{n}",
        ("AnnounceRequest", "id") => $"NOR-hostile-{n}",
        ("SourceRequest", "id") => $"hostile-source-{n}",
        ("StatementRequest", "id") => $"hostile-statement-{n}",
        // An address of the documentation range, never reached: the web tests' hosts do not dispatch.
        ("WebhookRequest", "url") => $"https://203.0.113.5/hook/{n}",
        ("WebhookRequest", "kinds") => new JsonArray("decision"),
        ("WebhookRequest", "account") => TestAccounts.UserName(Features.Access.Role.Administrator, null),
        ("StatementRequest", "kind") => "statement",
        ("StatementRequest", "subject") => "ukraine-invitation",
        ("StatementRequest", "actors") => new JsonArray(new JsonObject { ["name"] = "Probe Actor", ["role"] = "Probe role", ["for"] = "RUS" }),
        ("ActorRequest", "name") => "Probe Actor",
        ("ActorRequest", "role") => "Probe role",
        ("ActorRequest", "for") => "RUS",
        ("StatementRequest", "accessions") => new JsonArray("UKR"),
        ("StatementRequest", "decisions" or "pledges") => new JsonArray(),
        (_, "stance") => "opposes",
        (_, "summary") => "A probe",
        ("SourceRequest", "kind") => "press",
        ("SourceRequest", "publisher") => "Probe Daily",
        ("SourceRequest", "title") => "A probe",
        ("OpenRequest", "candidate") => FreshCandidate(n),
        ("OpenRequest", "name") => "Probe candidate",
        ("RatificationRequest", "date") => "2024-01-10",
        ("AnnounceRequest" or "DeliveryRequest" or "AmendRequest", "items") => new JsonArray(Item(schema == "AnnounceRequest" ? 4 : 1)),
        ("PlanAssistanceRequest", "items") => new JsonArray(new JsonObject { ["category"] = "air-defence", ["quantity"] = 1 }),
        ("Item", "category") => "air-defence",
        ("Item", "quantity") => 1,
        ("ItemRequest", "item") => "IRIS-T SLM",
        ("ItemRequest", "quantity") => 1,
        ("ItemRequest", "unit") => "systems",
        ("ItemRequest", "undisclosed") => false,
        ("AnnounceRequest", "coDonors") => new JsonArray("DNK"),
        ("MoneyRequest", "amount") => 100,
        ("MoneyRequest", "currency") => "EUR",
        ("MoneyRequest", "valuedOn") => "2023-01-10",
        ("MoneyRequest", "method") => "stated",
        ("AnnounceRequest", "category") => "airDefence",
        (_, "value") => new JsonObject { ["amount"] = 100, ["currency"] = "EUR" },
        (_, "subject") => $"Hostile probe {n}",
        (_, "member" or "party") => "DEU",
        (_, "kind") => "concur",
        (_, "deadline") => "2025-09-01T12:00:00Z",
        (_, "silenceDeadline") => "2025-09-01T12:00:00Z",
        (_, "opened") => "2025-07-14",
        (_, "effective") => "2025-07-15T08:00:00Z",
        (_, "concluded") => "2025-07-15T08:00:00Z",
        (_, "outcome") => "lapsed",
        (_, "reason" or "statement" or "note" or "condition") => "A probe",
        (_, "source") => "https://example.org/probe",
        (_, "step") => "application",
        (_, "date") => "2024-06-25",
        (_, "stage") => "committee",
        (_, "donor") => "NOR",
        (_, "recipient") => "UKR",
        (_, "announced") => "2023-01-10",
        (_, "status") => "committed",
        (_, "on") => "2023-02-01",
        ("RecordJudgmentRequest", "probability") => 0.5,
        (_, "rationale") => "A probe",
        (_, "promisedBy" or "by") => "2025-12-31",
        (_, "share") => "gdp",
        (_, "speedWeight") => 0.3,
        (_, "body") => "NATO",
        (_, "rule") => "natoConsensus",
        (_, "classification") => "PUBLIC",
        (_, "confidence") => "reported",
        (_, "basis") => "reported",
        (_, "dateQualifier") => "onOrBefore",
        (_, "concerned") => "UKR",
        _ => null,
    };

    /// <summary>The properties an acceptable body of each request schema holds; a schema not listed gets every property with a sample.</summary>
    public static readonly Dictionary<string, string[]> Essentials = new(StringComparer.Ordinal)
    {
        ["OpenDecisionRequest"] = ["id", "subject"],
        ["SourceRequest"] = ["id", "kind", "publisher", "title"],
        ["StatementRequest"] = ["id", "date", "actors", "kind", "subject", "stance", "summary"],
        ["WebhookRequest"] = ["url", "kinds", "account"],
        ["DisableWebhookRequest"] = ["reason"],
        ["RecordPositionRequest"] = ["member", "kind"],
        ["RecordJudgmentRequest"] = ["member", "probability", "by", "rationale", "source"],
        ["PutUnderSilenceRequest"] = ["deadline"],
        ["ConcludeRequest"] = ["outcome", "source"],
        ["WithdrawDecisionRequest"] = ["reason"],
        ["ReleaseOutcomeRequest"] = ["statement"],
        ["OpenRequest"] = ["candidate", "name"],
        ["StepRequest"] = ["step", "date"],
        ["RatificationRequest"] = ["party", "stage", "date"],
        ["AnnounceRequest"] = ["id", "donor", "recipient", "announced", "category", "items", "value", "source"],
        ["AdvanceRequest"] = ["status", "on"],
        ["DeliveryRequest"] = ["on", "items"],
        ["AmendRequest"] = ["on", "promisedBy"],
        ["CancelRequest"] = ["on", "reason"],
        ["PlanAssistanceRequest"] = ["recipient", "items", "by", "share", "speedWeight"],
    };

    private static JsonObject Item(int quantity) => new() { ["item"] = "IRIS-T SLM", ["quantity"] = quantity, ["unit"] = "systems" };

    /// <summary>A candidate code no seeded accession uses: Q, then two letters from B on (QAT is a state).</summary>
    private static string FreshCandidate(int n) =>
        string.Create(CultureInfo.InvariantCulture, $"Q{(char)('B' + n / 25 % 25)}{(char)('B' + n % 25)}");


    /// <summary>Values of query parameters an operation needs to answer at all (the others are left out unless probed).</summary>
    public static string? QuerySample(ApiOperation operation, string name, int n) => (operation.Path, name) switch
    {
        ("/api/v1/readiness/{ally}/impact", "category") => "air-defence",
        ("/api/v1/readiness/{ally}/impact", "quantity") => "10",
        ("/api/v1/search", "q") => "Leopard",
        // A release is recorded once per country and month: each request names a new one.
        // A Kiel release revises an older one only when its name sorts after it: padded, each probe's release is the newest.
        (_, "release") when operation.Path.Contains("/kiel", StringComparison.Ordinal) => $"hostile-{n:D9}",
        _ => null,
    };

    /// <summary>
    /// Whether a request uses a field whatever else it holds: a step's party, stage, decision and summit belong to some
    /// steps only (the acceptable request is an application), so another step leaves them aside rather than storing them.
    /// </summary>
    public static bool Used(string? schema, string name) =>
        !(schema == "StepRequest" && name is "party" or "stage" or "decision" or "summit");
}

/// <summary>A field of a JSON request body: its path as the server names it ("items[0].quantity"), its leaf name, kind and schema type.</summary>
public sealed record BodyField(string Path, string Name, string? Schema, FieldKind? Kind, string? Type, string[] Parents);

/// <summary>The fields of request bodies, flattened from the document's schemas (objects and arrays of objects).</summary>
public static class BodyFields
{
    public static List<BodyField> Of(JsonElement document, ApiOperation operation, JsonElement schema, string? schemaName)
    {
        var fields = new List<BodyField>();
        Walk(document, operation, schema, schemaName, "", [], fields, 0);
        return fields;
    }

    private static void Walk(JsonElement document, ApiOperation operation, JsonElement schema, string? schemaName, string prefix, string[] parents, List<BodyField> into, int depth)
    {
        if (depth > 4 || !schema.TryGetProperty("properties", out var properties)) return;
        foreach (var property in properties.EnumerateObject())
        {
            var raw = property.Value;
            var resolved = OpenApiOperations.Resolve(document, raw);
            var type = OpenApiOperations.TypeOf(resolved);
            var path = prefix + property.Name;
            if (type == "object")
            {
                Walk(document, operation, resolved, RefName(raw), path + ".", [.. parents, property.Name], into, depth + 1);
                continue;
            }
            if (type == "array" && resolved.TryGetProperty("items", out var items))
            {
                var element = OpenApiOperations.Resolve(document, items);
                if (OpenApiOperations.TypeOf(element) == "object")
                {
                    Walk(document, operation, element, RefName(items), path + "[0].", [.. parents, property.Name], into, depth + 1);
                    continue;
                }
            }
            into.Add(new BodyField(path, property.Name, schemaName, Fields.KindOf(operation, property.Name, resolved), type, parents));
        }
    }

    private static string? RefName(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var r)) return r.GetString()!.Split('/')[^1];
        foreach (var combinator in new[] { "oneOf", "anyOf" })
            if (schema.TryGetProperty(combinator, out var options))
                foreach (var option in options.EnumerateArray())
                    if (option.TryGetProperty("$ref", out var o)) return o.GetString()!.Split('/')[^1];
        return null;
    }
}

/// <summary>
/// The import formats, for operations whose body the document does not describe as JSON: the media type, a file the
/// importer accepts, and each column (or element) with its kind, so that one cell can be made hostile.
/// </summary>
public sealed record ImportFormat(string MediaType, IReadOnlyList<(string Column, FieldKind Kind, string Value)> Columns, Func<IReadOnlyDictionary<string, string>, string> Render)
{
    public string File(string? column = null, string? value = null) =>
        Render(Columns.ToDictionary(c => c.Column, c => c.Column == column ? value! : c.Value));

    /// <summary>The formats by the last segment of the import's path.</summary>
    public static readonly Dictionary<string, ImportFormat> Known = new(StringComparer.Ordinal)
    {
        ["timeline"] = Csv(("date", FieldKind.Date, "2024-01-10"), ("event", FieldKind.Text, "Hostile probe event"),
            ("amount_usd_bn", FieldKind.Amount, "1"), ("vote", FieldKind.Text, "70-29"), ("source", FieldKind.Text, "probe")),
        ["pledges"] = Csv(("pledge_id", FieldKind.Identifier, "H1"), ("donor", FieldKind.Code, "NOR"), ("recipient", FieldKind.Code, "UKR"),
            ("item", FieldKind.Name, "Probe launcher"), ("category", FieldKind.Choice, "artillery"), ("quantity", FieldKind.Count, "1"),
            ("unit", FieldKind.Name, "launchers"), ("announced", FieldKind.Date, "2023-01-10"), ("source_ids", FieldKind.Text, "probe")),
        ["pledge-amendments"] = Csv(("pledge_id", FieldKind.Identifier, "H1"), ("donor", FieldKind.Code, "NOR"), ("date", FieldKind.Date, "2023-02-10"),
            ("quantity", FieldKind.Count, "2"), ("source_ids", FieldKind.Text, "probe")),
        ["delays"] = Csv(("event_id", FieldKind.Identifier, "H1"), ("date", FieldKind.Date, "2023-02-10"), ("actor", FieldKind.Name, "Probe states"),
            ("kind", FieldKind.Choice, "schedule-slip"), ("summary", FieldKind.Text, "A probe"), ("source_ids", FieldKind.Text, "probe")),
        ["kiel"] = Csv(("id", FieldKind.Identifier, "hostile1"), ("donor", FieldKind.Name, "Norway"), ("measure", FieldKind.Choice, "Commitment"),
            ("announcement_date", FieldKind.Date, "2023-02-01"), ("aid_type_general", FieldKind.Choice, "Humanitarian"),
            ("aid_type_specific", FieldKind.Name, "Energy equipment"), ("tot_activity_value", FieldKind.Amount, "100"),
            ("reporting_currency", FieldKind.Code, "NOK")),
        ["kiel-monthly"] = Csv(("year", FieldKind.Count, "2024"), ("month", FieldKind.Count, "1"), ("iso", FieldKind.Code, "FRA"),
            ("total", FieldKind.Amount, "1"), ("financial", FieldKind.Amount, "0"), ("humanitarian", FieldKind.Amount, "0"), ("military", FieldKind.Amount, "1")),
        ["iati"] = new(ImportBodiesXml, [
            // The identifier is made a slug before it names a pledge, and the title is free text: neither need refuse an odd character.
            ("iati-identifier", FieldKind.Text, "GB-GOV-1-HOSTILE"), ("narrative", FieldKind.Text, "Hostile probe"),
            ("iso-date", FieldKind.Date, "2023-01-10"), ("value", FieldKind.Amount, "1000"), ("currency", FieldKind.Code, "GBP")], Iati),
    };

    private const string ImportBodiesXml = "application/xml";

    private static ImportFormat Csv(params (string Column, FieldKind Kind, string Value)[] columns) =>
        new("text/csv", columns, cells => string.Join(",", columns.Select(c => c.Column)) + "\n" + string.Join(",", columns.Select(c => Cell(cells[c.Column]))) + "\n");

    private static string Cell(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Iati(IReadOnlyDictionary<string, string> v) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <iati-activities version="2.03">
          <iati-activity default-currency="GBP" humanitarian="1">
            <iati-identifier>{X(v["iati-identifier"])}</iati-identifier>
            <reporting-org ref="GB-GOV-1" type="10"><narrative>FCDO</narrative></reporting-org>
            <title><narrative>{X(v["narrative"])}</narrative></title>
            <recipient-country code="UA" percentage="100"/>
            <transaction>
              <transaction-type code="12"/>
              <transaction-date iso-date="{X(v["iso-date"])}"/>
              <value currency="{X(v["currency"])}" value-date="2023-01-10">{X(v["value"])}</value>
              <provider-org ref="GB-GOV-1"/>
            </transaction>
          </iati-activity>
        </iati-activities>
        """;

    private static string X(string text) => System.Security.SecurityElement.Escape(text);
}

/// <summary>Builds the text of request bodies: JSON with one property replaced, given twice, or added.</summary>
public static class Bodies
{
    public static JsonObject Baseline(JsonElement document, ApiOperation operation, JsonElement schema, string? schemaName, int n)
    {
        var body = new JsonObject();
        if (!schema.TryGetProperty("properties", out var properties)) return body;
        var names = schemaName is not null && Fields.Essentials.TryGetValue(schemaName, out var essential)
            ? essential
            : [.. properties.EnumerateObject().Select(p => p.Name).Where(p => Fields.Sample(schemaName, p, n) is not null)];
        foreach (var name in names)
            if (Fields.Sample(schemaName, name, n) is { } value) body[name] = value;
        return body;
    }

    /// <summary>Sets the field at its path ("value.amount", "items[0].quantity") to <paramref name="value"/>, making the parents it needs.</summary>
    public static void Set(JsonObject body, string? rootSchema, BodyField field, JsonNode? value, int n)
    {
        JsonObject target = body;
        var segments = field.Path.Split('.');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var segment = segments[i];
            var isArray = segment.EndsWith("[0]", StringComparison.Ordinal);
            var name = isArray ? segment[..^3] : segment;
            if (isArray)
            {
                if (target[name] is not JsonArray array || array.Count == 0)
                    target[name] = array = Fields.Sample(i == 0 ? rootSchema : null, name, n) as JsonArray ?? [new JsonObject()];
                target = (JsonObject)array[0]!;
            }
            else
            {
                if (target[name] is not JsonObject inner) target[name] = inner = Fields.Sample(i == 0 ? rootSchema : null, name, n) as JsonObject ?? new JsonObject();
                target = inner;
            }
        }
        target[segments[^1]] = value;
    }

    /// <summary>A JSON token for a hostile value: a string, or the number as written.</summary>
    public static JsonNode? Token(HostileValue value) =>
        value.AsJsonString ? JsonValue.Create(value.Text) : JsonNode.Parse(value.Text);

    /// <summary>The body with its property <paramref name="name"/> given twice (a second, different value last).</summary>
    public static string WithDuplicate(JsonObject body, string name, JsonNode? second)
    {
        var text = body.ToJsonString();
        var extra = $"{JsonSerializer.Serialize(name)}:{(second?.ToJsonString() ?? "null")}";
        return text.Length <= 2 ? "{" + extra + "," + extra + "}" : text[..^1] + "," + extra + "}";
    }

    public static string Utf8(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
}
