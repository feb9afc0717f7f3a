using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>The undelivered backlog as of a date.</summary>
public static class PledgeBacklog
{
    /// <param name="knownOn">Read the ledger as known on that day (<see cref="PledgeKnowledge"/>); null reads everything recorded.</param>
    public static async Task<BacklogView> Handle(ConcordDbContext db, IClock clock, LocalDate? asOf, CancellationToken ct, LocalDate? knownOn = null)
    {
        var lens = await PledgeKnowledge.Lens(db, clock, knownOn, ct);
        var date = PledgeKnowledge.Day(clock, asOf, lens);
        var pledges = await PledgeStream.AllAsOf(db, date, ct, lens);
        var byDonor = pledges.GroupBy(p => p.Donor.Value, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Delays.BacklogOf(g), StringComparer.Ordinal);
        return new BacklogView(date, Delays.BacklogOf(pledges), byDonor);
    }
}
