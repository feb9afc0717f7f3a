using Concord.Domain;
using Concord.Domain.Members;
using Concord.Domain.Readiness;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Readiness;

/// <summary>
/// Reads and appends the Allies' readiness streams ("readiness-ALLY"); stocks are read less the ledger's recorded
/// deliveries (<see cref="Deliveries"/>). There is no read model: every read replays the readiness streams and the
/// pledges' announcements and deliveries (a few hundred events for the data pack), which costs one indexed scan of the log by stream prefix.
/// </summary>
public static class ReadinessStore
{
    public const string Prefix = "readiness-";

    public static string Stream(MemberCode ally) => Prefix + ally.Value;

    /// <summary>Every Ally with a readiness stream, replayed.</summary>
    public static async Task<IReadOnlyDictionary<MemberCode, AllyReadiness>> LoadAll(ConcordDbContext db, CancellationToken ct)
    {
        var rows = await db.Events.AsNoTracking().Where(e => e.StreamId.StartsWith(Prefix))
            .OrderBy(e => e.Position).ToListAsync(ct);
        var delivered = await Deliveries.Load(db, ct);
        return rows.Select(r => (IReadinessEvent)EventStore.Deserialize(r)).GroupBy(e => e.Ally)
            .ToDictionary(g => g.Key, g => Deliveries.Apply(AllyReadiness.Replay(g.Key, g), delivered));
    }

    public static async Task<(AllyReadiness State, int Version)> Load(ConcordDbContext db, MemberCode ally, CancellationToken ct)
    {
        var rows = await new EventStore(db).ReadStream(Stream(ally), ct);
        var state = AllyReadiness.Replay(ally, rows.Select(r => (IReadinessEvent)EventStore.Deserialize(r)));
        return (Deliveries.Apply(state, await Deliveries.Load(db, ct)), rows.Count);
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
        return WriteGate.Run(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var log = new EventStore(db);
            var now = clock.GetCurrentInstant();
            var recording = new Recording(now, who.RecordedBy, who.IdempotencyKey);
            var first = true;
            foreach (var group in events.GroupBy(e => e.Ally))
            {
                var stream = Stream(group.Key);
                var version = await db.Events.CountAsync(e => e.StreamId == stream, ct);
                var pending = group.Select(e => new PendingEvent(e, e is StockReported s ? Zones.StartOf(s.On) : now, Classification.Public)).ToList();
                await log.Append(stream, version, pending, first ? recording : recording with { IdempotencyKey = null }, ct);
                first = false;
            }
            await log.Save("readiness", 0, ct);
            await tx.CommitAsync(ct);
            return new Result<int>(events.Count, null);
        }, ct);
    }
}
