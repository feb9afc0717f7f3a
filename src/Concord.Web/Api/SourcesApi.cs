using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Sources;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Web.Api;

/// <summary>/api/v1/sources: the documents facts cite, and what cites each.</summary>
public static class SourcesApi
{
    public static RouteGroupBuilder MapSourcesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sources").WithTags("Sources");
        group.MapGet("/", async (ConcordDbContext db, CancellationToken ct) =>
                TypedResults.Ok<IReadOnlyList<SourceView>>([.. (await db.Sources.AsNoTracking().ToListAsync(ct)).OrderBy(s => s.Id, StringComparer.Ordinal).Select(SourceView.Of)]))
            .WithSummary("Every registered source (one per document), by id.").RequirePermission(Permission.ReadPublic);
        group.MapGet("/{id}", Get)
            .WithSummary("A source: the document (or, for an id split into several documents, each of them) with publisher, title, date and address, and the facts the reader may see that cite it.")
            .RequirePermission(Permission.ReadPublic);
        group.MapPost("/", Register)
            .WithSummary("Register a source {id, aliasOf, kind (official, press, claim, analysis), publisher, title, published (YYYY-MM-DD or YYYY-MM), url, language, archivedUrl}. The same record again answers 200 and stores nothing; another record under a registered id is refused (409). Accepts an Idempotency-Key header.")
            .RequirePermission(Permission.RegisterSource);
        return api;
    }

    private static async Task<Results<Ok<SourceDetail>, ProblemHttpResult>> Get(ConcordDbContext db, HttpContext http, string id, CancellationToken ct) =>
        Problems.Answer(await GetSource.Handle(db, id, http.Reader(), ct));

    private static async Task<Results<Created<SourceView>, Ok<SourceView>, ProblemHttpResult>> Register(
        ConcordDbContext db, IClock clock, HttpContext http, SourceRequest request, CancellationToken ct)
    {
        var result = await RegisterSource.Handle(db, clock, request, Problems.Writer(http), ct);
        if (result.Refusal is { } r) return Problems.From(r);
        var (source, created) = result.Value;
        return created ? TypedResults.Created($"/api/v1/sources/{source.Id}", source) : TypedResults.Ok(source);
    }
}
