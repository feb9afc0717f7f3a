using Concord.Features.Access;
using Concord.Web.Hosting;
using Concord.Domain;
using Concord.Features.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Web.Api;

/// <summary>/api/v1/events: the event log, paged in log order.</summary>
public static class EventsApi
{
    public const int MaxPage = 1000;

    /// <summary>
    /// A page of the feed. <see cref="Cursor"/> continues after it (null on the last page); <see cref="Next"/>, the log
    /// position it ended at, and the events' positions, versions and hashes are given only to a reader who sees every event.
    /// </summary>
    public sealed record EventsPage(IReadOnlyList<LogEvent> Events, long? Next, string? Cursor);

    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/events").WithTags("Events").MapGet("/", Feed)
            .WithSummary("The events the reader may see, in log order, at most 'limit' (default 100, max 1000); 'cursor' (from the previous page) continues. " +
                "A reader who sees every event also gets each event's position, stream version and hashes, and may page by position ('after', 'next').")
            .RequirePermission(Permission.ReadPublic);
        return api;
    }

    private static async Task<Results<Ok<EventsPage>, ProblemHttpResult>> Feed(
        ConcordDbContext db, HttpContext http, IDataProtectionProvider protection, long? after, string? cursor, int? limit, CancellationToken ct)
    {
        var reader = http.Reader();
        var start = LogCursors.Start(protection, "feed", reader, after, cursor);
        if (start.Refusal is { } refused) return Problems.From(refused);
        if (limit is < 1 or > MaxPage) return Problems.From(Refusal.Invalid("limit", $"'limit' must be between 1 and {MaxPage}."));
        var page = await ReadableLog.Feed(db, start.Value, limit ?? 100, reader, ct);
        var next = page.Next is { } position ? LogCursors.Seal(protection, "feed", position) : null;
        return TypedResults.Ok(new EventsPage(page.Events, Visibility.SeesEveryEvent(reader) ? page.Next : null, next));
    }
}
