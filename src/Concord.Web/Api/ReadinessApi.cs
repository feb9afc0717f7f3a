using Concord.Domain.Readiness;
using Concord.Features.Access;
using Concord.Features.Readiness;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Web.Api;

/// <summary>
/// /api/v1/readiness: each Ally's defence expenditure against the 2% and 20% guidelines (with sources) and its stocks
/// against its floors; the impact of a proposed donation, computed without recording anything. The floors and stocks
/// of the data pack are an EXAMPLE (the answer's notice says so).
/// </summary>
public static class ReadinessApi
{
    public static RouteGroupBuilder MapReadinessApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/readiness").WithTags("Readiness");
        group.MapGet("/", async (ConcordDbContext db, CancellationToken ct) => TypedResults.Ok(await QueryReadiness.All(db, ct)))
            .WithSummary("Every Ally: 2024 defence expenditure vs the 2% guideline and equipment share vs 20%, with sources; stocks vs floors.")
            .RequirePermission(Permission.ReadPublic);
        group.MapGet("/{ally}", One).WithSummary("One Ally's readiness.").RequirePermission(Permission.ReadPublic);
        group.MapGet("/{ally}/impact", Impact)
            .WithSummary("What donating quantity of category would do to the Ally's stock against its floor, in words; nothing is recorded.")
            .RequirePermission(Permission.ReadPublic);
        return api;
    }

    private static async Task<Results<Ok<AllyReadinessView>, ProblemHttpResult>> One(ConcordDbContext db, string ally, CancellationToken ct) =>
        Problems.Answer(await QueryReadiness.One(db, ally, ct));

    private static async Task<Results<Ok<DonationImpact>, ProblemHttpResult>> Impact(ConcordDbContext db, string ally, string? category,
        string? quantity, CancellationToken ct) =>
        Problems.Answer(await QueryReadiness.Impact(db, ally, category, quantity, ct));
}
