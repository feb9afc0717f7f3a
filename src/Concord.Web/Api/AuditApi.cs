using System.Globalization;
using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Audit;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
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
                "filtered by actor (exact), stream (prefix), event (name), from/to (recorded; dates or instants), paged by 'cursor' (from the previous page) and 'limit' (max 1000); " +
                "only rows the caller is cleared to see, with positions and versions (and paging by 'after' position) only for a caller who sees every event.")
            .RequirePermission(Permission.ReadAudit);
        group.MapGet("/verify", Verify)
            .WithSummary("Walks the hash chain and names the first altered, inserted, reordered or deleted event. 'expectHead' (POSITION:HASH, kept " +
                "elsewhere) also catches a cut-off or re-chained tail, which the chain alone cannot.")
            .RequirePermission(Permission.ReadAudit);
        return api;
    }

    /// <summary>
    /// A page of the audit trail. <see cref="Cursor"/> continues after it (null on the last page); <see cref="Next"/>, the
    /// log position it ended at, and the rows' positions and versions are given only to a reader who sees every event.
    /// </summary>
    public sealed record AuditTrailPage(IReadOnlyList<AuditEntry> Entries, long? Next, string? Cursor);

    private static async Task<Results<Ok<AuditTrailPage>, ProblemHttpResult>> Trail(
        ConcordDbContext db, HttpContext http, IDataProtectionProvider protection, string? actor, string? stream, [FromQuery(Name = "event")] string? eventName,
        string? from, string? to, string? after, string? cursor, string? limit, CancellationToken ct)
    {
        var reader = http.Reader();
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
        // Who may read the audit at all is answered before anything about paging.
        if (AuditTrail.Refuse(reader) is { } forbidden) return Problems.From(forbidden);
        var start = LogCursors.Start(protection, "audit", reader, afterPosition, string.IsNullOrWhiteSpace(cursor) ? null : cursor);
        if (start.Refusal is { } unpaged) return Problems.From(unpaged);
        var query = AuditQuery.Parse(actor, stream, eventName, from, to, start.Value, pageSize);
        if (query.Refusal is { } refusal) return Problems.From(refusal);
        var page = await AuditTrail.Handle(db, reader, query.Value!, ct);
        if (page.Refusal is { } refused) return Problems.From(refused);
        var next = page.Value!.Next;
        return TypedResults.Ok(new AuditTrailPage(page.Value.Entries, Visibility.SeesEveryEvent(reader) ? next : null,
            next is { } position ? LogCursors.Seal(protection, "audit", position) : null));
    }

    private static async Task<Results<Ok<ChainReport>, ProblemHttpResult>> Verify(ConcordDbContext db, HttpContext http, string? expectHead, CancellationToken ct)
    {
        var reader = http.Reader();
        ChainHead? head = null;
        if (!string.IsNullOrWhiteSpace(expectHead))
        {
            var parsed = ChainHead.Parse(expectHead, "expectHead");
            if (parsed.Refusal is { } refusal) return Problems.From(refusal);
            // A head names a position: whether the log reaches it would count the events hidden from the reader.
            if (!Visibility.SeesEveryEvent(reader))
                return Problems.From(Refusal.Forbidden("Only a reader who sees every event may check the log against a head: a head counts every event.", "expectHead"));
            head = parsed.Value;
        }
        var report = await ChainVerifier.Verify(db, ct, head);
        return TypedResults.Ok(report.For(reader));
    }
}
