using System.Collections.Immutable;
using Concord.Domain.Members;
using NodaTime;

namespace Concord.Domain.Assistance;

/// <summary>A line of a pledge as it stands: how much was pledged and how much of it has been delivered.</summary>
public sealed record PledgeLine(string Item, string Unit, decimal Pledged, decimal Delivered)
{
    public decimal Outstanding => Math.Max(0, Quantities.Add(Pledged, -Delivered));
}

/// <summary>A delivery as recorded, with the promised date in force when it arrived (null when none was promised).</summary>
public sealed record DeliveryRecord(LocalDate On, IReadOnlyList<ItemLine> Items, Money? Value, LocalDate? PromisedBy, string? Source, FigureBasis Basis);

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
    string? CancelReason)
{
    /// <summary>The first delivery, or null while nothing has arrived.</summary>
    public LocalDate? FirstDelivery => Deliveries.Count == 0 ? null : Deliveries.Min(d => d.On);

    /// <summary>The day the last outstanding item arrived, or null while something is outstanding (or the pledge was cancelled first).</summary>
    public LocalDate? FullDelivery => Status == PledgeStatus.Delivered && Deliveries.Count > 0 ? Deliveries.Max(d => d.On) : null;

    public bool IsCancelled => Status == PledgeStatus.Cancelled;

    public bool IsFullyDelivered => Lines.All(l => l.Outstanding == 0);

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

    /// <summary>Days from the announcement to the first delivery; null while none.</summary>
    public int? DaysToFirstDelivery => FirstDelivery is { } d ? Period.Between(Announced, d, PeriodUnits.Days).Days : null;

    /// <summary>Days from the announcement to full delivery; null while something is outstanding.</summary>
    public int? DaysToFullDelivery => FullDelivery is { } d ? Period.Between(Announced, d, PeriodUnits.Days).Days : null;
}
