using Concord.Domain;
using Concord.Domain.Summits;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Summits;

/// <summary>Schedules summits (the importer's use case). A summit already known with the same data is skipped.</summary>
public static class ScheduleSummits
{
    public static Task<Result<int>> Handle(ConcordDbContext db, IClock clock, IReadOnlyList<SummitScheduled> summits, WriteContext who, CancellationToken ct) =>
        WriteGate.Run(async () =>
        {
            var known = await db.Summits.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
            var fresh = new List<SummitScheduled>();
            foreach (var s in summits)
            {
                if (s.End < s.Start) return new Result<int>(0, Refusal.Invalid("end", $"Summit '{s.Id}' ends before it starts."));
                if (known.TryGetValue(s.Id, out var row) || fresh.Any(f => f.Id == s.Id))
                {
                    if (row is not null && row.Start == s.Start && row.End == s.End && row.Name == s.Name) continue;
                    return new Result<int>(0, Refusal.Conflict($"A summit '{s.Id}' is already scheduled."));
                }
                fresh.Add(s);
            }
            if (fresh.Count == 0) return new Result<int>(0, null);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var log = new EventStore(db);
            var recording = new Recording(clock.GetCurrentInstant(), who.RecordedBy, who.IdempotencyKey);
            foreach (var s in fresh)
            {
                await log.Append(StreamIds.Summit(s.Id), 0, [new PendingEvent(s, Zones.StartOf(s.Start), Classification.Public)], recording with { IdempotencyKey = null }, ct);
                SummitProjection.Add(db, s);
            }
            await log.Save("summits", 0, ct);
            await tx.CommitAsync(ct);
            return new Result<int>(fresh.Count, null);
        }, ct);
}

public static class SummitProjection
{
    public static void Add(ConcordDbContext db, SummitScheduled s) => db.Summits.Add(new SummitRow
    {
        Id = s.Id, Name = s.Name, City = s.City, HostCountry = s.HostCountry, Start = s.Start, End = s.End, Kind = s.Kind,
        EnlargementDecisions = s.EnlargementDecisions, OtherDecisions = s.OtherDecisions, Sources = s.Sources, Notes = s.Notes,
    });
}
