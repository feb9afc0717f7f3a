using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Statements;

/// <summary>
/// An actor's page: a person or body (by the slug of its name) with the roles and states it acted in, or a state or
/// organisation (by its code) with the people who spoke for it and everything said for it, over time.
/// </summary>
public sealed record ActorDetail(string Id, string Name, bool IsState, IReadOnlyList<string> Roles, IReadOnlyList<ActorView> People, IReadOnlyList<string> For,
    IReadOnlyList<StatementView> Statements);

/// <summary>An actor in the list of actors: a person or body (by the slug of its name) or a state or organisation (by its code), and how many statements the reader may see.</summary>
public sealed record ActorSummary(string Id, string Name, bool IsState, IReadOnlyList<string> For, int Statements);

public static class GetActor
{
    /// <summary>Every actor with a statement the reader may see: the states and organisations first, then the people, by name.</summary>
    public static async Task<IReadOnlyList<ActorSummary>> All(ConcordDbContext db, IClock clock, Reader reader, CancellationToken ct)
    {
        var all = await ListStatements.Visible(db, clock, reader, null, ct);
        var states = new List<ActorSummary>();
        foreach (var g in all.SelectMany(s => s.Actors.Select(a => a.For).Distinct().Select(code => (code, s))).GroupBy(x => x.code).OrderBy(g => g.Key, StringComparer.Ordinal))
            states.Add(new ActorSummary(g.Key, await NameOf(db, g.Key, ct), true, [g.Key], g.Count()));
        var people = all.SelectMany(s => s.Actors.DistinctBy(a => a.Id).Select(a => (a, s))).GroupBy(x => x.a.Id)
            .Select(g => new ActorSummary(g.Key, g.Last().a.Name, false, [.. g.Select(x => x.a.For).Distinct()], g.Count()))
            .OrderBy(a => a.Name, StringComparer.Ordinal);
        return [.. states, .. people];
    }

    public static async Task<Result<ActorDetail>> Handle(ConcordDbContext db, IClock clock, string id, Reader reader, LocalDate? asOf, LocalDate? knownOn, CancellationToken ct)
    {
        var key = (id ?? "").Trim();
        if (key.Length is 0 or > 200) return Refusal.NotFound($"There is no actor '{Input.Clip(Input.Visible(key))}'.");
        var all = await ListStatements.Visible(db, clock, reader, knownOn, ct);
        if (asOf is { } day) all = [.. all.Where(s => s.When.HappenedBy(day))];
        var code = key.ToUpperInvariant();
        var forState = all.Where(s => s.Actors.Any(a => a.For == code)).ToList();
        if (forState.Count > 0 || (key.Length <= 4 && key.All(char.IsAsciiLetterUpper)))
        {
            if (forState.Count == 0) return Refusal.NotFound($"Nothing said for {Input.Clip(Input.Visible(code))} is recorded (or visible to you).");
            var people = forState.SelectMany(s => s.Actors).Where(a => a.For == code).DistinctBy(a => a.Id).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
            return new ActorDetail(code, await NameOf(db, code, ct), true, [], people, [code], forState);
        }
        var slug = key.ToLowerInvariant();
        var by = all.Where(s => s.Actors.Any(a => a.Id == slug)).ToList();
        if (by.Count == 0) return Refusal.NotFound($"There is no actor '{Input.Clip(Input.Visible(key))}' among the statements you may see.");
        var actors = by.SelectMany(s => s.Actors).Where(a => a.Id == slug).ToList();
        return new ActorDetail(slug, actors[^1].Name, false, [.. actors.Select(a => a.Role).OfType<string>().Distinct()], [actors[^1]],
            [.. actors.Select(a => a.For).Distinct()], by);
    }

    /// <summary>The organisations' names, and the states Concord knows by no member or accession record.</summary>
    private static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["NATO"] = "NATO", ["EUU"] = "EU institutions", ["RUS"] = "Russia",
    };

    private static async Task<string> NameOf(ConcordDbContext db, string code, CancellationToken ct) =>
        await db.Members.AsNoTracking().Where(m => m.Code == code).Select(m => m.Name).FirstOrDefaultAsync(ct)
        ?? await db.Accessions.AsNoTracking().Where(a => a.Candidate == code).Select(a => a.Name).FirstOrDefaultAsync(ct)
        ?? Names.GetValueOrDefault(code) ?? code;
}
