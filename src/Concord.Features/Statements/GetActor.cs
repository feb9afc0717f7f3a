using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Statements;

/// <summary>
/// An actor's page: a person or body (by the slug of its name) with the roles and states it acted in, or a state or
/// organisation (by its code) with everything said for it, over time.
/// </summary>
public sealed record ActorDetail(string Id, string Name, bool IsState, IReadOnlyList<string> Roles, IReadOnlyList<string> For, IReadOnlyList<StatementView> Statements);

public static class GetActor
{
    public static async Task<Result<ActorDetail>> Handle(ConcordDbContext db, IClock clock, string id, Reader reader, LocalDate? asOf, LocalDate? knownOn, CancellationToken ct)
    {
        var key = (id ?? "").Trim();
        if (key.Length is 0 or > 200) return Refusal.NotFound("There is no actor ''.");
        var all = await ListStatements.Visible(db, clock, reader, knownOn, ct);
        if (asOf is { } day) all = [.. all.Where(s => s.When.HappenedBy(day))];
        var code = key.ToUpperInvariant();
        var forState = all.Where(s => s.Actors.Any(a => a.For == code)).ToList();
        if (forState.Count > 0 || (key.Length <= 4 && key.All(char.IsAsciiLetterUpper)))
        {
            var name = await db.Members.AsNoTracking().Where(m => m.Code == code).Select(m => m.Name).FirstOrDefaultAsync(ct) ?? code;
            if (forState.Count == 0) return Refusal.NotFound($"Nothing said for {Input.Clip(Input.Visible(code))} is recorded (or visible to you).");
            return new ActorDetail(code, name, true, [.. forState.SelectMany(s => s.Actors).Where(a => a.For == code).Select(a => a.Name).Distinct().Order(StringComparer.Ordinal)],
                [code], forState);
        }
        var slug = key.ToLowerInvariant();
        var by = all.Where(s => s.Actors.Any(a => a.Id == slug)).ToList();
        if (by.Count == 0) return Refusal.NotFound($"There is no actor '{Input.Clip(Input.Visible(key))}' among the statements you may see.");
        var actors = by.SelectMany(s => s.Actors).Where(a => a.Id == slug).ToList();
        return new ActorDetail(slug, actors[^1].Name, false, [.. actors.Select(a => a.Role).OfType<string>().Distinct()],
            [.. actors.Select(a => a.For).Distinct()], by);
    }
}
