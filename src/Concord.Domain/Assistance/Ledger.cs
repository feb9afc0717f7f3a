using Concord.Domain.Members;
using NodaTime;

namespace Concord.Domain.Assistance;

/// <summary>What is given (issue 6 categories).</summary>
public enum AssistanceCategory { AirDefence, Artillery, Ammunition155mm, Armour, Aircraft, OtherMilitary, Financial, Humanitarian }

/// <summary>
/// The status ladder (shared/data/assistance/README.md): announced → committed → allocated → contracted → in transit →
/// delivered, or cancelled. A pledge only moves up the ladder; partial deliveries leave it in transit.
/// </summary>
public enum PledgeStatus { Announced, Committed, Allocated, Contracted, InTransit, Delivered, Cancelled }

/// <summary>Whether a figure was reported by a government or tracker, or estimated (e.g. from a price list).</summary>
public enum FigureBasis { Reported, Estimated }

/// <summary>A line of a pledge or a delivery: how many of what, in which unit ("systems", "rounds", "vehicles", "EUR").</summary>
public sealed record ItemLine(string Item, decimal Quantity, string Unit);

/// <summary>A pledge's id: donor, a dash, and a readable key, e.g. "DEU-iris-t-slm-2022-06".</summary>
public readonly record struct PledgeId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A fact in a pledge's stream.</summary>
public interface IPledgeEvent;

/// <summary>A donor announced assistance to a recipient.</summary>
public sealed record PledgeAnnounced(PledgeId Id, MemberCode Donor, MemberCode Recipient, LocalDate Announced, AssistanceCategory Category,
    IReadOnlyList<ItemLine> Items, Money? Value, LocalDate? PromisedBy, string? Source, FigureBasis Basis, string? Note) : IPledgeEvent;

/// <summary>The pledge moved up the ladder on a date (committed, allocated, contracted, in transit).</summary>
public sealed record PledgeAdvanced(PledgeStatus Status, LocalDate On, string? Source, string? Note) : IPledgeEvent;

/// <summary>Part or all of a pledge was delivered on a date.</summary>
public sealed record DeliveryRecorded(LocalDate On, IReadOnlyList<ItemLine> Items, Money? Value, string? Source, FigureBasis Basis, string? Note) : IPledgeEvent;

/// <summary>The pledge was amended: new items, value or promised date (a correction is a new event, never an edit).</summary>
public sealed record PledgeAmended(LocalDate On, IReadOnlyList<ItemLine>? Items, Money? Value, LocalDate? PromisedBy, string? Source, string? Note) : IPledgeEvent;

/// <summary>The pledge was cancelled (or replaced) on a date; what was delivered stays delivered.</summary>
public sealed record PledgeCancelled(LocalDate On, string? Reason, string? Source) : IPledgeEvent;

/// <summary>A dated event on the assistance timeline that explains delays, e.g. the US supplemental funding gap of 2023-24.</summary>
public sealed record FundingEventRecorded(LocalDate On, MemberCode Donor, string Event, decimal? AmountUsdBn, string? Vote, string? Source) : IPledgeEvent;
