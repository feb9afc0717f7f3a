using Concord.Domain;
using Concord.Domain.Members;
using Concord.Domain.Readiness;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Readiness;

/// <summary>
/// Reads the Allies' readiness from its read model (<see cref="ReadinessProjection"/>) and appends to their streams
/// ("readiness-ALLY"); stocks are read less the ledger's recorded deliveries (<see cref="Deliveries"/>).
/// </summary>
public static class ReadinessStore
{
    public const string Prefix = StreamIds.ReadinessPrefix;

    public static string Stream(MemberCode ally) => StreamIds.Readiness(ally);

    /// <summary>Every Ally with readiness data, from the read model, stocks less the ledger's deliveries.</summary>
    public static async Task<IReadOnlyDictionary<MemberCode, AllyReadiness>> LoadAll(ConcordDbContext db, CancellationToken ct)
    {
        var rows = await db.Readiness.AsNoTracking().ToListAsync(ct);
        var delivered = await Deliveries.Load(db, ct);
        return rows.ToDictionary(r => MemberCode.Parse(r.Ally), r => Deliveries.Apply(ReadinessProjection.StateOf(r), delivered));
    }

    public static async Task<(AllyReadiness State, int Version)> Load(ConcordDbContext db, MemberCode ally, CancellationToken ct)
    {
        var row = await db.Readiness.AsNoTracking().FirstOrDefaultAsync(r => r.Ally == ally.Value, ct);
        var state = row is null ? AllyReadiness.Empty(ally) : ReadinessProjection.StateOf(row);
        return (Deliveries.Apply(state, await Deliveries.Load(db, ct)), row?.Version ?? 0);
    }

    /// <summary>
    /// Records readiness facts, each in its Ally's stream, in one transaction. PUBLIC: the data pack's figures come from
    /// public sources, and a deployment's own floors go through the same path (mark them in a later version if they are not).
    /// Only the secretariat (or the host) sets readiness data.
    /// </summary>
    public static Task<Result<int>> Record(ConcordDbContext db, IClock clock, IReadOnlyList<IReadinessEvent> events, WriteContext who, CancellationToken ct)
    {
        if (!Access.Access.Allows(who.Actor, Access.Permission.ImportAssistance))
            return Task.FromResult(new Result<int>(0, Refusal.Forbidden("Only the secretariat sets readiness data.")));
        // Nothing to record commits nothing, and spends no idempotency key on it.
        if (events.Count == 0) return Task.FromResult(new Result<int>(0, null));
        var now = clock.GetCurrentInstant();
        // Readiness facts are dated reports, each standing on its own: appended after whatever the Ally's stream holds.
        var writes = events.GroupBy(e => e.Ally).Select(g => new StreamWrite(Stream(g.Key), null,
            [.. g.Select(e => new PendingEvent(e, e is StockReported s ? Zones.StartOf(s.On) : now, Classification.Public))])).ToList();
        return Commit(db, writes, new Recording(now, who.RecordedBy, who.IdempotencyKey), events.Count, ct);
    }

    /// <summary>
    /// Of a newer data pack's <paramref name="events"/>, those the store does not hold yet. A fact is in force per Ally and
    /// figure (expenditure of a year and kind, a category's stock or floor, a year's GDP): a fact equal to the one in force
    /// adds nothing, and one whose fact in force was recorded by someone other than <paramref name="pack"/> is left out,
    /// so that a deployment's own floors and stocks are never overwritten by an example.
    /// </summary>
    public static async Task<IReadOnlyList<IReadinessEvent>> AsNewerPack(ConcordDbContext db, IReadOnlyList<IReadinessEvent> events, string pack, CancellationToken ct)
    {
        var kept = new List<IReadinessEvent>();
        foreach (var ally in events.GroupBy(e => e.Ally))
        {
            var inForce = new Dictionary<object, (IReadinessEvent Fact, string By)>();
            foreach (var row in await new EventStore(db).ReadStream(Stream(ally.Key), ct))
                if (EventStore.Deserialize(row) is IReadinessEvent fact) inForce[FigureOf(fact)] = (fact, row.RecordedBy);
            kept.AddRange(ally.Where(e => !inForce.TryGetValue(FigureOf(e), out var held) || (held.By == pack && !held.Fact.Equals(e))));
        }
        return kept;
    }

    /// <summary>Each figure of <paramref name="state"/> in words, with the sources it cites (what a source's page lists).</summary>
    public static IEnumerable<(string What, IReadOnlyList<string?> Sources)> Figures(AllyReadiness state) =>
    [
        .. state.Expenditure.Values.Select(e => ($"{e.Year} defence expenditure ({Domain.Words.Of(e.Figure)})", (IReadOnlyList<string?>)[e.Source, e.EquipmentSource])),
        .. state.Stocks.Select(s => ($"{s.Key} stock", (IReadOnlyList<string?>)[s.Value.Source])),
        .. state.Floors.Select(f => ($"{f.Key} floor", (IReadOnlyList<string?>)[f.Value.Source])),
        .. (state.Gdp is { } g ? [($"{g.Year} GDP", (IReadOnlyList<string?>)[g.Source])] : Array.Empty<(string, IReadOnlyList<string?>)>()),
    ];

    /// <summary>Which figure a fact sets: a later fact of the same figure replaces it (<see cref="AllyReadiness.Evolve"/>).</summary>
    private static object FigureOf(IReadinessEvent e) => e switch
    {
        DefenceExpenditureReported d => (nameof(DefenceExpenditureReported), d.Year, d.Figure),
        StockReported s => (nameof(StockReported), s.Category.Value),
        ReadinessFloorSet f => (nameof(ReadinessFloorSet), f.Category.Value),
        GdpReported g => (nameof(GdpReported), g.Year),
        _ => e,
    };

    private static async Task<Result<int>> Commit(ConcordDbContext db, IReadOnlyList<StreamWrite> writes, Recording recording, int count, CancellationToken ct)
    {
        await new EventStore(db).Commit(writes, recording, ct);
        return new Result<int>(count, null);
    }
}
