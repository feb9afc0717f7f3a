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
    LocalDate? CancelledOn, string? CancelReason, string? Source, FigureBasis Basis, LocalDate AsOf, IReadOnlyList<PledgeHistoryEntry>? History = null,
    IReadOnlyList<string>? Donors = null, bool Joint = false, IReadOnlyList<UndisclosedLine>? Undisclosed = null, DateWindow? AnnouncedWindow = null,
    bool AnnouncementUndated = false, DateWindow? PromisedWindow = null, DateWindow? FirstDeliveryWindow = null, DayRange? FirstDeliveryDays = null,
    DateWindow? FullDeliveryWindow = null, DayRange? FullDeliveryDays = null, bool DeliveredBeforeAnnouncement = false, string? Delay = null,
    DateWindow? StatusWindow = null)
{
    /// <remarks>
    /// <c>Donors</c> lists every donor (a joint pledge several: it is counted once, shown as joint); <c>Undisclosed</c> the items whose
    /// quantity no source gave (in no total); the windows are the dates as the sources give them (a confirmed delivery is an upper
    /// bound: on or before that day), the day counts what they bound ("at most 61 days"); <c>Delay</c> says it in words;
    /// <c>StatusWindow</c> is when it reached its status as the sources date it (<c>StatusOn</c> is that window's last day).
    /// </remarks>
    public static PledgeView Of(Pledge p, LocalDate asOf, IReadOnlyList<PledgeHistoryEntry>? history = null) =>
        new(p.Id.Value, p.Donor.Value, p.Recipient.Value, p.Announced, p.Category, p.Status, p.StatusOn, p.Lines, p.Value, p.OutstandingValue,
            p.DeliveredValue, p.PromisedBy, p.FirstDelivery, p.DaysToFirstDelivery, p.FullDelivery, p.DaysToFullDelivery, p.CancelledOn, p.CancelReason,
            p.Source, p.Basis, asOf, history, [.. p.Donors.Select(d => d.Value)], p.IsJoint, p.Undisclosed, p.AnnouncedAs, p.AnnouncementUndated,
            p.PromisedAs, p.FirstDeliveryWindow, p.FirstDeliveryDays, p.FullDeliveryWindow, p.FullDeliveryDays, p.DeliveredBeforeAnnouncement,
            Delays.Of(p).Words, p.StatusAs);
}

/// <summary>Filters of the pledge list (any may be omitted).</summary>
public sealed record PledgeFilter(string? Donor = null, string? Recipient = null, string? Category = null, string? Status = null);

/// <summary>The delays as of a date: per group, per pledge, the missed promised dates, and the funding events that explain them.</summary>
public sealed record DelaysView(LocalDate AsOf, DelayGrouping By, IReadOnlyList<DelayGroup> Groups, IReadOnlyList<PledgeDelay> Pledges,
    IReadOnlyList<LateDelivery> Late, IReadOnlyList<FundingEventRecorded> FundingEvents, IReadOnlyList<DelayEventRecorded>? DelayEvents = null);

/// <summary>The undelivered backlog on a date, in total and per donor.</summary>
public sealed record BacklogView(LocalDate AsOf, Backlog Total, IReadOnlyDictionary<string, Backlog> ByDonor);
