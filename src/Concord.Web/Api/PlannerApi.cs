using Concord.Features.Access;
using Concord.Features.Assistance.Planning;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Concord.Web.Api;

/// <summary>
/// POST /api/v1/assistance/plan: proposes how donors could meet a request from the Allies' readiness data (an OR-Tools
/// mixed-integer program; see Planner for the objective). Signed-in accounts only; nothing is recorded.
/// </summary>
public static class PlannerApi
{
    public static RouteGroupBuilder MapPlannerApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/assistance").WithTags("Assistance").MapPost("/plan", Plan)
            .WithSummary("Plan a request: items (category, quantity), by (date), share (gdp|stocks), speedWeight (0-1). 400 names the field at fault.")
            .RequirePermission(Permission.Read);
        return api;
    }

    private static async Task<Results<Ok<PlanAssistance.Answer>, ProblemHttpResult>> Plan(ConcordDbContext db, IClock clock,
        PlanAssistance.Request? request, CancellationToken ct) =>
        request is null
            ? Problems.From(Concord.Domain.Refusal.Invalid("items", "The body must be a request: { items: [{ category, quantity }], by, share, speedWeight }."))
            : Problems.Answer(await PlanAssistance.Handle(db, clock, request, ct));
}
