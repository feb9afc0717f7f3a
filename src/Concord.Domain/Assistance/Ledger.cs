using Concord.Domain.Members;
using NodaTime;

namespace Concord.Domain.Assistance;

/// <summary>What is given. <see cref="MissilesLongRange"/> comes last so that the others keep their numbers.</summary>
public enum AssistanceCategory { AirDefence, Artillery, Ammunition155mm, Armour, Aircraft, OtherMilitary, Financial, Humanitarian, MissilesLongRange }

/// <summary>
/// The status ladder (shared/data/assistance/README.md): announced → committed → allocated → contracted → in transit →
/// delivered, or cancelled. A pledge only moves up the ladder; partial deliveries leave it in transit.
/// </summary>
public enum PledgeStatus { Announced, Committed, Allocated, Contracted, InTransit, Delivered, Cancelled }

/// <summary>Whether a figure was reported by a government or tracker, or estimated (e.g. from a price list).</summary>
public enum FigureBasis { Reported, Estimated }

/// <summary>A line of a pledge or a delivery: how many of what, in which unit ("systems", "rounds", "vehicles", "EUR").</summary>
public sealed record ItemLine(string Item, decimal Quantity, string Unit);

/// <summary>An item pledged in a quantity no source disclosed: stored without a quantity (never as 0), in no total.</summary>
public sealed record UndisclosedItem(string Item, string Unit);

/// <summary>What a delivery says arrived.</summary>
public enum DeliveryExtent
{
    /// <summary>The items and quantities it lists.</summary>
    Items,
    /// <summary>Part of the pledge, in a number no source stated (a first delivery whose size is not known).</summary>
    Some,
    /// <summary>Everything still outstanding (a full delivery: the rest arrived).</summary>
    Rest,
}

/// <summary>A pledge's id: donor, a dash, and a readable key, e.g. "DEU-iris-t-slm-2022-06".</summary>
public readonly record struct PledgeId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A fact in a pledge's stream.</summary>
public interface IPledgeEvent;

/// <summary>
/// A donor announced assistance to a recipient. The fields after <c>Note</c> came later and default so that older stored
/// events read unchanged: <paramref name="CoDonors"/> the other donors of a joint pledge (counted once, under all of
/// them); <paramref name="Undisclosed"/> items whose quantity no source gave; <paramref name="AnnouncedWindow"/> the
/// announcement when sources date it only within a window (a month), <see cref="Announced"/> then being its first day, an
/// ordering key only; <paramref name="AnnouncementUndated"/> when no source dates the announcement at all
/// (<see cref="Announced"/> is then the first day a source attests the pledge); <paramref name="Promised"/> the promised
/// date or period (<see cref="PromisedBy"/> is its last day, the deadline); <paramref name="Confidence"/> how the
/// announcement's date is known.
/// </summary>
public sealed record PledgeAnnounced(PledgeId Id, MemberCode Donor, MemberCode Recipient, LocalDate Announced, AssistanceCategory Category,
    IReadOnlyList<ItemLine> Items, Money? Value, LocalDate? PromisedBy, string? Source, FigureBasis Basis, string? Note,
    IReadOnlyList<MemberCode>? CoDonors = null, IReadOnlyList<UndisclosedItem>? Undisclosed = null, DateWindow? AnnouncedWindow = null,
    bool AnnouncementUndated = false, DateWindow? Promised = null, Confidence? Confidence = null) : IPledgeEvent;

/// <summary>The pledge moved up the ladder on a date (committed, allocated, contracted, in transit).</summary>
public sealed record PledgeAdvanced(PledgeStatus Status, LocalDate On, string? Source, string? Note) : IPledgeEvent;

/// <summary>
/// Part or all of a pledge was delivered on a date. Later fields default so that older events read unchanged:
/// <paramref name="Window"/> when the date is known only within a window (a public confirmation is an upper bound on the
/// arrival: on or before that day; a month), <see cref="On"/> then being its last day; <paramref name="Extent"/> what
/// arrived (the items listed, some in an unstated number, or the rest); <paramref name="Confidence"/> how its date is known.
/// </summary>
public sealed record DeliveryRecorded(LocalDate On, IReadOnlyList<ItemLine> Items, Money? Value, string? Source, FigureBasis Basis, string? Note,
    DateWindow? Window = null, DeliveryExtent Extent = DeliveryExtent.Items, Confidence? Confidence = null) : IPledgeEvent;

/// <summary>The pledge was amended: new items, value or promised date (a correction is a new event, never an edit).</summary>
/// <remarks><paramref name="Promised"/> is a promised period (its last day is <see cref="PromisedBy"/>); <paramref name="Confidence"/> how its date is known.</remarks>
public sealed record PledgeAmended(LocalDate On, IReadOnlyList<ItemLine>? Items, Money? Value, LocalDate? PromisedBy, string? Source, string? Note,
    DateWindow? Promised = null, Confidence? Confidence = null) : IPledgeEvent;

/// <summary>The pledge was cancelled (or replaced) on a date; what was delivered stays delivered.</summary>
public sealed record PledgeCancelled(LocalDate On, string? Reason, string? Source) : IPledgeEvent;

/// <summary>A dated event on the assistance timeline that explains delays, e.g. the US supplemental funding gap of 2023-24.</summary>
public sealed record FundingEventRecorded(LocalDate On, MemberCode Donor, string Event, decimal? AmountUsdBn, string? Vote, string? Source) : IPledgeEvent;

/// <summary>
/// A dated event that caused, revealed or ended delays (a schedule slip, a funding stall, a political refusal), told by an
/// actor that need not be one state ("EU member states"). <paramref name="Ref"/> is the id the data gives it (E001).
/// </summary>
public sealed record DelayEventRecorded(LocalDate On, string Actor, string Kind, string Summary, string? Source, Confidence? Confidence, string? Ref)
    : IPledgeEvent;
