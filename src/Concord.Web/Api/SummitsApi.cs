using Concord.Features.Access;
using Concord.Web.Hosting;
using Concord.Domain;
using NodaTime;
using Concord.Features.Decisions;
using Concord.Features.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Api;

/// <summary>/api/v1/summits: summits and the decisions due at each.</summary>
public static class SummitsApi
{
    public sealed record SummitDetail(SummitRow Summit, IReadOnlyList<DecisionSummary> Decisions);

    public static RouteGroupBuilder MapSummitsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/summits").WithTags("Summits");
        group.MapGet("/", async (ConcordDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await db.Summits.AsNoTracking().OrderBy(s => s.Start).ToListAsync(ct)))
            .WithSummary("All summits, oldest first.").RequirePermission(Permission.ReadPublic);
        group.MapGet("/{id}", Get).WithSummary("One summit with the decisions due at it that the reader may see.").RequirePermission(Permission.ReadPublic);
        return api;
    }

    private static async Task<Results<Ok<SummitDetail>, ProblemHttpResult>> Get(ConcordDbContext db, IClock clock, HttpContext http, string id, CancellationToken ct)
    {
        var summit = await db.Summits.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (summit is null) return Problems.From(Refusal.NotFound($"There is no summit '{id}'. Summit ids are the city and year, e.g. washington-2024."));
        return TypedResults.Ok(new SummitDetail(summit, await ListDecisions.Handle(db, clock, id, http.Reader(), ct)));
    }
}
