using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>
/// Reads pledges from the log. There is no read model: every query replays the "pledge-" streams it needs (one
/// indexed prefix scan of the events table), which stays cheap at the size of the public ledgers (thousands of events).
/// </summary>
public static class PledgeStream
{
    /// <summary>The stream the IMPORTS use case writes dated funding events to (e.g. the US supplemental gap).</summary>
    public const string TimelinePrefix = "assistance-timeline";

    public static Fact<IPledgeEvent> ToFact(StoredEvent row) => new((IPledgeEvent)EventStore.Deserialize(row), row.Effective, row.StreamVersion);

    public static async Task<IReadOnlyList<StoredEvent>> Rows(ConcordDbContext db, PledgeId id, CancellationToken ct) =>
        await new EventStore(db).ReadStream(StreamIds.Pledge(id), ct);

    /// <summary>Every pledge's facts, by stream.</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<Fact<IPledgeEvent>>>> All(ConcordDbContext db, CancellationToken ct)
    {
        var rows = await db.Events.AsNoTracking().Where(e => e.StreamId.StartsWith(StreamIds.PledgePrefix))
            .OrderBy(e => e.Position).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.StreamId, StringComparer.Ordinal).Select(g => (IReadOnlyList<Fact<IPledgeEvent>>)[.. g.OrderBy(r => r.StreamVersion).Select(ToFact)])];
    }

    /// <summary>Every pledge as it stood at the end of <paramref name="asOf"/>; pledges announced later are left out.</summary>
    public static async Task<IReadOnlyList<Pledge>> AllAsOf(ConcordDbContext db, LocalDate asOf, CancellationToken ct) =>
        [.. (await All(db, ct)).Select(facts => Pledge.Replay(facts, asOf)).OfType<Pledge>().OrderBy(p => p.Announced).ThenBy(p => p.Id.Value, StringComparer.Ordinal)];

    /// <summary>The funding events on the assistance timeline up to <paramref name="asOf"/>, in date order.</summary>
    public static async Task<IReadOnlyList<FundingEventRecorded>> FundingEvents(ConcordDbContext db, LocalDate asOf, CancellationToken ct)
    {
        var name = EventNames.NameOf<FundingEventRecorded>();
        var rows = await db.Events.AsNoTracking().Where(e => e.StreamId.StartsWith(TimelinePrefix) && e.Name == name)
            .OrderBy(e => e.Position).ToListAsync(ct);
        return [.. rows.Select(r => (FundingEventRecorded)EventStore.Deserialize(r)).Where(f => f.On <= asOf).OrderBy(f => f.On)];
    }
}
