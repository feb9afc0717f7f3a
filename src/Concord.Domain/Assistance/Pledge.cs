using System.Collections.Immutable;
using Concord.Domain.Members;
using NodaTime;

namespace Concord.Domain.Assistance;

/// <summary>A line of a pledge as it stands: how much was pledged and how much of it has been delivered.</summary>
/// <remarks><paramref name="SomeUnstated"/>: part of it arrived in a number no source stated, so what is outstanding is not known.</remarks>
public sealed record PledgeLine(string Item, string Unit, decimal Pledged, decimal Delivered, bool SomeUnstated = false)
{
    public decimal Outstanding => Math.Max(0, Quantities.Add(Pledged, -Delivered));
}

/// <summary>A delivery as recorded, with the promised date in force when it arrived (null when none was promised).</summary>
/// <remarks>
/// <paramref name="Window"/> is when it arrived as the sources date it (null: on <see cref="On"/>); <paramref name="Extent"/> what
/// arrived; <paramref name="BeforeAnnouncement"/> that it is dated before the pledge was announced (a delivery kept secret).
/// </remarks>
public sealed record DeliveryRecord(LocalDate On, IReadOnlyList<ItemLine> Items, Money? Value, LocalDate? PromisedBy, string? Source, FigureBasis Basis,
    DateWindow? Window = null, DeliveryExtent Extent = DeliveryExtent.Items, bool BeforeAnnouncement = false)
{
    /// <summary>When it arrived: its window, or its day.</summary>
    public DateWindow When => Window ?? DateWindow.On(On);
}

/// <summary>An item pledged in an undisclosed quantity: whether some of it, or all, has arrived.</summary>
public sealed record UndisclosedLine(string Item, string Unit, bool SomeArrived = false, bool AllArrived = false);

/// <summary>
/// A pledge of assistance, folded from its stream in world order (the date each event carries, not when it was
/// entered). Pure state; <see cref="Decide"/> checks the event a command asks for against the whole history it lands in.
/// </summary>
public sealed partial record Pledge(
    PledgeId Id,
    MemberCode Donor,
    MemberCode Recipient,
    LocalDate Announced,
    AssistanceCategory Category,
    ImmutableList<PledgeLine> Lines,
    Money? Value,
    LocalDate? PromisedBy,
    string? Source,
    FigureBasis Basis,
    PledgeStatus Status,
    LocalDate StatusOn,
    ImmutableList<DeliveryRecord> Deliveries,
    LocalDate? CancelledOn,
    string? CancelReason,
    ImmutableList<Members.MemberCode>? CoDonors = null,
    ImmutableList<UndisclosedLine>? Undisclosed = null,
    DateWindow? AnnouncedWindow = null,
    bool AnnouncementUndated = false,
    DateWindow? Promised = null)
{
    /// <summary>Every donor: the first, then the partners of a joint pledge (which is counted once, under all of them).</summary>
    public IReadOnlyList<MemberCode> Donors => [Donor, .. CoDonors ?? []];

    /// <summary>True for a pledge made jointly by several donors.</summary>
    public bool IsJoint => CoDonors is { Count: > 0 };

    /// <summary>Whom it is attributed to: the donor, or the donors of a joint pledge joined by '+' ("DNK+NLD").</summary>
    public string DonorKey => string.Join("+", Donors.Select(d => d.Value));

    /// <summary>True when a quantity of it was not disclosed: it is in no total.</summary>
    public bool HasUndisclosed => Undisclosed is { Count: > 0 };

    /// <summary>When it was announced, as the sources date it; null when no source dates the announcement.</summary>
    public DateWindow? AnnouncedAs => AnnouncementUndated ? null : AnnouncedWindow ?? DateWindow.On(Announced);

    /// <summary>The promised date or period: a date is a deadline (on or before it); null when none was promised.</summary>
    public DateWindow? PromisedAs => Promised ?? (PromisedBy is { } by ? DateWindow.OnOrBefore(by) : null);

    /// <summary>When the first delivery arrived, as the sources date it (a public confirmation is an upper bound).</summary>
    public DateWindow? FirstDeliveryWindow => Deliveries.Count == 0 ? null : Deliveries.MinBy(d => d.On)!.When;

    /// <summary>When the last outstanding item arrived, as the sources date it; null while something is outstanding.</summary>
    public DateWindow? FullDeliveryWindow => FullDelivery is null ? null : Deliveries.MaxBy(d => d.On)!.When;

    /// <summary>True when a delivery is dated before the announcement (delivered in secret, announced later).</summary>
    public bool DeliveredBeforeAnnouncement => Deliveries.Any(d => d.BeforeAnnouncement);

    /// <summary>
    /// Days from the announcement to the first delivery as far as the dates bound them ("at most 61 days" from an on-or-before
    /// confirmation); null while none, when the announcement is undated, or when it was delivered before it was announced.
    /// </summary>
    public DayRange? FirstDeliveryDays => Bounded(FirstDeliveryWindow);

    /// <summary>Days from the announcement to the full delivery as far as the dates bound them; null as <see cref="FirstDeliveryDays"/>.</summary>
    public DayRange? FullDeliveryDays => Bounded(FullDeliveryWindow);

    private DayRange? Bounded(DateWindow? delivered) =>
        delivered is { } d && AnnouncedAs is { } a && !DeliveredBeforeAnnouncement ? DayRange.Between(a, d) : null;

    /// <summary>
    /// When it reached its status, as the sources date it: a delivery's status carries that delivery's window (a public
    /// confirmation is an upper bound, "on or before"), so the day in <see cref="StatusOn"/> is never shown as exact when it is not.
    /// </summary>
    public DateWindow StatusAs => Status is PledgeStatus.Delivered or PledgeStatus.InTransit
        && Deliveries.LastOrDefault(d => d.On == StatusOn) is { } delivery ? delivery.When : DateWindow.On(StatusOn);

    /// <summary>The first delivery, or null while nothing has arrived.</summary>
    public LocalDate? FirstDelivery => Deliveries.Count == 0 ? null : Deliveries.Min(d => d.On);

    /// <summary>The day the last outstanding item arrived, or null while something is outstanding (or the pledge was cancelled first).</summary>
    public LocalDate? FullDelivery => Status == PledgeStatus.Delivered && Deliveries.Count > 0 ? Deliveries.Max(d => d.On) : null;

    public bool IsCancelled => Status == PledgeStatus.Cancelled;

    public bool IsFullyDelivered => Lines.All(l => l.Outstanding == 0) && (Undisclosed ?? []).All(u => u.AllArrived);

    public PledgeLine? Line(string item) => Lines.FirstOrDefault(l => string.Equals(l.Item, item, StringComparison.OrdinalIgnoreCase));

    /// <summary>The value delivered so far, per currency (deliveries without a value count nothing).</summary>
    public IReadOnlyDictionary<string, decimal> DeliveredValue =>
        Deliveries.Where(d => d.Value is not null).GroupBy(d => d.Value!.Currency, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Quantities.Sum(g.Select(d => d.Value!.Amount)), StringComparer.Ordinal);

    /// <summary>
    /// What of the pledged value is still to come: the pledged amount less the value of deliveries in the same
    /// currency, never below zero; zero once everything has arrived or the pledge was cancelled; null without a value.
    /// </summary>
    public Money? OutstandingValue
    {
        get
        {
            if (Value is null) return null;
            if (IsCancelled || IsFullyDelivered) return Value with { Amount = 0 };
            var delivered = DeliveredValue.GetValueOrDefault(Value.Currency);
            return Value with { Amount = Math.Max(0, Quantities.Add(Value.Amount, -delivered)) };
        }
    }

    /// <summary>Days from the announcement to the first delivery when both are exact days; null otherwise (see <see cref="FirstDeliveryDays"/>).</summary>
    public int? DaysToFirstDelivery => FirstDeliveryDays is { IsExact: true } r ? r.AtMost : null;

    /// <summary>Days from the announcement to full delivery when both are exact days; null otherwise (see <see cref="FullDeliveryDays"/>).</summary>
    public int? DaysToFullDelivery => FullDeliveryDays is { IsExact: true } r ? r.AtMost : null;
}
