using Concord.Domain;
using Concord.Features;
using Concord.Features.Access;
using Concord.Features.Statements;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Concord.Web.Api;

/// <summary>/api/v1/statements and /api/v1/actors: the record around decisions and accessions (what any actor said and did).</summary>
public static class StatementsApi
{
    public static RouteGroupBuilder MapStatementsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/statements").WithTags("Statements");
        group.MapGet("/", List)
            .WithSummary("Statements, visits, meetings, communiqués and votes the reader may see, in date order; filters actor (a person's id), state (ISO code, NATO, EUU), stance (supports, opposes, conditions, neutral), kind, decision, accession (a candidate's code), pledge; asOf=YYYY-MM-DD for those certainly made by then, knownOn=YYYY-MM-DD for what had been published by then.")
            .RequirePermission(Permission.ReadPublic);
        group.MapGet("/{id}", Get).WithSummary("One statement.").RequirePermission(Permission.ReadPublic);
        group.MapPost("/", Record)
            .WithSummary("Record a statement {id?, date, dateQualifier? (on, onOrBefore, month), confidence?, actors[{name, role?, for}], kind, subject, stance, summary, source?, decisions?, accessions?, pledges?, classification?}; a delegation for its own state's actors only. A statement is never a position. Accepts an Idempotency-Key header.")
            .RequirePermission(Permission.RecordStatement);
        api.MapGet("/actors", async (ConcordDbContext db, IClock clock, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await GetActor.All(db, clock, http.Reader(), ct))).WithTags("Statements")
            .WithSummary("Every actor with a statement the reader may see: states and organisations (by code), then people and bodies (by id), with how many statements each.")
            .RequirePermission(Permission.ReadPublic);
        api.MapGet("/actors/{id}", Actor).WithTags("Statements")
            .WithSummary("An actor: a person or body (by id, e.g. jens-stoltenberg) or a state or organisation (by code, e.g. RUS) with everything recorded as said or done, over time; asOf and knownOn as for the statements.")
            .RequirePermission(Permission.ReadPublic);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<StatementView>>, ProblemHttpResult>> List(ConcordDbContext db, IClock clock, HttpContext http,
        string? actor, string? state, string? stance, string? kind, string? decision, string? accession, string? pledge, string? asOf, string? knownOn, CancellationToken ct)
    {
        var days = Days(asOf, knownOn);
        if (days.Refusal is { } r) return Problems.From(r);
        return Problems.Answer(await ListStatements.Handle(db, clock,
            new StatementFilter(actor, state, stance, kind, decision, accession, pledge, days.Value.AsOf, days.Value.KnownOn), http.Reader(), ct));
    }

    private static async Task<Results<Ok<StatementView>, ProblemHttpResult>> Get(ConcordDbContext db, IClock clock, HttpContext http, string id, CancellationToken ct) =>
        await ListStatements.One(db, clock, id, http.Reader(), ct) is { } view ? TypedResults.Ok(view)
            : Problems.From(ListStatements.Missing(id));

    private static async Task<Results<Created<StatementView>, ProblemHttpResult>> Record(ConcordDbContext db, IClock clock, HttpContext http, StatementRequest request, CancellationToken ct)
    {
        var result = await RecordStatement.Handle(db, clock, request, Problems.Writer(http), ct);
        return result.Refusal is { } r ? Problems.From(r) : TypedResults.Created($"/api/v1/statements/{result.Value!.Id}", result.Value);
    }

    private static async Task<Results<Ok<ActorDetail>, ProblemHttpResult>> Actor(ConcordDbContext db, IClock clock, HttpContext http, string id, string? asOf, string? knownOn, CancellationToken ct)
    {
        var days = Days(asOf, knownOn);
        if (days.Refusal is { } r) return Problems.From(r);
        return Problems.Answer(await GetActor.Handle(db, clock, id, http.Reader(), days.Value.AsOf, days.Value.KnownOn, ct));
    }

    private static Result<(LocalDate? AsOf, LocalDate? KnownOn)> Days(string? asOf, string? knownOn)
    {
        LocalDate? a = null, k = null;
        if (asOf is not null) { var d = Input.Date(asOf, "asOf"); if (d.Refusal is { } r) return r; a = d.Value; }
        if (knownOn is not null) { var d = Input.Date(knownOn, "knownOn"); if (d.Refusal is { } r) return r; k = d.Value; }
        return (a, k);
    }
}
