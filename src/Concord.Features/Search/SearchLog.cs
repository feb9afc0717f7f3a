using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Domain.Statements;
using Concord.Features.Accessions;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Search;

/// <summary>The search index: one read model derived from the texts the other read models hold.</summary>
public static class SearchLog
{
    /// <summary>Registered after every area whose texts it indexes: it reads their rows.</summary>
    public static void Register(LogRegistry log) => log.Projection(new SearchProjection());
}

/// <summary>
/// Keeps <see cref="SearchEntryRow"/> in step with the read models of decisions (subject, released outcome, conclusion's
/// note), positions (condition and note), accessions (name and the steps' notes), statements, pledges and sources. A commit
/// rewrites the entries of what its stream is about, from the rows the projections before it just saved; a rebuild derives
/// them all in one pass. Both go through <see cref="SearchTexts"/>, so the two give the same rows.
/// </summary>
public sealed class SearchProjection : IDerivedProjection
{
    public IReadOnlyList<string> Streams { get; } =
        [StreamIds.DecisionPrefix, StreamIds.AccessionPrefix, StreamIds.StatementPrefix, StreamIds.PledgePrefix, StreamIds.SourcePrefix];

    public IReadOnlyList<Type> Rows { get; } = [typeof(SearchEntryRow)];

    public Task Clear(ConcordDbContext db, CancellationToken ct) => db.DeleteAll<SearchEntryRow>(ct);

    public async Task Project(ConcordDbContext db, StreamChange change, Instant now, CancellationToken ct)
    {
        var stream = change.StreamId;
        var names = await SearchTexts.Names(db, ct);
        List<SearchEntryRow> entries;
        string[] kinds;
        string id;
        if (stream.StartsWith(StreamIds.DecisionPrefix, StringComparison.Ordinal))
        {
            id = stream[StreamIds.DecisionPrefix.Length..];
            kinds = [SearchTexts.Decision, SearchTexts.Position];
            var row = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
            var positions = await db.Positions.AsNoTracking().Where(p => p.DecisionId == id).ToListAsync(ct);
            entries = row is null ? [] : [.. SearchTexts.OfDecision(row, positions, names)];
        }
        else if (stream.StartsWith(StreamIds.AccessionPrefix, StringComparison.Ordinal))
        {
            id = stream[StreamIds.AccessionPrefix.Length..];
            kinds = [SearchTexts.Accession];
            var row = await db.Accessions.AsNoTracking().FirstOrDefaultAsync(a => a.Candidate == id, ct);
            entries = row is null ? [] : [SearchTexts.OfAccession(row)];
        }
        else if (stream.StartsWith(StreamIds.StatementPrefix, StringComparison.Ordinal))
        {
            id = stream[StreamIds.StatementPrefix.Length..];
            kinds = [SearchTexts.Statement];
            var row = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
            entries = row is null ? [] : [SearchTexts.OfStatement(row, names)];
        }
        else if (stream.StartsWith(StreamIds.PledgePrefix, StringComparison.Ordinal))
        {
            id = stream[StreamIds.PledgePrefix.Length..];
            kinds = [SearchTexts.Pledge];
            var row = await db.Pledges.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
            entries = row is null ? [] : [SearchTexts.OfPledge(row, names)];
        }
        else
        {
            // A source's stream may register several documents (an id split into parts): each is its own row.
            id = stream[StreamIds.SourcePrefix.Length..];
            kinds = [SearchTexts.Source];
            var ids = change.Appended.Select(e => EventStore.Deserialize(e)).OfType<Domain.Sources.SourceRegistered>().Select(s => s.Id).Append(id).Distinct().ToList();
            var rows = await db.Sources.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
            await Replace(db, SearchTexts.Source, ids, [.. rows.Select(SearchTexts.OfSource)], ct);
            return;
        }
        await Replace(db, kinds, [id], entries, ct);
    }

    private static Task Replace(ConcordDbContext db, string kind, IReadOnlyList<string> refs, List<SearchEntryRow> entries, CancellationToken ct) =>
        Replace(db, [kind], refs, entries, ct);

    /// <summary>Makes the entries of <paramref name="refs"/> exactly <paramref name="entries"/>, through the change tracker (saved by the commit).</summary>
    private static async Task Replace(ConcordDbContext db, string[] kinds, IReadOnlyList<string> refs, List<SearchEntryRow> entries, CancellationToken ct)
    {
        var existing = await db.SearchEntries.AsTracking().Where(e => kinds.Contains(e.Kind) && refs.Contains(e.Ref)).ToListAsync(ct);
        var wanted = entries.ToDictionary(e => e.Id);
        foreach (var old in existing)
        {
            if (!wanted.Remove(old.Id, out var now)) { db.SearchEntries.Remove(old); continue; }
            db.Entry(old).CurrentValues.SetValues(now);
        }
        db.SearchEntries.AddRange(wanted.Values);
    }

    public async Task Rebuild(ConcordDbContext db, IRows rows, CancellationToken ct)
    {
        var names = await SearchTexts.Names(db, ct);
        var positions = (await db.Positions.AsNoTracking().ToListAsync(ct)).ToLookup(p => p.DecisionId, StringComparer.Ordinal);
        foreach (var d in await db.Decisions.AsNoTracking().ToListAsync(ct))
            foreach (var e in SearchTexts.OfDecision(d, [.. positions[d.Id]], names)) rows.Add(e);
        foreach (var a in await db.Accessions.AsNoTracking().ToListAsync(ct)) rows.Add(SearchTexts.OfAccession(a));
        foreach (var s in await db.Statements.AsNoTracking().ToListAsync(ct)) rows.Add(SearchTexts.OfStatement(s, names));
        foreach (var p in await db.Pledges.AsNoTracking().ToListAsync(ct)) rows.Add(SearchTexts.OfPledge(p, names));
        foreach (var s in await db.Sources.AsNoTracking().ToListAsync(ct)) rows.Add(SearchTexts.OfSource(s));
    }
}

/// <summary>What of each read model is searchable, and under which marking: the one place that says so.</summary>
public static class SearchTexts
{
    public const string Decision = "decision", Position = "position", Accession = "accession", Statement = "statement", Pledge = "pledge", Source = "source";

    /// <summary>The names of the states the store seats (code to name), so that "Germany" finds what Germany pledged.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> Names(ConcordDbContext db, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in await db.Members.AsNoTracking().Select(m => new { m.Code, m.Name }).ToListAsync(ct)) names.TryAdd(m.Code, m.Name);
        foreach (var a in await db.Accessions.AsNoTracking().Select(a => new { a.Candidate, a.Name }).ToListAsync(ct)) names.TryAdd(a.Candidate, a.Name);
        return names;
    }

    /// <summary>
    /// A decision's entries: its subject and the outcome the secretariat released (seen by whoever may see the decision);
    /// the note it was concluded with and each position's condition and note (seen only by a reader who sees it whole, as
    /// the decision room shows them: a redacted decision matches nothing of its positions).
    /// </summary>
    public static IEnumerable<SearchEntryRow> OfDecision(DecisionRow d, IReadOnlyList<PositionRow> positions, IReadOnlyDictionary<string, string> names)
    {
        var href = $"/decisions/{Uri.EscapeDataString(d.Id)}";
        yield return Entry(Decision, d.Id, "", href, d.Subject, Join(d.ReleasedOutcome, d.Concerned is { } c ? Named(c, names) : null),
            Zones.BrusselsDate(d.Opened), d.Marking, d.ReleasableTo, whole: false);
        if (!string.IsNullOrWhiteSpace(d.ConclusionNote))
            yield return Entry(Decision, d.Id, "conclusion", href, d.Subject, d.ConclusionNote!, d.ConcludedAt is { } at ? Zones.BrusselsDate(at) : null,
                d.Marking, d.ReleasableTo, whole: true);
        foreach (var p in positions.OrderBy(p => p.Member, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(p.Condition) && string.IsNullOrWhiteSpace(p.Note)) continue;
            yield return Entry(Position, d.Id, p.Member, href, $"{Named(p.Member, names)}: {p.Kind} on {d.Subject}", Join(p.Condition, p.Note),
                Zones.BrusselsDate(p.Effective), p.Marking, p.ReleasableTo, whole: true);
        }
    }

    /// <summary>An accession (public): the candidate's name and code and the notes of its steps.</summary>
    public static SearchEntryRow OfAccession(AccessionRow a) =>
        Entry(Accession, a.Candidate, "", $"/accessions/{Uri.EscapeDataString(a.Candidate)}", $"{a.Name} ({a.Candidate}) accession",
            Join([.. AccessionStream.Timeline(a).Select(s => s.Step.Note).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal)]),
            null, Marking.Public, null, whole: false);

    /// <summary>A statement, under its own marking: who, the subject and the summary.</summary>
    public static SearchEntryRow OfStatement(StatementRow row, IReadOnlyDictionary<string, string> names)
    {
        var s = JsonSerializer.Deserialize<StatementRecorded>(row.Statement, ConcordJson.Options)
            ?? throw new InvalidOperationException($"Statement {row.Id} has no record.");
        var who = string.Join("; ", s.Actors.Select(a => a.Role is { } r ? $"{a.Name} ({r}, {Named(a.For, names)})" : $"{a.Name} ({Named(a.For, names)})"));
        var href = s.Actors.Count == 0 ? $"/actors" : $"/actors/{Uri.EscapeDataString(StatementActors.Slug(s.Actors[0].Name))}#statement-{Uri.EscapeDataString(row.Id)}";
        return Entry(Statement, row.Id, "", href, $"{who}: {s.Subject}", s.Summary, row.Placed, row.Marking, row.ReleasableTo, whole: false);
    }

    /// <summary>A pledge (public, as the ledger is): its donors, what it gives, to whom, its category, and why it was cancelled.</summary>
    public static SearchEntryRow OfPledge(PledgeRow row, IReadOnlyDictionary<string, string> names)
    {
        var p = JsonSerializer.Deserialize<Pledge>(row.State, ConcordJson.Options) ?? throw new InvalidOperationException($"Pledge {row.Id} has no state.");
        var items = p.Lines.Select(l => l.Item).Concat((p.Undisclosed ?? []).Select(u => u.Item)).Distinct(StringComparer.Ordinal);
        var donors = string.Join(" and ", p.Donors.Select(d => Named(d.Value, names)));
        return Entry(Pledge, row.Id, "", $"/assistance#pledge-{Uri.EscapeDataString(row.Id)}", $"{donors}: {string.Join(", ", items)}",
            Join($"{Words.Of(p.Category)} for {Named(p.Recipient.Value, names)}", p.CancelReason), row.Announced, Marking.Public, null, whole: false);
    }

    /// <summary>A registered source (public): its title and publisher.</summary>
    public static SearchEntryRow OfSource(SourceRow s) =>
        Entry(Source, s.Id, "", $"/sources/{Uri.EscapeDataString(s.Id)}", s.Title, Join(s.Publisher, s.Kind), null, Marking.Public, null, whole: false);

    private static SearchEntryRow Entry(string kind, string id, string part, string href, string title, string body, LocalDate? on, Marking marking,
        string? releasableTo, bool whole) => new()
    {
        Id = IdOf(kind, id, part), Kind = kind, Ref = id, Part = part, Title = title, Body = body, Href = href, On = on,
        Marking = marking, ReleasableTo = releasableTo, WholeDecision = whole,
    };

    /// <summary>
    /// The entry's key: 63 bits of SHA-256 over what it is. Live writes and a rebuild give the same key without a counter,
    /// and the FTS5 table keys its rows by it; two entries would share one with a chance of about 1 in 10^11 at 10^4 entries.
    /// </summary>
    public static long IdOf(string kind, string id, string part)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\0{id}\0{part}"), hash);
        var value = BitConverter.ToInt64(hash) & long.MaxValue;
        return value == 0 ? 1 : value;
    }

    private static string Named(string code, IReadOnlyDictionary<string, string> names) =>
        names.TryGetValue(code, out var name) ? $"{name} {code}" : code;

    private static string Join(params string?[] parts) =>
        string.Join("\n", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
}
