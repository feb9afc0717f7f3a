using System.Globalization;
using System.Text;
using Concord.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Concord.Web.Hosting;

/// <summary>
/// Endpoint metadata: the endpoint reads its request body as a file of one of <paramref name="MediaTypes"/> (the first is
/// the one to send), not as JSON. The OpenAPI document describes the body so; <see cref="ImportBodies"/> enforces it.
/// </summary>
public sealed record FileBody(IReadOnlyList<string> MediaTypes);

/// <summary>
/// How /openapi/v1.json describes the API. Integrators generate clients from it and the hostile-input tests are
/// generated from it, so it states what the endpoints really do, derived here in one place from what every endpoint
/// already declares (its permission, its route, its body) rather than repeated beside each endpoint: who may call an
/// operation (<see cref="OperationShape"/>'s security from <see cref="RequiresPermission"/>), every ProblemDetails status
/// it can answer, and a stable operationId.
/// </summary>
public static class ApiDocument
{
    public const string BearerScheme = "bearer";
    public const string CookieScheme = "cookie";
    public const string ProblemSchema = "ProblemDetails";
    public const string ProblemMediaType = "application/problem+json";

    public static void Configure(OpenApiOptions options)
    {
        options.AddSchemaTransformer<NodaTimeSchemas>();
        // Every use case names its input "Request"; without the use case in the id they would share one schema.
        options.CreateSchemaReferenceId = t => NodaTimeSchemas.IsString(t.Type) ? null
            : t.Type is { IsNested: true, Name: "Request", DeclaringType: { } useCase } ? useCase.Name + "Request"
            : OpenApiOptions.CreateDefaultSchemaReferenceId(t);
        options.AddOperationTransformer<OperationShape>();
        options.AddDocumentTransformer<DocumentShape>();
    }

    /// <summary>
    /// The operationIds of the API, by method and route. They name what the operation does in the words of its use case
    /// (clients and tests refer to them, so they do not change when a route is tidied); an endpoint's own
    /// <c>.WithName(…)</c> wins, and an endpoint listed nowhere gets one spelled from its route (<see cref="FromRoute"/>).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> OperationIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["GET /api/v1/members"] = "listMembers",
        ["GET /api/v1/members/{code}"] = "getMember",
        ["GET /api/v1/summits"] = "listSummits",
        ["GET /api/v1/summits/{id}"] = "getSummit",
        ["GET /api/v1/sources"] = "listSources",
        ["GET /api/v1/sources/{id}"] = "getSource",
        ["POST /api/v1/sources"] = "registerSource",
        ["GET /api/v1/statements"] = "listStatements",
        ["GET /api/v1/statements/{id}"] = "getStatement",
        ["POST /api/v1/statements"] = "recordStatement",
        ["GET /api/v1/search"] = "search",
        ["GET /api/v1/feeds/all"] = "feedEverything",
        ["GET /api/v1/feeds/calendar"] = "calendar",
        ["GET /api/v1/to-act"] = "toAct",
        ["GET /api/v1/forecasts/accessions/{candidate}"] = "forecastAccession",
        ["GET /api/v1/forecasts/decisions/{id}"] = "forecastDecision",
        ["POST /api/v1/decisions/{id}/judgments"] = "recordJudgment",
        ["POST /api/v1/webhooks"] = "registerWebhook",
        ["GET /api/v1/webhooks"] = "listWebhooks",
        ["GET /api/v1/webhooks/{id}/deliveries"] = "listWebhookDeliveries",
        ["POST /api/v1/webhooks/{id}/disable"] = "disableWebhook",
        ["GET /api/v1/feeds/decisions/{id}"] = "feedDecision",
        ["GET /api/v1/feeds/accessions/{candidate}"] = "feedAccession",
        ["GET /api/v1/feeds/actors/{id}"] = "feedActor",
        ["GET /api/v1/actors"] = "listActors",
        ["GET /api/v1/actors/{id}"] = "getActor",
        ["GET /api/v1/decisions"] = "listDecisions",
        ["POST /api/v1/decisions"] = "openDecision",
        ["GET /api/v1/decisions/{id}"] = "getDecision",
        ["GET /api/v1/decisions/{id}/positions"] = "listPositionChanges",
        ["POST /api/v1/decisions/{id}/positions"] = "recordPosition",
        ["POST /api/v1/decisions/{id}/silence"] = "putUnderSilence",
        ["POST /api/v1/decisions/{id}/conclusion"] = "concludeDecision",
        ["POST /api/v1/decisions/{id}/withdrawal"] = "withdrawDecision",
        ["POST /api/v1/decisions/{id}/release"] = "releaseOutcome",
        ["GET /api/v1/accessions"] = "listAccessions",
        ["POST /api/v1/accessions"] = "openAccession",
        ["GET /api/v1/accessions/{candidate}"] = "getAccession",
        ["POST /api/v1/accessions/{candidate}/steps"] = "recordAccessionStep",
        ["POST /api/v1/accessions/{candidate}/ratifications"] = "recordRatification",
        ["GET /api/v1/events"] = "listEvents",
        ["GET /api/v1/audit"] = "listAuditTrail",
        ["GET /api/v1/audit/verify"] = "verifyChain",
        ["GET /api/v1/readiness"] = "listReadiness",
        ["GET /api/v1/readiness/{ally}"] = "getReadiness",
        ["GET /api/v1/readiness/{ally}/impact"] = "getDonationImpact",
        ["POST /api/v1/assistance/plan"] = "planAssistance",
        ["GET /api/v1/assistance/pledges"] = "listPledges",
        ["POST /api/v1/assistance/pledges"] = "announcePledge",
        ["GET /api/v1/assistance/pledges/{id}"] = "getPledge",
        ["POST /api/v1/assistance/pledges/{id}/status"] = "advancePledge",
        ["POST /api/v1/assistance/pledges/{id}/deliveries"] = "deliverPledge",
        ["POST /api/v1/assistance/pledges/{id}/amendments"] = "amendPledge",
        ["POST /api/v1/assistance/pledges/{id}/cancellation"] = "cancelPledge",
        ["GET /api/v1/assistance/delays"] = "getDelays",
        ["GET /api/v1/assistance/backlog"] = "getBacklog",
        ["GET /api/v1/assistance/export"] = "exportLedger",
        ["POST /api/v1/assistance/imports/timeline"] = "importTimeline",
        ["POST /api/v1/assistance/imports/pledges"] = "importPledges",
        ["POST /api/v1/assistance/imports/pledge-amendments"] = "importPledgeAmendments",
        ["POST /api/v1/assistance/imports/delays"] = "importDelayEvents",
        ["POST /api/v1/assistance/imports/kiel"] = "importKiel",
        ["POST /api/v1/assistance/imports/kiel-monthly"] = "importKielMonthly",
        ["POST /api/v1/assistance/imports/iati"] = "importIati",
    };

    /// <summary>What each tag of the API holds.</summary>
    public static readonly IReadOnlyDictionary<string, string> TagDescriptions = new Dictionary<string, string>
    {
        ["Decisions"] = "Decisions of a body (NATO by default): open them, record each member's position, run the silence procedure, conclude or withdraw them, and read the outcome as of any date.",
        ["Accessions"] = "Candidates' paths to membership: the protocol's steps and every Party's ratification, as of any date.",
        ["Members"] = "The seats of a body, date-effective.",
        ["Summits"] = "Summits and the decisions due at each.",
        ["Sources"] = "The documents facts cite, one record per document (publisher, title, date, address), and what cites each.",
        ["Statements"] = "What any actor (an Ally, a candidate, a third state such as Russia, NATO) said and did around the decisions and accessions: statements, visits, meetings, communiqués and votes, with their sources. Never a position.",
        ["Search"] = "Words looked up in the database's full-text index across decisions, positions, accessions, statements, pledges and sources, through the same visibility rule as every read.",
        ["Feeds"] = "Atom feeds to follow a decision, an accession, an actor or everything, and the iCalendar of deadlines: only what the feed's reader may see.",
        ["Forecasts"] = "A model's forecasts of when, from the history the store holds as known on the as-of day and never a fact: each says what it rests on (docs/forecasting.md).",
        ["Webhooks"] = "Concord POSTs each change of the kinds chosen that a named account may read to an integrator's URL: the feed entry as JSON, signed with HMAC-SHA256, at least once (dedupe on X-Concord-Delivery), retried with a stored backoff. Administrators only.",
        ["Events"] = "The event log as the reader may see it, paged in log order.",
        ["Audit"] = "Who recorded what and when, and whether the hash-chained log is as it was written (administrators and the secretariat).",
        ["Readiness"] = "Each Ally's defence expenditure against the guidelines and its stocks against its floors (example figures).",
        ["Assistance"] = "Pledges of assistance, their progress and deliveries, delays and backlog as of any date, the ledger export and the planner.",
        ["Assistance imports"] = "Files of assistance data (Kiel Ukraine Support Tracker, IATI, the funding timeline) loaded as events; a file with any bad row loads nothing.",
        ["Accounts"] = "Accounts, their sessions and access tokens (administrators).",
    };

    /// <summary>The reads: a permission that changes nothing. Any other permission records something in the log.</summary>
    public static bool Reads(Permission permission) => permission is Permission.ReadPublic or Permission.Read or Permission.ReadAudit;

    /// <summary>"GET /api/v1/decisions/{id}": an endpoint's method and route, without a trailing slash.</summary>
    public static string Key(string method, string route) =>
        method.ToUpperInvariant() + " /" + route.Trim('/');

    /// <summary>An operationId spelled from the route: the method, then each literal segment and "By" each parameter
    /// (POST /api/v1/accounts/{name}/lock: postAccountsByNameLock); unique as method and route are.</summary>
    public static string FromRoute(string method, string route)
    {
        var id = new StringBuilder(method.ToLowerInvariant());
        foreach (var segment in route.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).SkipWhile(s => s is "api" or "v1"))
        {
            var parameter = segment.StartsWith('{');
            if (parameter) id.Append("By");
            foreach (var word in segment.Trim('{', '}').Split(':')[0].Split('-', '_', '.'))
                if (word.Length > 0) id.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        }
        return id.ToString();
    }

    /// <summary>
    /// Every ProblemDetails status an operation can answer, from what its endpoint declares. Each answer is made in one
    /// place of the host, which this mirrors:
    /// <list type="bullet">
    /// <item>401 anywhere: a token that is unknown, expired or revoked is refused even where visitors read, and without
    /// the public view a visitor is refused everywhere (<see cref="ApiAuthorizationResults"/>).</item>
    /// <item>403 where the permission is not every account's (<see cref="Access"/>), and on every write: a use case
    /// refuses out of scope (another state's position), and a signed-in browser's write from another site is refused
    /// (<see cref="SameOrigin"/>).</item>
    /// <item>400 for a body or a parameter (of the query or the route) that is not valid, and on every write for its <c>Idempotency-Key</c>;
    /// 422 on every write for a key already spent on another request (<see cref="Idempotency"/>); 429 on every write
    /// (<see cref="RateLimits"/>).</item>
    /// <item>For a write that records in the log: 409 (the current state, a stale expectedVersion, a concurrent write to
    /// the same stream), 503 (the store refused the write, <see cref="ConcordExceptionHandler"/>), 404 for what its route
    /// or JSON body names, 422 against a rule, and 202 when it was recorded but its view could not be built
    /// (<c>RefusalKind.Recorded</c>); an import answers counts it has before the commit, never 202, and 415 for a body of
    /// another media type (<see cref="ImportBodies"/>).</item>
    /// <item>404 on a read of something its route names.</item>
    /// </list>
    /// Statuses an endpoint declares itself (<c>.ProducesProblem(…)</c>) are kept.
    /// </summary>
    public static SortedSet<int> ProblemStatuses(string method, string route, Permission? permission, bool hasBody, bool takesParameters, bool fileBody)
    {
        var statuses = new SortedSet<int> { StatusCodes.Status401Unauthorized };
        var write = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);
        var routeNames = route.Contains('{', StringComparison.Ordinal);
        if (hasBody || takesParameters || write) statuses.Add(StatusCodes.Status400BadRequest);
        if (write || permission is not (null or Permission.ReadPublic or Permission.Read)) statuses.Add(StatusCodes.Status403Forbidden);
        if (routeNames) statuses.Add(StatusCodes.Status404NotFound);
        if (write) statuses.UnionWith([StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests]);
        if (write && permission is { } p && !Reads(p))
        {
            statuses.UnionWith([StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable]);
            if (fileBody) statuses.Add(StatusCodes.Status415UnsupportedMediaType);
            else statuses.UnionWith([StatusCodes.Status202Accepted, StatusCodes.Status404NotFound]);
        }
        return statuses;
    }

    /// <summary>What a ProblemDetails answer of each status means here.</summary>
    public static string ProblemMeaning(int status) => status switch
    {
        202 => "Recorded, but the view that answers the write could not be built: do not send it again; read it back.",
        400 => "Not valid: the ProblemDetails names the field at fault (and the line, for a file). Nothing was changed.",
        401 => "Not signed in, or the access token is unknown, expired or revoked, or the account changed since the browser signed in.",
        403 => "Not allowed for this account (its role, its state, its clearance), or a signed-in browser's write from another site.",
        404 => "Something the request names does not exist, or not for this reader.",
        409 => "Conflicts with the current state, or expectedVersion is not the current version. Nothing was changed.",
        415 => "The body is not in the import's media type. Nothing was changed.",
        422 => "Against a rule (e.g. a state that was not yet a member on that date), or an Idempotency-Key already used for another request. Nothing was changed.",
        429 => "Too many writes in a minute: Retry-After says when to try again.",
        503 => "The store did not accept the write. Nothing was stored; try again later.",
        _ => "A problem.",
    };

    /// <summary>Adds what the whole document shares: its description, security schemes, the ProblemDetails schema, tag
    /// descriptions, and the server as the deployment that serves the document.</summary>
    public sealed class DocumentShape : IOpenApiDocumentTransformer
    {
        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            document.Info.Title = "Concord API";
            document.Info.Version = "v1";
            document.Info.Description =
                "Concord records every Ally's position on every decision as it changes, applies the alliance's decision rule, and keeps it all in an "
                + "append-only, hash-chained event log. Reads of what is PUBLIC need no account (unless the deployment turns the public view off); "
                + "everything else takes a personal access token (`Authorization: Bearer concord_pat_…`, issued with `concord tokens issue`) or the "
                + "browser's sign-in cookie. Writes accept an `Idempotency-Key` header. Errors are RFC 9457 ProblemDetails, with `field` naming "
                + "the field at fault.";
            // Relative to where the document is served (OpenAPI's rule for a relative server URL): right behind a proxy
            // that changes the scheme or host, where the address this host sees is not the one its callers use, and the
            // same document, and the same generated client, for every deployment.
            document.Servers = [new OpenApiServer { Url = "/", Description = "This Concord deployment: where this document is served." }];

            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "concord_pat_…",
                Description = "A personal access token: `Authorization: Bearer concord_pat_…` (`concord tokens issue NAME --name LABEL`).",
            };
            document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = Authentication.CookieName,
                Description = "The browser's sign-in cookie (sign in at " + Authentication.SignInPath + "). A write with it is refused when it comes from another site.",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = Problem();

            document.Tags ??= new HashSet<OpenApiTag>();
            var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
                .Select(t => t.Name).OfType<string>().ToHashSet();
            foreach (var name in used.Where(n => document.Tags.All(t => t.Name != n))) document.Tags.Add(new OpenApiTag { Name = name });
            foreach (var tag in document.Tags)
                if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description)) tag.Description = description;
            return Task.CompletedTask;
        }

        private static OpenApiSchema Problem() => new()
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI reference that identifies the problem type." },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong, in short." },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong here, and what to do about it." },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request it is about." },
                ["field"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The field, parameter or header at fault, when one is." },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Description = "For a file that was not loaded: every bad line.",
                    Items = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["line"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                            ["column"] = new OpenApiSchema { Type = JsonSchemaType.String },
                            ["message"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        },
                    },
                },
            },
        };
    }

    /// <summary>Gives each operation its operationId, security requirement, ProblemDetails answers and, for a file
    /// import, the body's real media types.</summary>
    public sealed class OperationShape(IOptions<WebOptions> web) : IOpenApiOperationTransformer
    {
        public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
        {
            var description = context.Description;
            var method = description.HttpMethod ?? "GET";
            var route = "/" + (description.RelativePath ?? "").Split('?')[0].Trim('/');
            var metadata = description.ActionDescriptor.EndpointMetadata;
            var permission = metadata.OfType<RequiresPermission>().LastOrDefault()?.Permission;
            var anonymous = metadata.OfType<IAllowAnonymous>().Any();

            operation.OperationId ??= OperationIds.TryGetValue(Key(method, route), out var id) ? id : FromRoute(method, route);

            // A visitor may call it (no credential needed, one is honoured and may show more), or it takes an account.
            var open = anonymous || permission == Permission.ReadPublic && web.Value.PublicView;
            operation.Security =
            [
                .. open ? [new OpenApiSecurityRequirement()] : Array.Empty<OpenApiSecurityRequirement>(),
                Requirement(BearerScheme, context.Document), Requirement(CookieScheme, context.Document),
            ];

            var file = metadata.OfType<FileBody>().LastOrDefault();
            if (file is not null)
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "The file itself, as the body.",
                    Content = file.MediaTypes.ToDictionary(t => t, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
                };

            if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
            {
                operation.Parameters ??= [];
                if (!operation.Parameters.Any(p => p.In == ParameterLocation.Header && string.Equals(p.Name, Idempotency.Header, StringComparison.OrdinalIgnoreCase)))
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = Idempotency.Header,
                        In = ParameterLocation.Header,
                        Required = false,
                        Description = "This account's key for this request (1 to 200 characters): the same request again appends nothing and answers "
                            + "as the first did (Idempotent-Replayed: true); another request under a spent key is refused with 422.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 200 },
                    });
            }

            var hasBody = operation.RequestBody is not null;
            var takesParameters = description.ParameterDescriptions.Any(p =>
                p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Query || p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Path);
            var statuses = ProblemStatuses(method, route, permission, hasBody, takesParameters, file is not null);
            statuses.UnionWith(metadata.OfType<IProducesResponseTypeMetadata>()
                .Where(p => p.StatusCode >= 400 || p.ContentTypes.Contains(ProblemMediaType)).Select(p => p.StatusCode));
            operation.Responses ??= [];
            foreach (var status in statuses)
                operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
                {
                    Description = ProblemMeaning(status),
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
                    },
                };
            return Task.CompletedTask;
        }

        private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
            new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
    }
}
