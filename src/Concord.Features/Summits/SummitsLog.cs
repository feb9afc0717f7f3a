using Concord.Domain.Summits;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Summits;

/// <summary>The summits area's events and its read model.</summary>
public static class SummitsLog
{
    public static void Register(LogRegistry log) => log
        .Event<SummitScheduled>("SummitScheduled")
        .Projection(new SummitProjection());
}

/// <summary>Projects each scheduled summit into the summits read model.</summary>
public sealed class SummitProjection : IWholeStreamProjection
{
    public IReadOnlyList<string> Streams { get; } = [StreamIds.SummitPrefix];

    public IReadOnlyList<Type> Rows { get; } = [typeof(SummitRow)];

    public Task Clear(ConcordDbContext db, CancellationToken ct) => db.DeleteAll<SummitRow>(ct);

    public Task Project(ConcordDbContext db, StreamChange change, Instant now, CancellationToken ct)
    {
        Schedule(change.Appended, new TrackedRows(db));
        return Task.CompletedTask;
    }

    public void Rebuild(StreamChange stream, IRows rows, Instant now) => Schedule(stream.Appended, rows);

    /// <summary>A row for every summit scheduled: each one adds a row, whatever came before it.</summary>
    private static void Schedule(IEnumerable<StoredEvent> events, IRows rows)
    {
        foreach (var s in events.Select(EventStore.Deserialize).OfType<SummitScheduled>())
            rows.Add(new SummitRow
            {
                Id = s.Id, Name = s.Name, City = s.City, HostCountry = s.HostCountry, Start = s.Start, End = s.End, Kind = s.Kind,
                EnlargementDecisions = s.EnlargementDecisions, OtherDecisions = s.OtherDecisions, Sources = s.Sources, Notes = s.Notes,
            });
    }
}
