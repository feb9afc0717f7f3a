using Concord.Domain;
using Concord.Domain.Summits;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Summits;

/// <summary>Schedules summits (the importer's use case), each in its own stream. A summit already known with the same data is skipped.</summary>
public static class ScheduleSummits
{
    public static Task<Result<int>> Handle(ConcordDbContext db, IClock clock, IReadOnlyList<SummitScheduled> summits, WriteContext who, CancellationToken ct) =>
        EventStore.Serialized(async () =>
        {
            var known = await db.Summits.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
            var fresh = new List<SummitScheduled>();
            var book = await Sources.SourceBook.For(db, summits.Select(s => s.Sources), ct);
            foreach (var s in summits)
            {
                if (book.Check(s.Sources, "source_ids") is { } uncited) return new Result<int>(0, uncited with { Reason = $"Summit '{s.Id}': {uncited.Reason}" });
                if (s.End < s.Start) return new Result<int>(0, Refusal.Invalid("end", $"Summit '{s.Id}' ends before it starts."));
                if (known.TryGetValue(s.Id, out var row) || fresh.Any(f => f.Id == s.Id))
                {
                    if (row is not null && row.Start == s.Start && row.End == s.End && row.Name == s.Name) continue;
                    return new Result<int>(0, Refusal.Conflict($"A summit '{s.Id}' is already scheduled."));
                }
                fresh.Add(s);
            }
            // Nothing new commits nothing, and spends no idempotency key on it.
            if (fresh.Count == 0) return new Result<int>(0, null);
            var writes = fresh.Select(s => new StreamWrite(StreamIds.Summit(s.Id), 0, [new PendingEvent(s, Zones.StartOf(s.Start), Classification.Public)])).ToList();
            await new EventStore(db).Commit(writes, new Recording(clock.GetCurrentInstant(), who.RecordedBy, who.IdempotencyKey), ct);
            return new Result<int>(fresh.Count, null);
        }, ct);
}
