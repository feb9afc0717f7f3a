using System.Globalization;
using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Audit;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Web.Api;

/// <summary>/api/v1/audit: who did what and when, and whether the log is as it was written. Administrators and the secretariat only.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/audit").WithTags("Audit");
        group.MapGet("/", Trail)
            .WithSummary("Who recorded which event when: position, recorded instant, actor, event, stream, effective instant (no payloads), " +
                "filtered by actor (exact), stream (prefix), event (name), from/to (recorded; dates or instants), paged by 'after' and 'limit' (max 1000); " +
                "only rows the caller is cleared to see.")
            .RequirePermission(Permission.ReadAudit);
        group.MapGet("/verify", Verify)
            .WithSummary("Walks the hash chain and names the first altered, inserted, reordered or deleted event. 'expectHead' (POSITION:HASH, kept " +
                "elsewhere) also catches a cut-off or re-chained tail, which the chain alone cannot.")
            .RequirePermission(Permission.ReadAudit);
        return api;
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> Trail(
        ConcordDbContext db, HttpContext http, string? actor, string? stream, [FromQuery(Name = "event")] string? eventName, string? from, string? to,
        string? after, string? limit, CancellationToken ct)
    {
        long? afterPosition = null;
        if (!string.IsNullOrWhiteSpace(after))
        {
            if (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var a))
                return Problems.From(Refusal.Invalid("after", "'after' must be zero or a log position."));
            afterPosition = a;
        }
        int? pageSize = null;
        if (!string.IsNullOrWhiteSpace(limit))
        {
            if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var l))
                return Problems.From(Refusal.Invalid("limit", $"'limit' must be between 1 and {AuditQuery.MaxLimit}."));
            pageSize = l;
        }
        var query = AuditQuery.Parse(actor, stream, eventName, from, to, afterPosition, pageSize);
        if (query.Refusal is { } refusal) return Problems.From(refusal);
        return Problems.Answer(await AuditTrail.Handle(db, http.Reader(), query.Value!, ct));
    }

    private static async Task<Results<Ok<ChainReport>, ProblemHttpResult>> Verify(ConcordDbContext db, HttpContext http, string? expectHead, CancellationToken ct)
    {
        ChainHead? head = null;
        if (!string.IsNullOrWhiteSpace(expectHead))
        {
            var parsed = ChainHead.Parse(expectHead, "expectHead");
            if (parsed.Refusal is { } refusal) return Problems.From(refusal);
            head = parsed.Value;
        }
        var report = await ChainVerifier.Verify(db, ct, head);
        return TypedResults.Ok(report.For(http.Reader()));
    }
}
