using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>The pledges as of a date, filtered by donor, recipient, category and status; in order of announcement.</summary>
public static class ListPledges
{
    /// <param name="knownOn">Read the ledger as known on that day (<see cref="PledgeKnowledge"/>); null reads everything recorded.</param>
    public static async Task<Result<IReadOnlyList<PledgeView>>> Handle(ConcordDbContext db, IClock clock, PledgeFilter filter, LocalDate? asOf, CancellationToken ct,
        LocalDate? knownOn = null)
    {
        var lens = await PledgeKnowledge.Lens(db, clock, knownOn, ct);
        var date = PledgeKnowledge.Day(clock, asOf, lens);
        Domain.Members.MemberCode? donor = null, recipient = null;
        AssistanceCategory? category = null;
        PledgeStatus? status = null;
        if (filter.Donor is not null) { var d = Input.Member(filter.Donor, "donor"); if (d.Refusal is { } r) return r; donor = d.Value; }
        if (filter.Recipient is not null) { var d = Input.Member(filter.Recipient, "recipient"); if (d.Refusal is { } r) return r; recipient = d.Value; }
        if (filter.Category is not null) { var c = PledgeInput.Category(filter.Category); if (c.Refusal is { } r) return r; category = c.Value; }
        if (filter.Status is not null) { var s = Input.Enum<PledgeStatus>(filter.Status, "status"); if (s.Refusal is { } r) return r; status = s.Value; }
        var pledges = await PledgeStream.AllAsOf(db, date, ct, lens);
        return new Result<IReadOnlyList<PledgeView>>([.. pledges
            .Where(p => donor is null || p.Donor == donor)
            .Where(p => recipient is null || p.Recipient == recipient)
            .Where(p => category is null || p.Category == category)
            .Where(p => status is null || p.Status == status)
            .Select(p => PledgeView.Of(p, date))], null);
    }
}
