using System.Security.Cryptography;
using System.Text;
using Concord.Domain;
using Concord.Domain.Statements;
using Concord.Features.Access;
using Concord.Features.EventLog;
using Concord.Features.Importing;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Following;

/// <summary>
/// One change as a feed shows it: its id (stable, and revealing nothing of the log: no position, no version), what
/// changed in words, where to read it, when Concord recorded it (<see cref="Updated"/>) and when it took effect.
/// </summary>
public sealed record FeedEntry(string Id, string Title, string Summary, string Href, Instant Updated, Instant Effective, string Kind, string Classification);

/// <summary>
/// A feed as one reader may read it: the latest changes it may see, newest first. <see cref="Updated"/> is the latest of
/// their instants, never the time of reading nor the head of the log, so a change hidden from the reader moves nothing.
/// </summary>
public sealed record Feed(string Id, string Title, string Href, IReadOnlyList<FeedEntry> Entries)
{
    /// <summary>The instant a feed without any entry gives as its last update (Atom requires one).</summary>
    public static readonly Instant Never = Instant.FromUtc(2000, 1, 1, 0, 0);

    public Instant Updated => Entries.Count == 0 ? Never : Entries.Max(e => e.Updated);
}

/// <summary>
/// The Atom feeds' contents: everything, one decision, one accession, one actor. Each entry is an event of the log the
/// reader may see (<see cref="DecisionSights.Shows(StoredEvent)"/>, the rule of the event feed and the export), told in
/// words by <see cref="EventWords"/>. The accounts' events and the data pack's bookkeeping are in no feed.
/// </summary>
public static class Feeds
{
    public const int DefaultLimit = 50, MaxLimit = 500;

    /// <summary>True for the events a feed or webhook may tell: not the accounts' nor the data pack's bookkeeping.</summary>
    public static bool Tells(string streamId) => streamId != StreamIds.Accounts && streamId != DataPackLog.Stream;

    public static async Task<Result<Feed>> Everything(ConcordDbContext db, Reader reader, int? limit, CancellationToken ct)
    {
        if (Limit(limit) is { } refused) return refused;
        var entries = await Latest(db, reader, limit ?? DefaultLimit, e => e.StreamId != StreamIds.Accounts && e.StreamId != DataPackLog.Stream, null, ct);
        return new Feed("urn:concord:feed:all", "Concord: every change", "/", entries);
    }

    /// <summary>A decision's changes and the statements that concern it; an unknown decision and one hidden from the reader are answered alike.</summary>
    public static async Task<Result<Feed>> OfDecision(ConcordDbContext db, string id, Reader reader, int? limit, CancellationToken ct)
    {
        if (Limit(limit) is { } refused) return refused;
        var key = (id ?? "").Trim();
        var row = key.Length is 0 or > 200 ? null : await db.Decisions.AsNoTracking().Where(d => d.Id == key).Select(d => new { d.Id, d.Subject, d.Marking, d.ReleasableTo }).FirstOrDefaultAsync(ct);
        if (row is null || !reader.CanSee(Visibility.ClassificationOf(row.Marking, row.ReleasableTo)))
            return Refusal.NotFound($"There is no decision '{Input.Clip(Input.Visible(key))}'.");
        var stream = StreamIds.DecisionPrefix + row.Id;
        var entries = await Latest(db, reader, limit ?? DefaultLimit,
            e => e.StreamId == stream || e.StreamId.StartsWith(StreamIds.StatementPrefix),
            e => e.StreamId == stream || About(e, s => s.Links.Decisions.Contains(row.Id)), ct);
        return new Feed($"urn:concord:feed:decision:{Opaque(row.Id)}", $"Concord: decision {row.Subject}", Links.Decision(row.Id), entries);
    }

    /// <summary>A candidate's accession and the statements that concern it (also before its accession is recorded).</summary>
    public static async Task<Result<Feed>> OfAccession(ConcordDbContext db, string code, Reader reader, int? limit, CancellationToken ct)
    {
        if (Limit(limit) is { } refused) return refused;
        var parsed = Input.Member(code, "candidate");
        if (parsed.Refusal is { } bad) return bad;
        var candidate = parsed.Value!.Value;
        var stream = StreamIds.AccessionPrefix + candidate;
        var entries = await Latest(db, reader, limit ?? DefaultLimit,
            e => e.StreamId == stream || e.StreamId.StartsWith(StreamIds.StatementPrefix),
            e => e.StreamId == stream || About(e, s => s.Links.Accessions.Any(a => a.Value == candidate)), ct);
        var name = await db.Accessions.AsNoTracking().Where(a => a.Candidate == candidate).Select(a => a.Name).FirstOrDefaultAsync(ct);
        if (name is null && entries.Count == 0) return Refusal.NotFound($"Concord follows no accession of {candidate}, and nothing you may see concerns one.");
        return new Feed($"urn:concord:feed:accession:{candidate}", $"Concord: {name ?? candidate}'s accession", $"/accessions/{candidate}", entries);
    }

    /// <summary>
    /// An actor's statements: a person or body by id (jens-stoltenberg), or everything said for a state or organisation
    /// by its code (RUS); unknown, or with nothing the reader may see, is a 404 as on the actor's page.
    /// </summary>
    public static async Task<Result<Feed>> OfActor(ConcordDbContext db, string id, Reader reader, int? limit, CancellationToken ct)
    {
        if (Limit(limit) is { } refused) return refused;
        var key = (id ?? "").Trim();
        if (key.Length is 0 or > 200) return Refusal.NotFound($"There is no actor '{Input.Clip(Input.Visible(key))}'.");
        var code = key.ToUpperInvariant();
        var slug = key.ToLowerInvariant();
        var byCode = key.Length <= 4 && key.All(char.IsAsciiLetter);
        var entries = await Latest(db, reader, limit ?? DefaultLimit, e => e.StreamId.StartsWith(StreamIds.StatementPrefix),
            e => About(e, s => s.Actors.Any(a => byCode ? a.For == code : StatementActors.Slug(a.Name) == slug)), ct);
        if (entries.Count == 0) return Refusal.NotFound($"There is no actor '{Input.Clip(Input.Visible(key))}' among the statements you may see.");
        var href = $"/actors/{Uri.EscapeDataString(byCode ? code : slug)}";
        return new Feed($"urn:concord:feed:actor:{Opaque(byCode ? code : slug)}", $"Concord: statements of {(byCode ? code : slug)}", href, entries);
    }

    /// <summary>
    /// An event's id in every feed and webhook delivery: 128 bits of SHA-256 over its stored hash (which covers its
    /// content and its place in the chain). Stable and unique per event, and reveals neither its position nor its version.
    /// </summary>
    public static string EntryId(StoredEvent e) => $"urn:concord:event:{Opaque("event\0" + e.Hash)}";

    /// <summary>The entry a reader is given for an event it may see.</summary>
    public static FeedEntry Entry(StoredEvent e)
    {
        var told = EventWords.Of(e);
        return new FeedEntry(EntryId(e), told.Title, told.Summary, told.Href, e.Recorded, e.Effective, told.Kind, Visibility.ClassificationOf(e).ToString());
    }

    private static Refusal? Limit(int? limit) =>
        limit is < 1 or > MaxLimit ? Refusal.Invalid("limit", $"'limit' must be between 1 and {MaxLimit}; got {limit}.") : null;

    private static bool About(StoredEvent e, Func<StatementRecorded, bool> test) =>
        e.StreamId.StartsWith(StreamIds.StatementPrefix, StringComparison.Ordinal) && EventStore.Deserialize(e) is StatementRecorded s && test(s);

    /// <summary>
    /// The latest <paramref name="limit"/> events the reader may see among those <paramref name="where"/> selects in the
    /// store and <paramref name="keep"/> keeps, newest first, read backwards in pages.
    /// </summary>
    private static async Task<List<FeedEntry>> Latest(ConcordDbContext db, Reader reader, int limit, System.Linq.Expressions.Expression<Func<StoredEvent, bool>> where,
        Func<StoredEvent, bool>? keep, CancellationToken ct)
    {
        var sights = await DecisionSights.Load(db, reader, ct);
        var entries = new List<FeedEntry>(Math.Min(limit, 64));
        var before = long.MaxValue;
        const int page = 500;
        while (entries.Count < limit)
        {
            var rows = await db.Events.AsNoTracking().Where(where).Where(e => e.Position < before).OrderByDescending(e => e.Position).Take(page).ToListAsync(ct);
            foreach (var e in rows)
            {
                if (!sights.Shows(e) || (keep is not null && !keep(e))) continue;
                entries.Add(Entry(e));
                if (entries.Count == limit) break;
            }
            if (rows.Count < page) break;
            before = rows[^1].Position;
        }
        return entries;
    }

    private static string Opaque(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
