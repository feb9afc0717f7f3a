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
    public DecisionSight SightOf(Reader reader) => Sight(reader, Marking, Markings);

    /// <summary>The same answer from a decision row's columns, for a read that needs no more of the decision than who may see it.</summary>
    public static DecisionSight SightOf(Reader reader, DecisionRow row) =>
        Sight(reader, Classification.FromStored(row.Marking, row.ReleasableTo), CurrentDecisions.ParseMarkings(row.Markings));

    private static DecisionSight Sight(Reader reader, Classification marking, IReadOnlyList<Classification> markings) =>
        !reader.CanSee(marking) ? DecisionSight.Invisible : markings.All(reader.CanSee) ? DecisionSight.Full : DecisionSight.Redacted;
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

    /// <summary>
    /// The decision as it stands, for a write: its rows are tracked by <paramref name="db"/>, so the commit's projection
    /// and the answer after it read them from this unit of work instead of querying the store again.
    /// </summary>
    public static async Task<CurrentDecision?> LoadForWriting(ConcordDbContext db, DecisionId id, CancellationToken ct)
    {
        // Read afresh: rows this context tracks from an earlier unit of work may be stale (another process may have
        // written since), and a query does not refresh a tracked row.
        if (WithoutDetectingChanges(db, () => db.Decisions.Local.FindEntry(id.Value)) is { } tracked)
        {
            foreach (var position in TrackedPositions(db, id.Value)) db.Entry(position).State = EntityState.Detached;
            tracked.State = EntityState.Detached;
        }
        return await LoadWritten(db, id, ct);
    }

    /// <summary>The decision as the commit just left it, from the rows this unit of work tracks (no query when it holds them).</summary>
    public static async Task<CurrentDecision?> LoadWritten(ConcordDbContext db, DecisionId id, CancellationToken ct) =>
        await Tracked(db, id.Value, ct) is ({ } row, { } positions) ? From(row, positions) : null;

    /// <summary>
    /// The decision's row and every one of its positions, tracked by <paramref name="db"/>: from its change tracker when
    /// this unit of work holds the row, else from the store. Every load that tracks a decision row goes through here and
    /// tracks all its positions with it, and the projection adds and removes positions through the same context, so a
    /// tracked row means its positions are all tracked too.
    /// </summary>
    internal static async Task<(DecisionRow Row, List<PositionRow> Positions)?> Tracked(ConcordDbContext db, string id, CancellationToken ct)
    {
        if (WithoutDetectingChanges(db, () => db.Decisions.Local.FindEntry(id)) is { State: not EntityState.Deleted and not EntityState.Detached } entry)
            return (entry.Entity, TrackedPositions(db, id));
        var row = await RowOf.For(db)(db, id, ct);
        if (row is null) return null;
        var positions = new List<PositionRow>();
        await foreach (var position in PositionsOf.For(db)(db, id).WithCancellation(ct)) positions.Add(position);
        return (row, positions);
    }

    // Compiled once: a write reads these two on every command, and the compiled form skips translating the query each time.
    private static readonly CompiledPerModel<Func<ConcordDbContext, string, CancellationToken, Task<DecisionRow?>>> RowOf = new(() =>
        EF.CompileAsyncQuery((ConcordDbContext db, string id, CancellationToken ct) => db.Decisions.AsTracking().FirstOrDefault(d => d.Id == id)));

    private static readonly CompiledPerModel<Func<ConcordDbContext, string, IAsyncEnumerable<PositionRow>>> PositionsOf = new(() =>
        EF.CompileAsyncQuery((ConcordDbContext db, string id) => db.Positions.AsTracking().Where(p => p.DecisionId == id)));

    private static List<PositionRow> TrackedPositions(ConcordDbContext db, string id) =>
        WithoutDetectingChanges(db, () => db.Positions.Local.Where(p => p.DecisionId == id).ToList());

    /// <summary>
    /// Reads the tracker's identity map as it is: keys and explicit removals need no scan for changed properties, which
    /// <c>DbSet.Local</c> would otherwise run over everything a long unit of work (an importer's) tracks.
    /// </summary>
    private static T WithoutDetectingChanges<T>(ConcordDbContext db, Func<T> read)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try { return read(); }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = detect; }
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
            ConclusionSource = row.ConclusionSource,
            ConclusionNote = row.ConclusionNote,
        };
        return new CurrentDecision(state, row.Version, Classification.FromStored(row.Marking, row.ReleasableTo), ParseMarkings(row.Markings), row.LastEffective);
    }

    /// <summary>Markings as the row keeps them: "marking|releasable" pairs separated by ';'.</summary>
    /// <remarks>
    /// Each distinct marking once, in ordinal order. Two markings are equal exactly when their pairs are, so the pairs
    /// are compared rather than the markings. Written as a loop: a rebuild formats this once per decision.
    /// </remarks>
    public static string FormatMarkings(IEnumerable<Classification> markings)
    {
        var pairs = new List<string>(1);
        foreach (var m in markings)
        {
            var pair = ((int)m.Marking).ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + m.ReleasableText;
            if (!pairs.Contains(pair)) pairs.Add(pair);
        }
        pairs.Sort(StringComparer.Ordinal);
        return string.Join(';', pairs);
    }

    public static IReadOnlyList<Classification> ParseMarkings(string text) =>
        [.. text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('|'))
            .Select(p => Classification.FromStored((Marking)int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p.Length > 1 && p[1].Length > 0 ? p[1] : null))];
}
