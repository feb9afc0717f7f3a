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
public sealed class SummitProjection : IProjection
{
    public IReadOnlyList<string> Streams { get; } = [StreamIds.SummitPrefix];

    public IReadOnlyList<Type> Rows { get; } = [typeof(SummitRow)];

    public Task Clear(ConcordDbContext db, CancellationToken ct) => db.Summits.ExecuteDeleteAsync(ct);

    public Task Project(ConcordDbContext db, StreamChange change, Instant now, CancellationToken ct)
    {
        foreach (var s in change.Appended.Select(EventStore.Deserialize).OfType<SummitScheduled>())
            db.Summits.Add(new SummitRow
            {
                Id = s.Id, Name = s.Name, City = s.City, HostCountry = s.HostCountry, Start = s.Start, End = s.End, Kind = s.Kind,
                EnlargementDecisions = s.EnlargementDecisions, OtherDecisions = s.OtherDecisions, Sources = s.Sources, Notes = s.Notes,
            });
        return Task.CompletedTask;
    }
}
