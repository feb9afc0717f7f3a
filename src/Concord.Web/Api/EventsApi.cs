using Concord.Features.Access;
using Concord.Web.Hosting;
using Concord.Domain;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Web.Api;

/// <summary>/api/v1/events: the event log, paged in log order.</summary>
public static class EventsApi
{
    public const int MaxPage = 1000;

    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/events").WithTags("Events").MapGet("/", Feed)
            .WithSummary("The events the reader may see after a log position (default 0), at most 'limit' (default 100, max 1000); 'next' is the position to continue from.").RequirePermission(Permission.ReadPublic);
        return api;
    }

    private static async Task<Results<Ok<FeedPage>, ProblemHttpResult>> Feed(ConcordDbContext db, HttpContext http, long? after, int? limit, CancellationToken ct)
    {
        if (after is < 0) return Problems.From(Refusal.Invalid("after", "'after' must be zero or a log position."));
        if (limit is < 1 or > MaxPage) return Problems.From(Refusal.Invalid("limit", $"'limit' must be between 1 and {MaxPage}."));
        return TypedResults.Ok(await ReadableLog.Feed(db, after ?? 0, limit ?? 100, http.Reader(), ct));
    }
}
