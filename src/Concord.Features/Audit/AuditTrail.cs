using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Audit;

/// <summary>
/// Which rows of the audit trail to read: by the acting account (exact), stream (prefix), event name (exact) and
/// recorded instant (<see cref="From"/> inclusive, <see cref="To"/> inclusive), after a log position, at most
/// <see cref="Limit"/>.
/// </summary>
public sealed record AuditQuery(
    string? Actor = null, string? Stream = null, string? Event = null, Instant? From = null, Instant? To = null, long After = 0, int Limit = AuditQuery.DefaultLimit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Reads the filters from text as a person or a query string gives them, naming the field at fault.</summary>
    public static Result<AuditQuery> Parse(string? actor, string? stream, string? @event, string? from, string? to, long? after, int? limit)
    {
        if (Input.Text(actor, "actor", 200) is { Refusal: { } a }) return a;
        if (Input.Text(stream, "stream", 200) is { Refusal: { } s }) return s;
        if (Input.Text(@event, "event", 100) is { Refusal: { } n }) return n;
        Instant? start = null, end = null;
        if (!string.IsNullOrWhiteSpace(from))
        {
            var parsed = Input.Instant(from, "from");
            if (parsed.Refusal is { } r) return r;
            start = parsed.Value;
        }
        if (!string.IsNullOrWhiteSpace(to))
        {
            // A date means the whole of that day in Brussels.
            var parsed = Input.AsOf(to, "to");
            if (parsed.Refusal is { } r) return r;
            end = parsed.Value;
        }
        if (start is { } f && end is { } t && t < f) return Refusal.Invalid("to", "'to' must not be before 'from'.");
        if (after is < 0) return Refusal.Invalid("after", "'after' must be zero or a log position.");
        if (limit is < 1 or > MaxLimit) return Refusal.Invalid("limit", $"'limit' must be between 1 and {MaxLimit}.");
        return new AuditQuery(Blank(actor), Blank(stream), Blank(@event), start, end, after ?? 0, limit ?? DefaultLimit);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>
/// One row of the audit trail: who recorded what, when, in which stream; never the payload. <see cref="Position"/> and
/// <see cref="StreamVersion"/> are given only to a reader who sees every event (<see cref="Visibility.SeesEveryEvent"/>):
/// for any other, a gap between two of its rows would count the events hidden from it.
/// </summary>
public sealed record AuditEntry(
    long? Position, Instant Recorded, string Actor, string Event, string StreamId, int? StreamVersion, Instant Effective, string Classification);

/// <summary>
/// A page of the audit trail in log order; <see cref="Next"/> is the log position to continue after, or null at the end:
/// shown as such only to a reader who sees every event, sealed into an opaque cursor for the others.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? Next);

/// <summary>
/// Who did what and when, read from the event log itself (every event records its acting account, covered by the
/// hash). Only those who may read the audit do; each sees only the rows the feed would show it
/// (<see cref="DecisionSights.Shows(StoredEvent)"/>): events it is cleared for, and of a decision whose positions it may
/// not all see only the opening and the released outcome, so that no row (an adoption under silence, a re-issue) tells
/// what a hidden position did.
/// </summary>
public static class AuditTrail
{
    private const int Batch = 500;

    /// <summary>Null when <paramref name="reader"/> may read the audit trail; otherwise the 403 refusal.</summary>
    public static Refusal? Refuse(Reader reader) =>
        Access.Access.Allows(reader, Permission.ReadAudit) ? null : Refusal.Forbidden("Only administrators and the secretariat may read the audit trail.");

    public static async Task<Result<AuditPage>> Handle(ConcordDbContext db, Reader reader, AuditQuery query, CancellationToken ct)
    {
        if (Refuse(reader) is { } refused) return refused;
        var rows = db.Events.AsNoTracking();
        if (query.Actor is { } actor) rows = rows.Where(e => e.RecordedBy == actor);
        if (query.Stream is { } stream) rows = rows.Where(e => e.StreamId.StartsWith(stream));
        if (query.Event is { } name) rows = rows.Where(e => e.Name == name);
        if (query.From is { } from) rows = rows.Where(e => e.Recorded >= from);
        if (query.To is { } to) rows = rows.Where(e => e.Recorded <= to);
        // The database drops what the clearance alone rules out; releasability is checked row by row below.
        var clearance = reader.CanSee(Classification.Unclassified) ? reader.Clearance : Marking.Public;
        rows = rows.Where(e => e.Marking <= clearance);

        var sights = await DecisionSights.Load(db, reader, ct);
        var whole = Visibility.SeesEveryEvent(reader);
        var entries = new List<AuditEntry>(Math.Min(query.Limit, Batch));
        long last = 0;
        var after = query.After;
        while (true)
        {
            var position = after;
            var batch = await rows.Where(e => e.Position > position).OrderBy(e => e.Position).Take(Batch)
                .Select(e => new { e.Position, e.Recorded, e.RecordedBy, e.Name, e.StreamId, e.StreamVersion, e.Effective, e.Marking, e.ReleasableTo })
                .ToListAsync(ct);
            foreach (var e in batch)
            {
                var classification = Classification.FromStored(e.Marking, e.ReleasableTo);
                if (!sights.Shows(e.StreamId, e.StreamVersion, e.Name, classification)) continue;
                if (entries.Count == query.Limit) return new AuditPage(entries, last);
                entries.Add(new AuditEntry(whole ? e.Position : null, e.Recorded, e.RecordedBy, e.Name, e.StreamId, whole ? e.StreamVersion : null,
                    e.Effective, classification.ToString()));
                last = e.Position;
            }
            if (batch.Count < Batch) return new AuditPage(entries, null);
            after = batch[^1].Position;
        }
    }

}
