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

    public Task Project(ConcordDbContext db, StreamChange change, Instant now, CancellationToken ct) => ProjectAll(db, [change], now, ct);

    /// <summary>
    /// Rewrites the entries of everything <paramref name="changes"/> touched, a few queries per kind for the whole commit
    /// (an import commits hundreds of streams at once).
    /// </summary>
    public async Task ProjectAll(ConcordDbContext db, IReadOnlyList<StreamChange> changes, Instant now, CancellationToken ct)
    {
        List<string> Ids(string prefix) =>
            [.. changes.Where(c => c.StreamId.StartsWith(prefix, StringComparison.Ordinal)).Select(c => c.StreamId[prefix.Length..]).Distinct(StringComparer.Ordinal)];
        var decisions = Ids(StreamIds.DecisionPrefix);
        var accessions = Ids(StreamIds.AccessionPrefix);
        var statements = Ids(StreamIds.StatementPrefix);
        var pledges = Ids(StreamIds.PledgePrefix);
        // A source's stream may register several documents (an id split into parts): each is its own row.
        var sources = changes.Where(c => c.StreamId.StartsWith(StreamIds.SourcePrefix, StringComparison.Ordinal))
            .SelectMany(c => c.Appended.Select(EventStore.Deserialize).OfType<Domain.Sources.SourceRegistered>().Select(s => s.Id)
                .Append(c.StreamId[StreamIds.SourcePrefix.Length..]))
            .Distinct(StringComparer.Ordinal).ToList();
        var names = decisions.Count + statements.Count + pledges.Count > 0 ? await SearchTexts.Names(db, ct) : new Dictionary<string, string>();

        if (decisions.Count > 0)
        {
            var rows = await In(decisions, chunk => db.Decisions.AsNoTracking().Where(d => chunk.Contains(d.Id)), ct);
            var positions = (await In(decisions, chunk => db.Positions.AsNoTracking().Where(p => chunk.Contains(p.DecisionId)), ct))
                .ToLookup(p => p.DecisionId, StringComparer.Ordinal);
            await Replace(db, [SearchTexts.Decision, SearchTexts.Position], decisions,
                [.. rows.SelectMany(d => SearchTexts.OfDecision(d, [.. positions[d.Id]], names))], ct);
        }
        if (accessions.Count > 0)
            await Replace(db, [SearchTexts.Accession], accessions,
                [.. (await In(accessions, chunk => db.Accessions.AsNoTracking().Where(a => chunk.Contains(a.Candidate)), ct)).Select(SearchTexts.OfAccession)], ct);
        if (statements.Count > 0)
            await Replace(db, [SearchTexts.Statement], statements,
                [.. (await In(statements, chunk => db.Statements.AsNoTracking().Where(s => chunk.Contains(s.Id)), ct)).Select(s => SearchTexts.OfStatement(s, names))], ct);
        if (pledges.Count > 0)
            await Replace(db, [SearchTexts.Pledge], pledges,
                [.. (await In(pledges, chunk => db.Pledges.AsNoTracking().Where(p => chunk.Contains(p.Id)), ct)).Select(p => SearchTexts.OfPledge(p, names))], ct);
        if (sources.Count > 0)
            await Replace(db, [SearchTexts.Source], sources,
                [.. (await In(sources, chunk => db.Sources.AsNoTracking().Where(s => chunk.Contains(s.Id)), ct)).Select(SearchTexts.OfSource)], ct);
    }

    /// <summary>The rows a query gives for each chunk of <paramref name="ids"/> (a statement's parameters are bounded).</summary>
    private static async Task<List<T>> In<T>(IReadOnlyList<string> ids, Func<string[], IQueryable<T>> query, CancellationToken ct)
    {
        var rows = new List<T>();
        foreach (var chunk in ids.Chunk(500)) rows.AddRange(await query(chunk).ToListAsync(ct));
        return rows;
    }

    /// <summary>Makes the entries of <paramref name="refs"/> exactly <paramref name="entries"/>, through the change tracker (saved by the commit).</summary>
    private static async Task Replace(ConcordDbContext db, string[] kinds, IReadOnlyList<string> refs, List<SearchEntryRow> entries, CancellationToken ct)
    {
        var existing = await In(refs, chunk => db.SearchEntries.AsTracking().Where(e => kinds.Contains(e.Kind) && chunk.Contains(e.Ref)), ct);
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
        var href = Following.Links.Decision(d.Id);
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
        Entry(Accession, a.Candidate, "", Following.Links.Accession(a.Candidate), $"{a.Name} ({a.Candidate}) accession",
            Join([.. AccessionStream.Timeline(a).Select(s => s.Step.Note).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal)]),
            null, Marking.Public, null, whole: false);

    /// <summary>A statement, under its own marking: who, the subject and the summary.</summary>
    public static SearchEntryRow OfStatement(StatementRow row, IReadOnlyDictionary<string, string> names)
    {
        var s = JsonSerializer.Deserialize<StatementRecorded>(row.Statement, ConcordJson.Options)
            ?? throw new InvalidOperationException($"Statement {row.Id} has no record.");
        var who = string.Join("; ", s.Actors.Select(a => a.Role is { } r ? $"{a.Name} ({r}, {Named(a.For, names)})" : $"{a.Name} ({Named(a.For, names)})"));
        return Entry(Statement, row.Id, "", Following.Links.Statement(s), $"{who}: {s.Subject}", s.Summary, row.Placed, row.Marking, row.ReleasableTo, whole: false);
    }

    /// <summary>A pledge (public, as the ledger is): its donors, what it gives, to whom, its category, and why it was cancelled.</summary>
    public static SearchEntryRow OfPledge(PledgeRow row, IReadOnlyDictionary<string, string> names)
    {
        var p = JsonSerializer.Deserialize<Pledge>(row.State, ConcordJson.Options) ?? throw new InvalidOperationException($"Pledge {row.Id} has no state.");
        var items = p.Lines.Select(l => l.Item).Concat((p.Undisclosed ?? []).Select(u => u.Item)).Distinct(StringComparer.Ordinal);
        var donors = string.Join(" and ", p.Donors.Select(d => Named(d.Value, names)));
        return Entry(Pledge, row.Id, "", Following.Links.Pledge(row.Id), $"{donors}: {string.Join(", ", items)}",
            Join($"{Words.Of(p.Category)} for {Named(p.Recipient.Value, names)}", p.CancelReason), row.Announced, Marking.Public, null, whole: false);
    }

    /// <summary>A registered source (public): its title and publisher.</summary>
    public static SearchEntryRow OfSource(SourceRow s) =>
        Entry(Source, s.Id, "", Following.Links.Source(s.Id), s.Title, Join(s.Publisher, s.Kind), null, Marking.Public, null, whole: false);

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
