using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>A pledge as of a date (today when none), with its history up to then.</summary>
public static class GetPledge
{
    /// <param name="knownOn">Read the pledge as known on that day (<see cref="PledgeKnowledge"/>); null reads everything recorded.</param>
    public static async Task<Result<PledgeView>> Handle(ConcordDbContext db, IClock clock, string id, LocalDate? asOf, CancellationToken ct,
        LocalDate? knownOn = null)
    {
        var lens = await PledgeKnowledge.Lens(db, clock, knownOn, ct);
        var date = PledgeKnowledge.Day(clock, asOf, lens);
        var rows = await PledgeStream.Rows(db, new PledgeId(id.Trim()), ct);
        if (rows.Count == 0) return PledgeChanges.NoSuch(id);
        var facts = PledgeStream.Known(rows, lens);
        if (Pledge.Replay(facts, date) is not { } pledge)
            return Refusal.NotFound($"Pledge '{id}' was not yet announced on {date:yyyy-MM-dd}.");
        var limit = Zones.EndOf(date);
        var history = rows.Zip(facts).Where(x => x.Second.Effective <= limit)
            .OrderBy(x => x.Second.Effective).ThenBy(x => x.Second.Version)
            .Select(x => new PledgeHistoryEntry(x.Second.Version, Pledge.KindOf(x.Second.Event), Pledge.DateOf(x.Second.Event), x.First.Recorded, x.First.RecordedBy, x.Second.Event))
            .ToList();
        return PledgeView.Of(pledge, date, history);
    }
}
