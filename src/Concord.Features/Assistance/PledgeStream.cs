using System.Text.Json;
using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>
/// Reads pledges: as they stand from the ledger's read model (<see cref="PledgeProjection"/>), and from their streams
/// for a date before their latest event.
/// </summary>
public static class PledgeStream
{
    /// <summary>The stream the IMPORTS use case writes dated funding events to (e.g. the US supplemental gap).</summary>
    public const string TimelinePrefix = StreamIds.AssistanceTimeline;

    public static Fact<IPledgeEvent> ToFact(StoredEvent row) => new((IPledgeEvent)EventStore.Deserialize(row), row.Effective, row.StreamVersion);

    public static async Task<IReadOnlyList<StoredEvent>> Rows(ConcordDbContext db, PledgeId id, CancellationToken ct) =>
        await new EventStore(db).ReadStream(StreamIds.Pledge(id), ct);

    /// <summary>
    /// Every pledge as it stood at the end of <paramref name="asOf"/>; pledges announced later are left out. Read from the
    /// ledger's read model, folding from the log only the pledges with an event dated after <paramref name="asOf"/>.
    /// </summary>
    public static async Task<IReadOnlyList<Pledge>> AllAsOf(ConcordDbContext db, LocalDate asOf, CancellationToken ct, Sources.KnownOn? lens = null)
    {
        var rows = await db.Pledges.AsNoTracking().Where(p => p.Announced <= asOf).ToListAsync(ct);
        if (lens is not null)
        {
            // As known on a day, every pledge is folded from its stream with its sources and notes as published by then.
            var known = new List<Pledge>(rows.Count);
            foreach (var r in rows)
                if (Pledge.Replay(Known(await Rows(db, new PledgeId(r.Id), ct), lens), asOf) is { } then) known.Add(then);
            return [.. known.OrderBy(p => p.Announced).ThenBy(p => p.Id.Value, StringComparer.Ordinal)];
        }
        var pledges = rows.Where(r => r.LastOn <= asOf).Select(Deserialize).ToList();
        foreach (var r in rows.Where(r => r.LastOn > asOf))
            if (Pledge.Replay((await Rows(db, new PledgeId(r.Id), ct)).Select(ToFact), asOf) is { } past) pledges.Add(past);
        return [.. pledges.OrderBy(p => p.Announced).ThenBy(p => p.Id.Value, StringComparer.Ordinal)];
    }

    /// <summary>The stream's facts, each as known through <paramref name="lens"/> (all as recorded when none).</summary>
    public static List<Fact<IPledgeEvent>> Known(IReadOnlyList<StoredEvent> rows, Sources.KnownOn? lens) =>
        [.. rows.Select(r =>
        {
            var fact = ToFact(r);
            return lens is null ? fact : fact with { Event = PledgeKnowledge.AsKnown(fact.Event, r.Recorded, lens) };
        })];

    /// <summary>Every pledge as it stands now, from the ledger's read model.</summary>
    public static async Task<IReadOnlyList<Pledge>> Current(ConcordDbContext db, CancellationToken ct) =>
        [.. (await db.Pledges.AsNoTracking().ToListAsync(ct)).Select(Deserialize)];

    public static string Serialize(Pledge pledge) => JsonSerializer.Serialize(pledge, ConcordJson.Options);

    private static Pledge Deserialize(PledgeRow row) =>
        JsonSerializer.Deserialize<Pledge>(row.State, ConcordJson.Options) ?? throw new InvalidOperationException($"Pledge {row.Id} has no state.");

    /// <summary>
    /// The funding events on the assistance timeline up to <paramref name="asOf"/>, in date order: of an event recorded more
    /// than once (its day, donor and text), the latest record.
    /// </summary>
    public static async Task<IReadOnlyList<FundingEventRecorded>> FundingEvents(ConcordDbContext db, LocalDate asOf, CancellationToken ct,
        Sources.KnownOn? lens = null)
    {
        var name = EventNames.NameOf<FundingEventRecorded>();
        var rows = await db.Events.AsNoTracking().Where(e => e.StreamId.StartsWith(TimelinePrefix) && e.Name == name)
            .OrderBy(e => e.Position).ToListAsync(ct);
        return [.. Known(rows, lens).Select(f => (FundingEventRecorded)f.Event).GroupBy(EventOf).Select(g => g.Last())
            .Where(f => f.On <= asOf).OrderBy(f => f.On)];
    }

    /// <summary>The delay events on the assistance timeline up to <paramref name="asOf"/>, in date order; an event recorded twice, once.</summary>
    public static async Task<IReadOnlyList<DelayEventRecorded>> DelayEvents(ConcordDbContext db, LocalDate asOf, CancellationToken ct, Sources.KnownOn? lens = null)
    {
        var name = EventNames.NameOf<DelayEventRecorded>();
        var rows = await db.Events.AsNoTracking().Where(e => e.StreamId.StartsWith(TimelinePrefix) && e.Name == name)
            .OrderBy(e => e.Position).ToListAsync(ct);
        return [.. Known(rows, lens).Select(f => (DelayEventRecorded)f.Event).GroupBy(e => (e.Ref, e.On, e.Summary)).Select(g => g.Last())
            .Where(e => e.On <= asOf).OrderBy(e => e.On).ThenBy(e => e.Ref, StringComparer.Ordinal)];
    }

    /// <summary>Which event a funding record tells of: a later record of the same event restates it.</summary>
    public static (LocalDate On, string Donor, string Event) EventOf(FundingEventRecorded f) => (f.On, f.Donor.Value, f.Event);
}
