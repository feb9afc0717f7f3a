using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>One event of a pledge's history: when it happened, what it was, who entered it and when.</summary>
public sealed record PledgeHistoryEntry(int Version, string Kind, LocalDate On, Instant Recorded, string RecordedBy, object Event);

/// <summary>A pledge as it stood on <see cref="AsOf"/>: status, lines (pledged, delivered, outstanding), value and delays.</summary>
public sealed record PledgeView(
    string Id, string Donor, string Recipient, LocalDate Announced, AssistanceCategory Category, PledgeStatus Status, LocalDate StatusOn,
    IReadOnlyList<PledgeLine> Items, Money? Value, Money? OutstandingValue, IReadOnlyDictionary<string, decimal> DeliveredValue,
    LocalDate? PromisedBy, LocalDate? FirstDelivery, int? DaysToFirstDelivery, LocalDate? FullDelivery, int? DaysToFullDelivery,
    LocalDate? CancelledOn, string? CancelReason, string? Source, FigureBasis Basis, LocalDate AsOf, IReadOnlyList<PledgeHistoryEntry>? History = null)
{
    public static PledgeView Of(Pledge p, LocalDate asOf, IReadOnlyList<PledgeHistoryEntry>? history = null) =>
        new(p.Id.Value, p.Donor.Value, p.Recipient.Value, p.Announced, p.Category, p.Status, p.StatusOn, p.Lines, p.Value, p.OutstandingValue,
            p.DeliveredValue, p.PromisedBy, p.FirstDelivery, p.DaysToFirstDelivery, p.FullDelivery, p.DaysToFullDelivery, p.CancelledOn, p.CancelReason,
            p.Source, p.Basis, asOf, history);
}

/// <summary>Filters of the pledge list (any may be omitted).</summary>
public sealed record PledgeFilter(string? Donor = null, string? Recipient = null, string? Category = null, string? Status = null);

/// <summary>The delays as of a date: per group, per pledge, the missed promised dates, and the funding events that explain them.</summary>
public sealed record DelaysView(LocalDate AsOf, DelayGrouping By, IReadOnlyList<DelayGroup> Groups, IReadOnlyList<PledgeDelay> Pledges,
    IReadOnlyList<LateDelivery> Late, IReadOnlyList<FundingEventRecorded> FundingEvents);

/// <summary>The undelivered backlog on a date, in total and per donor.</summary>
public sealed record BacklogView(LocalDate AsOf, Backlog Total, IReadOnlyDictionary<string, Backlog> ByDonor);

/// <summary>A pledge as of a date (today when none), with its history up to then.</summary>
public static class GetPledge
{
    public static async Task<Result<PledgeView>> Handle(ConcordDbContext db, IClock clock, string id, LocalDate? asOf, CancellationToken ct)
    {
        var date = asOf ?? Zones.BrusselsDate(clock.GetCurrentInstant());
        var rows = await PledgeStream.Rows(db, new PledgeId(id.Trim()), ct);
        if (rows.Count == 0) return RecordPledge.NoSuch(id);
        var facts = rows.Select(PledgeStream.ToFact).ToList();
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

/// <summary>The pledges as of a date, filtered by donor, recipient, category and status; in order of announcement.</summary>
public static class ListPledges
{
    public static async Task<Result<IReadOnlyList<PledgeView>>> Handle(ConcordDbContext db, IClock clock, PledgeFilter filter, LocalDate? asOf, CancellationToken ct)
    {
        var date = asOf ?? Zones.BrusselsDate(clock.GetCurrentInstant());
        Domain.Members.MemberCode? donor = null, recipient = null;
        AssistanceCategory? category = null;
        PledgeStatus? status = null;
        if (filter.Donor is not null) { var d = Input.Member(filter.Donor, "donor"); if (d.Refusal is { } r) return r; donor = d.Value; }
        if (filter.Recipient is not null) { var d = Input.Member(filter.Recipient, "recipient"); if (d.Refusal is { } r) return r; recipient = d.Value; }
        if (filter.Category is not null) { var c = PledgeInput.Category(filter.Category); if (c.Refusal is { } r) return r; category = c.Value; }
        if (filter.Status is not null) { var s = Input.Enum<PledgeStatus>(filter.Status, "status"); if (s.Refusal is { } r) return r; status = s.Value; }
        var pledges = await PledgeStream.AllAsOf(db, date, ct);
        return new Result<IReadOnlyList<PledgeView>>([.. pledges
            .Where(p => donor is null || p.Donor == donor)
            .Where(p => recipient is null || p.Recipient == recipient)
            .Where(p => category is null || p.Category == category)
            .Where(p => status is null || p.Status == status)
            .Select(p => PledgeView.Of(p, date))], null);
    }
}

/// <summary>Delays as of a date, grouped by donor, category or month of announcement, with the funding events of the timeline.</summary>
public static class PledgeDelays
{
    public static async Task<Result<DelaysView>> Handle(ConcordDbContext db, IClock clock, LocalDate? asOf, string? by, CancellationToken ct)
    {
        var date = asOf ?? Zones.BrusselsDate(clock.GetCurrentInstant());
        var grouping = DelayGrouping.Donor;
        if (by is not null)
        {
            var g = Input.Enum<DelayGrouping>(by, "by");
            if (g.Refusal is { } r) return r;
            grouping = g.Value;
        }
        var pledges = await PledgeStream.AllAsOf(db, date, ct);
        return new DelaysView(date, grouping, Delays.By(pledges, grouping, date), [.. pledges.Select(Delays.Of)], Delays.Late(pledges, date),
            await PledgeStream.FundingEvents(db, date, ct));
    }
}

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
