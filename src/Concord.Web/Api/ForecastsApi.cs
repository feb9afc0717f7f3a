using Concord.Features.Access;
using Concord.Features.Forecasting;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Concord.Web.Api;

/// <summary>/api/v1/forecasts: when an accession's protocol will enter into force, as a model forecasts it from what was known on a day.</summary>
public static class ForecastsApi
{
    public static RouteGroupBuilder MapForecastsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/forecasts/accessions/{candidate}", Accession).WithTags("Forecasts")
            .WithSummary("A model's forecast of the entry into force of a candidate's protocol as of asOf (default today; not before the signature), from the accessions completed before that day as known on it: the probability of entry into force by `by` (default the next summit, or 180 days on), its median and 80% interval, the weekly distribution for a fan chart, and per Party what was known and its chance of being done by then. Never a fact: `basis` says what it rests on.")
            // 422: a day before the protocol's signature, where no forecast of its ratifications begins.
            .ProducesProblem(422).RequirePermission(Permission.ReadPublic);
        api.MapGet("/forecasts/decisions/{id}", Decision).WithTags("Forecasts")
            .WithSummary("A model's forecast of the chance that a decision is adopted by `by` (default the summit it is due at, the next summit, or 180 days on), from each member's position now and the analysts' judgments of its chance of moving to concur: which members' moves matter most (the least likely first, with the chance if each surely moved), the judgments it rests on, and how the chance moved after each change. Withheld for a reader who does not see every position; no probability while a needed member has no judgment. Never a fact: `basis` says what it rests on.")
            // 422: a concluded decision, whose outcome is a fact.
            .ProducesProblem(422).RequirePermission(Permission.ReadPublic);
        return api;
    }

    private static async Task<Results<Ok<DecisionForecast>, ProblemHttpResult>> Decision(ConcordDbContext db, IClock clock, HttpContext http, string id, string? by,
        CancellationToken ct) =>
        Problems.Answer(await ForecastDecision.Handle(db, clock, id, by, http.Reader(), ct));

    private static async Task<Results<Ok<AccessionForecast>, ProblemHttpResult>> Accession(ConcordDbContext db, IClock clock, string candidate, string? asOf, string? by,
        CancellationToken ct) =>
        Problems.Answer(await ForecastAccession.Handle(db, clock, candidate, asOf, by, ct));
}
