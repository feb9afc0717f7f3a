using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>Delays as of a date, grouped by donor, category or month of announcement, with the funding events of the timeline.</summary>
public static class PledgeDelays
{
    /// <param name="knownOn">Read the ledger as known on that day (<see cref="PledgeKnowledge"/>); null reads everything recorded.</param>
    public static async Task<Result<DelaysView>> Handle(ConcordDbContext db, IClock clock, LocalDate? asOf, string? by, CancellationToken ct,
        LocalDate? knownOn = null)
    {
        var lens = await PledgeKnowledge.Lens(db, clock, knownOn, ct);
        var date = PledgeKnowledge.Day(clock, asOf, lens);
        var grouping = DelayGrouping.Donor;
        if (by is not null)
        {
            var g = Input.Enum<DelayGrouping>(by, "by");
            if (g.Refusal is { } r) return r;
            grouping = g.Value;
        }
        var pledges = await PledgeStream.AllAsOf(db, date, ct, lens);
        return new DelaysView(date, grouping, Delays.By(pledges, grouping, date), [.. pledges.Select(Delays.Of)], Delays.Late(pledges, date),
            await PledgeStream.FundingEvents(db, date, ct, lens), await PledgeStream.DelayEvents(db, date, ct, lens));
    }
}
