using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>The undelivered backlog as of a date.</summary>
public static class PledgeBacklog
{
    public static async Task<BacklogView> Handle(ConcordDbContext db, IClock clock, LocalDate? asOf, CancellationToken ct)
    {
        var date = asOf ?? Zones.BrusselsDate(clock.GetCurrentInstant());
        var pledges = await PledgeStream.AllAsOf(db, date, ct);
        var byDonor = pledges.GroupBy(p => p.Donor.Value, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Delays.BacklogOf(g), StringComparer.Ordinal);
        return new BacklogView(date, Delays.BacklogOf(pledges), byDonor);
    }
}
