using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Decisions;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Concord.Features.Search;

/// <summary>A piece of a highlighted text: <see cref="Hit"/> when it is a word the query matched.</summary>
public sealed record Marked(string Text, bool Hit);

/// <summary>
/// One thing found: what it is (<see cref="Kind"/>), its id, where to read it, its title and a snippet of its text with the
/// matched words marked, the day it is placed on, and its classification.
/// </summary>
public sealed record SearchHit(string Kind, string Id, string? Part, string Href, IReadOnlyList<Marked> Title, IReadOnlyList<Marked> Snippet,
    string? On, string Classification);

/// <summary>What a query found that the reader may see: <see cref="Total"/> of them, the first <see cref="Hits"/> by rank.</summary>
public sealed record SearchResults(string Query, IReadOnlyList<string> Words, int Total, IReadOnlyList<SearchHit> Hits);

/// <summary>
/// <c>GET /api/v1/search?q=</c>: words looked up in the database's own full-text index (SQLite FTS5, PostgreSQL's
/// tsvector under a GIN index; both stem English words), every word required. A match is shown only when the reader may
/// see it, by the rule every read uses: its own marking, and for a position's condition or a conclusion's note the whole
/// decision (a redacted decision matches nothing of its positions). What is hidden from the reader is dropped before
/// anything is counted or ranked, and the rank reads each text alone (how often and where the words occur, the title
/// weighing three times the body), never statistics over the whole index such as BM25's, which count hidden texts too.
/// </summary>
public static partial class SearchIndex
{
    /// <summary>The longest query accepted, in characters, and the most words in it.</summary>
    public const int MaxLength = 200, MaxWords = 12, MaxLimit = 100;

    public static readonly IReadOnlyList<string> Kinds = [SearchTexts.Decision, SearchTexts.Position, SearchTexts.Accession, SearchTexts.Statement, SearchTexts.Pledge, SearchTexts.Source];

    /// <summary>Where each kind stands among hits of the same score: the order of <see cref="Kinds"/>.</summary>
    private static readonly IReadOnlyDictionary<string, int> KindRank = Kinds.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i, StringComparer.Ordinal);

    // The markers the database puts around a matched word: control characters, which stored text cannot hold.
    private const char Open = '\u0002', Close = '\u0003';

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+")]
    private static partial Regex WordPattern();

    /// <summary>The query as taken (trimmed, invisible characters removed) and its words, or the refusal naming <c>q</c>.</summary>
    public static Result<(string Query, IReadOnlyList<string> Words)> WordsOf(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return Refusal.Invalid("q", "'q' is required: the words to look for.");
        // Free text as every other input takes it: a control character is refused, invisible ones are dropped.
        var text = Input.Text(q, "q", MaxLength, required: true);
        if (text.Refusal is { } refused) return refused;
        q = text.Value!;
        var words = WordPattern().Matches(q).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (words.Count == 0) return Refusal.Invalid("q", $"'q' must hold at least one word (letters or digits); got '{Input.Clip(Input.Visible(q))}'.");
        if (words.Count > MaxWords) return Refusal.Invalid("q", $"'q' holds {words.Count} words; at most {MaxWords} are accepted.");
        return (q, words);
    }

    public static async Task<Result<SearchResults>> Handle(ConcordDbContext db, string? q, string? kind, int? limit, Reader reader, CancellationToken ct)
    {
        var parsed = WordsOf(q);
        if (parsed.Refusal is { } refused) return refused;
        var (query, words) = parsed.Value;
        string? only = null;
        if (kind is not null)
        {
            only = kind.Trim().ToLowerInvariant();
            if (!Kinds.Contains(only)) return Refusal.Invalid("kind", $"'kind' must be one of {string.Join(", ", Kinds)}; got '{Input.Clip(Input.Visible(kind))}'.");
        }
        if (limit is < 1 or > MaxLimit) return Refusal.Invalid("limit", $"'limit' must be between 1 and {MaxLimit}; got {limit}.");

        var matched = await Match(db, words, ct);
        var ids = matched.Keys.ToList();
        var entries = new List<SearchEntryRow>(ids.Count);
        foreach (var chunk in ids.Chunk(500))
            entries.AddRange(await db.SearchEntries.AsNoTracking().Where(e => chunk.Contains(e.Id) && (only == null || e.Kind == only)).ToListAsync(ct));
        var sights = await DecisionSights(db, reader, entries.Where(e => e.Kind is SearchTexts.Decision or SearchTexts.Position).Select(e => e.Ref), ct);

        var visible = entries.Where(e => Sees(reader, e, sights)).Select(e =>
        {
            var (title, body) = matched[e.Id];
            var t = Split(title);
            var b = Split(body);
            var score = 3 * t.Count(m => m.Hit) + b.Count(m => m.Hit);
            return (Entry: e, Title: t, Body: b, Score: score);
        }).OrderByDescending(x => x.Score).ThenBy(x => KindRank[x.Entry.Kind]).ThenByDescending(x => x.Entry.On)
            .ThenBy(x => x.Entry.Ref, StringComparer.Ordinal).ThenBy(x => x.Entry.Part, StringComparer.Ordinal).ToList();

        var hits = visible.Take(limit ?? 20).Select(x => new SearchHit(x.Entry.Kind, x.Entry.Ref, x.Entry.Part.Length == 0 ? null : x.Entry.Part,
            x.Entry.Href, x.Title, Snippet(x.Body), x.Entry.On?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Visibility.ClassificationOf(x.Entry.Marking, x.Entry.ReleasableTo).ToString())).ToList();
        return new SearchResults(query, words, visible.Count, hits);
    }

    /// <summary>True when the reader may see the entry: its own marking, and the whole decision for a position or a conclusion's note.</summary>
    private static bool Sees(Reader reader, SearchEntryRow e, IReadOnlyDictionary<string, DecisionSight> sights)
    {
        if (!reader.CanSee(Visibility.ClassificationOf(e.Marking, e.ReleasableTo))) return false;
        if (e.Kind is not (SearchTexts.Decision or SearchTexts.Position)) return true;
        var sight = sights.GetValueOrDefault(e.Ref, DecisionSight.Invisible);
        return e.WholeDecision ? sight == DecisionSight.Full : sight != DecisionSight.Invisible;
    }

    private static async Task<Dictionary<string, DecisionSight>> DecisionSights(ConcordDbContext db, Reader reader, IEnumerable<string> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        var sights = new Dictionary<string, DecisionSight>(StringComparer.Ordinal);
        foreach (var chunk in wanted.Chunk(500))
            foreach (var d in await db.Decisions.AsNoTracking().Where(d => chunk.Contains(d.Id)).ToListAsync(ct))
                sights[d.Id] = CurrentDecision.SightOf(reader, d);
        return sights;
    }

    /// <summary>
    /// Every entry whose text holds all the words, with its title and body as the database highlights them (every matched
    /// word between the markers), by entry id. The words are letters and digits only, so the query the index is given is
    /// plain terms: nothing in it is read as the index's query syntax.
    /// </summary>
    private static async Task<Dictionary<long, (string Title, string Body)>> Match(ConcordDbContext db, IReadOnlyList<string> words, CancellationToken ct)
    {
        var postgres = db.Database.IsNpgsql();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (postgres)
            {
                command.CommandText = """
                    SELECT e."Id", ts_headline('english', e."Title", q, @options), ts_headline('english', e."Body", q, @options)
                    FROM search_entries e, plainto_tsquery('english', @q) q
                    WHERE e."Document" @@ q
                    """;
                Add(command, "options", $"HighlightAll=true, StartSel={Open}, StopSel={Close}");
                Add(command, "q", string.Join(' ', words));
            }
            else
            {
                command.CommandText = """
                    SELECT search_fts.rowid, highlight(search_fts, 0, char(2), char(3)), highlight(search_fts, 1, char(2), char(3))
                    FROM search_fts WHERE search_fts MATCH @q
                    """;
                Add(command, "q", string.Join(' ', words.Select(w => $"\"{w}\"")));
            }
            var found = new Dictionary<long, (string, string)>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                found[reader.GetInt64(0)] = (reader.IsDBNull(1) ? "" : reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2));
            return found;
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var p = command.CreateParameter();
        (p.ParameterName, p.Value) = (name, value);
        command.Parameters.Add(p);
    }

    /// <summary>A highlighted text as pieces; a marker left open or unmatched is read as plain text, never refused.</summary>
    public static IReadOnlyList<Marked> Split(string text)
    {
        var pieces = new List<Marked>();
        var plain = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf(Open, i);
            var close = open < 0 ? -1 : text.IndexOf(Close, open + 1);
            if (open < 0 || close < 0)
            {
                plain.Append(text.AsSpan(i).ToString().Replace(Open.ToString(), "", StringComparison.Ordinal).Replace(Close.ToString(), "", StringComparison.Ordinal));
                break;
            }
            plain.Append(text, i, open - i);
            if (plain.Length > 0) { pieces.Add(new Marked(plain.ToString(), false)); plain.Clear(); }
            if (close > open + 1) pieces.Add(new Marked(text[(open + 1)..close], true));
            i = close + 1;
        }
        if (plain.Length > 0) pieces.Add(new Marked(plain.ToString(), false));
        return pieces;
    }

    /// <summary>
    /// About <paramref name="words"/> words of a highlighted text around its first matched word (the whole text when it is
    /// short), with "…" where it was cut.
    /// </summary>
    public static IReadOnlyList<Marked> Snippet(IReadOnlyList<Marked> text, int words = 30)
    {
        var tokens = new List<Marked>();
        foreach (var piece in text)
        {
            if (piece.Hit) { tokens.Add(piece); continue; }
            foreach (var part in Regex.Split(piece.Text, @"(?<=\s)")) if (part.Length > 0) tokens.Add(new Marked(part, false));
        }
        if (tokens.Count(t => !t.Hit && t.Text.Trim().Length > 0) + tokens.Count(t => t.Hit) <= words) return text;
        var first = Math.Max(0, tokens.FindIndex(t => t.Hit));
        var start = Math.Max(0, first - words / 3);
        var end = Math.Min(tokens.Count, start + words);
        var cut = new List<Marked>();
        foreach (var t in tokens.Skip(start).Take(end - start))
        {
            if (!t.Hit && cut.Count > 0 && !cut[^1].Hit) cut[^1] = cut[^1] with { Text = cut[^1].Text + t.Text };
            else cut.Add(t);
        }
        if (start > 0) cut.Insert(0, new Marked("…", false));
        if (end < tokens.Count) cut.Add(new Marked("…", false));
        return cut;
    }
}
