using Concord.Domain;
using Concord.Domain.Sources;
using Concord.Features.Access;
using Concord.Features.Accessions;
using Concord.Features.Storage;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Sources;

/// <summary>A fact that cites a source: what it is (<see cref="Area"/>), where to read it (<see cref="Href"/>), and a line saying what it states.</summary>
public sealed record CitingFact(string Area, string Subject, string What, string? Date, string Href);

/// <summary>A source id as a reader sees it: the document(s) it stands for and the facts the reader may see that cite it.</summary>
public sealed record SourceDetail(string Id, IReadOnlyList<SourceView> Documents, IReadOnlyList<CitingFact> CitedBy);

/// <summary>
/// <c>GET /api/v1/sources/{id}</c>: a registered source (or an older id split into several documents) and what cites it.
/// A fact the reader may not see is not listed, and not counted: citations are gathered from what the reader may read.
/// </summary>
public static class GetSource
{
    public static async Task<Result<SourceDetail>> Handle(ConcordDbContext db, string id, Reader reader, CancellationToken ct)
    {
        var documents = SourceIds.IsId(id) ? (await SourceBook.For(db, [id], ct)).Documents(id) : [];
        if (documents.Count == 0) return Refusal.NotFound($"There is no source '{Input.Clip(Input.Visible(id))}'. Source ids look like S33 or S33-1 (GET /api/v1/sources lists them).");
        // A fact citing the older id cites every document split from it; one citing a document cites that document.
        var names = new HashSet<string>(StringComparer.Ordinal) { id };
        foreach (var d in documents) { names.Add(d.Id); if (d.AliasOf is { } a && documents.Count == 1) names.Add(a); }
        bool Cites(string? source) => Citation.Parse(source).Any(c => c.IsId && names.Contains(c.Text));
        var cited = new List<CitingFact>();

        // Each table is asked only for the rows whose text names one of the ids; the exact citation is checked here.
        foreach (var row in await Mentioning(db.Accessions.AsNoTracking(), a => a.Steps, names).OrderBy(a => a.Candidate).ToListAsync(ct))
            foreach (var step in AccessionStream.Timeline(row).Select(s => s.Step).Where(s => Cites(s.Source)))
                cited.Add(new CitingFact("accession", row.Name, StepLine(step), step.Date.ToString(), $"/accessions/{row.Candidate}"));

        foreach (var s in await Mentioning(db.Summits.AsNoTracking(), s => s.Sources, names).OrderBy(s => s.Start).ToListAsync(ct))
            if (Cites(s.Sources)) cited.Add(new CitingFact("summit", s.Name, $"{s.Name}, {s.City}", s.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), $"/summits#{s.Id}"));

        foreach (var p in await Mentioning(db.Procedures.AsNoTracking(), p => p.Source, names).OrderBy(p => p.Party).ToListAsync(ct))
            if (Cites(p.Source)) cited.Add(new CitingFact("procedure", p.Party, $"{p.Party}'s ratification procedure", null, "/accessions"));

        var positions = await Mentioning(db.Positions.AsNoTracking(), p => p.Source, names).OrderBy(p => p.DecisionId).ThenBy(p => p.Member).ToListAsync(ct);
        var ids = positions.Select(p => p.DecisionId).Distinct().ToList();
        var decisions = await db.Decisions.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, StringComparer.Ordinal, ct);
        foreach (var p in positions)
        {
            if (!Cites(p.Source) || !decisions.TryGetValue(p.DecisionId, out var d)) continue;
            if (!reader.CanSee(Classification.FromStored(d.Marking, d.ReleasableTo)) || !reader.CanSee(Classification.FromStored(p.Marking, p.ReleasableTo))) continue;
            cited.Add(new CitingFact("position", d.Subject, $"{p.Member}: {p.Kind}", Zones.BrusselsDate(p.Effective).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), $"/decisions/{d.Id}"));
        }

        foreach (var d in await Mentioning(db.Decisions.AsNoTracking(), d => d.ConclusionSource, names).OrderBy(d => d.Id).ToListAsync(ct))
            if (Cites(d.ConclusionSource) && reader.CanSee(Classification.FromStored(d.Marking, d.ReleasableTo)))
                cited.Add(new CitingFact("decision", d.Subject, $"concluded: {d.ConcludedOutcome}", d.ConcludedAt is { } at ? Day(at) : null, $"/decisions/{d.Id}"));

        foreach (var m in await Mentioning(db.Members.AsNoTracking(), m => m.Sources, names).OrderBy(m => m.Since).ThenBy(m => m.Code).ToListAsync(ct))
            if (Cites(m.Sources)) cited.Add(new CitingFact("member", m.Name, $"{m.Name} ({m.Code}) a member of {m.Body}", m.Since.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "/members"));

        // Readiness is public (ReadinessStore.Record); each figure of an Ally's read model names its own sources.
        foreach (var r in await Mentioning(db.Readiness.AsNoTracking(), r => r.Facts, names).OrderBy(r => r.Ally).ToListAsync(ct))
        {
            var facts = Readiness.ReadinessStore.Figures(Readiness.ReadinessProjection.StateOf(r));
            foreach (var (what, sources) in facts)
                if (sources.Any(Cites)) cited.Add(new CitingFact("readiness", r.Ally, what, null, $"/readiness?ally={r.Ally}"));
        }

        // Funding events are public: the timeline as it stands, each event once.
        foreach (var f in await Assistance.PledgeStream.FundingEvents(db, NodaTime.LocalDate.MaxIsoValue, ct))
            if (Cites(f.Source)) cited.Add(new CitingFact("funding", f.Donor.Value, f.Event, f.On.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "/assistance/delays"));
        return new SourceDetail(id, documents, cited);
    }

    private static string Day(NodaTime.Instant at) => Zones.BrusselsDate(at).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The rows whose <paramref name="text"/> holds one of <paramref name="names"/>: a filter the store runs (LIKE), not a scan here.</summary>
    private static IQueryable<T> Mentioning<T>(IQueryable<T> rows, Expression<Func<T, string?>> text, IEnumerable<string> names)
    {
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        var body = names.Select(n => (Expression)Expression.AndAlso(
                Expression.NotEqual(text.Body, Expression.Constant(null, typeof(string))),
                Expression.Call(text.Body, contains, Expression.Constant(n))))
            .Aggregate(Expression.OrElse);
        return rows.Where(Expression.Lambda<Func<T, bool>>(body, text.Parameters));
    }

    private static string StepLine(StepView s) =>
        string.Join(" ", new[] { Words.Camel(s.Step.ToString()), s.Party, s.Stage is { } st ? Words.Camel(st.ToString()) : null }.Where(x => x is not null));

}
