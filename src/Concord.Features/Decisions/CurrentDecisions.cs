using System.Collections.Immutable;
using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Features.Access;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>
/// A decision as it stands, read from its read model (no replay): its folded state, its version, who may see it
/// (<see cref="Marking"/>) and every marking its events carry (<see cref="Markings"/>), which decide what a reader sees.
/// </summary>
public sealed record CurrentDecision(Decision State, int Version, Classification Marking, IReadOnlyList<Classification> Markings, Instant LastEffective)
{
    /// <summary>What <paramref name="reader"/> may see of it: the same answer <see cref="Visibility.Of"/> gives from its stream.</summary>
    public DecisionSight SightOf(Reader reader) =>
        !reader.CanSee(Marking) ? DecisionSight.Invisible : Markings.All(reader.CanSee) ? DecisionSight.Full : DecisionSight.Redacted;
}

/// <summary>Reads decisions as they stand from the read models: one query for the rows, one for their positions.</summary>
public static class CurrentDecisions
{
    public static async Task<CurrentDecision?> Load(ConcordDbContext db, DecisionId id, CancellationToken ct)
    {
        var row = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id.Value, ct);
        if (row is null) return null;
        var positions = await db.Positions.AsNoTracking().Where(p => p.DecisionId == id.Value).ToListAsync(ct);
        return From(row, positions);
    }

    /// <summary>The decisions of <paramref name="rows"/>, with the positions of those <paramref name="withPositions"/> keeps.</summary>
    public static async Task<IReadOnlyList<CurrentDecision>> Load(ConcordDbContext db, IReadOnlyList<DecisionRow> rows, Func<CurrentDecision, bool> withPositions, CancellationToken ct)
    {
        var bare = rows.Select(r => From(r, [])).ToList();
        var wanted = bare.Where(withPositions).Select(d => d.State.Id.Value).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0) return bare;
        var query = db.Positions.AsNoTracking();
        // Asking for a few decisions by id; for many, reading the table is cheaper than a long list of parameters.
        if (wanted.Count <= 100) query = query.Where(p => wanted.Contains(p.DecisionId));
        var positions = (await query.ToListAsync(ct)).Where(p => wanted.Contains(p.DecisionId)).ToLookup(p => p.DecisionId, StringComparer.Ordinal);
        return [.. rows.Select((r, i) => wanted.Contains(r.Id) ? From(r, positions[r.Id]) : bare[i])];
    }

    public static CurrentDecision From(DecisionRow row, IEnumerable<PositionRow> positions)
    {
        var state = new Decision(DecisionId.Parse(row.Id), row.Subject, row.Body, Enum.Parse<RuleKind>(row.Rule), row.Summit, MemberCode.TryParse(row.Concerned),
            row.Opened, row.SilenceDeadline,
            positions.ToImmutableDictionary(p => MemberCode.Parse(p.Member),
                p => new MemberPosition(MemberCode.Parse(p.Member), Enum.Parse<PositionKind>(p.Kind), p.Condition, p.Source, p.Confidence, p.Note, p.Effective)),
            row.ConcludedOutcome is null ? null : Enum.Parse<Outcome>(row.ConcludedOutcome), row.ConcludedAt)
        {
            ReleasedOutcome = row.ReleasedOutcome,
        };
        return new CurrentDecision(state, row.Version, Classification.FromStored(row.Marking, row.ReleasableTo), ParseMarkings(row.Markings), row.LastEffective);
    }

    /// <summary>Markings as the row keeps them: "marking|releasable" pairs separated by ';'.</summary>
    public static string FormatMarkings(IEnumerable<Classification> markings) =>
        string.Join(';', markings.Distinct().Select(m => ((int)m.Marking).ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + m.ReleasableText)
            .Order(StringComparer.Ordinal));

    public static IReadOnlyList<Classification> ParseMarkings(string text) =>
        [.. text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('|'))
            .Select(p => Classification.FromStored((Marking)int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p.Length > 1 && p[1].Length > 0 ? p[1] : null))];
}
