using Concord.Domain;
using Concord.Domain.Sources;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Sources;

/// <summary>A document as a reader sees it: the registered record.</summary>
public sealed record SourceView(string Id, string? AliasOf, string Kind, string Publisher, string Title, string? Published, string? Url, string? Language, string? ArchivedUrl)
{
    public static SourceView Of(SourceRow r) => new(r.Id, r.AliasOf, r.Kind, r.Publisher, r.Title, r.Published, r.Url, r.Language, r.ArchivedUrl);

    /// <summary>"Publisher, Title, date": how a page or the CLI names the document in one line.</summary>
    public string Line => $"{Publisher}, {Title}{(Published is { } p ? $", {p}" : "")}";
}

/// <summary>
/// One part of a fact's <c>source</c> field as resolved against the registered sources: an id with the documents it
/// stands for (one, or several for an id that was split), an id that is not registered (<see cref="Documents"/> empty,
/// <see cref="IsId"/> true: a fact stored before sources were records), or a free-text citation (<see cref="IsId"/> false).
/// </summary>
public sealed record CitedSource(string Text, bool IsId, IReadOnlyList<SourceView> Documents)
{
    public bool Registered => Documents.Count > 0;
}

/// <summary>
/// The registered sources, read once for a request: resolves citations for pages, the API and the CLI, and checks that
/// every id a write cites is registered (docs/sources.md).
/// </summary>
public sealed class SourceBook
{
    private readonly Dictionary<string, SourceView> _byId;
    private readonly ILookup<string, SourceView> _byAlias;

    private SourceBook(IEnumerable<SourceView> sources)
    {
        _byId = sources.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _byAlias = _byId.Values.Where(s => s.AliasOf is not null).OrderBy(s => s.Id, StringComparer.Ordinal).ToLookup(s => s.AliasOf!, StringComparer.Ordinal);
    }

    public static readonly SourceBook Empty = new([]);

    public static async Task<SourceBook> Load(ConcordDbContext db, CancellationToken ct) =>
        new((await db.Sources.AsNoTracking().ToListAsync(ct)).Select(SourceView.Of));

    /// <summary>
    /// The sources <paramref name="citations"/> cite, in one query: what a write checks and a page resolves, rather than
    /// every source registered. Empty (no query) when they cite no id; the whole register when one of the ids is not in
    /// it, so that <see cref="Check(string?, string)"/> can say which registered id it is close to.
    /// </summary>
    public static async Task<SourceBook> For(ConcordDbContext db, IEnumerable<string?> citations, CancellationToken ct)
    {
        var ids = citations.SelectMany(Citation.Parse).Where(c => c.IsId).Select(c => c.Text).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return Empty;
        var cited = new SourceBook((await db.Sources.AsNoTracking().Where(s => ids.Contains(s.Id) || (s.AliasOf != null && ids.Contains(s.AliasOf)))
            .ToListAsync(ct)).Select(SourceView.Of));
        return ids.All(cited.Knows) ? cited : await Load(db, ct);
    }

    /// <summary>The refusal of <paramref name="field"/> when <paramref name="source"/> cites an id that is not registered; null when every id is.</summary>
    public static async Task<Refusal?> Check(ConcordDbContext db, string? source, string field, CancellationToken ct) =>
        (await For(db, [source], ct)).Check(source, field);

    /// <summary>The documents <paramref name="id"/> stands for: the document itself, or those split from it; empty when unknown.</summary>
    public IReadOnlyList<SourceView> Documents(string id) =>
        _byId.TryGetValue(id, out var one) ? [one] : [.. _byAlias[id]];

    public bool Knows(string id) => _byId.ContainsKey(id) || _byAlias.Contains(id);

    /// <summary>Every part of <paramref name="source"/> with what it resolves to.</summary>
    public IReadOnlyList<CitedSource> Resolve(string? source) =>
        [.. Citation.Parse(source).Select(c => new CitedSource(c.Text, c.IsId, c.IsId ? Documents(c.Text) : []))];

    /// <summary>The refusal of <paramref name="field"/> when it cites an id that is not registered; null when every id is.</summary>
    public Refusal? Check(string? source, string field = "source")
    {
        var missing = Citation.Parse(source).Where(c => c.IsId && !Knows(c.Text)).Select(c => c.Text).ToList();
        if (missing.Count == 0) return null;
        var near = missing.Count == 1 ? Nearest(missing[0]) : null;
        return Refusal.Invalid(field, $"'{field}' cites {(missing.Count == 1 ? "a source" : "sources")} not registered: {string.Join(", ", missing.Take(5))}"
            + (near is null ? "" : $" (did you mean '{near}'?)")
            + ". Register it first (POST /api/v1/sources, concord sources add, or the data pack's sources.csv), or write the citation as text.");
    }

    private string? Nearest(string id) => Importing.DidYouMean.Closest(id, _byId.Keys.Concat(_byAlias.Select(g => g.Key)));
}
