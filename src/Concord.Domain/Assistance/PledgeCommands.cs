using Concord.Domain.Members;
using NodaTime;

namespace Concord.Domain.Assistance;

/// <summary>
/// A request to record something that happened to a pledge, on the date it carries. <see cref="Pledge.Decide"/> answers
/// with the event that records it, or a refusal.
/// </summary>
public interface IPledgeCommand;

/// <summary>Record that a donor announced assistance to a recipient: a new pledge.</summary>
public sealed record AnnouncePledgeCommand(PledgeId Id, MemberCode Donor, MemberCode Recipient, LocalDate Announced, AssistanceCategory Category,
    IReadOnlyList<ItemLine> Items, Money? Value, LocalDate? PromisedBy, string? Source, FigureBasis Basis, string? Note,
    IReadOnlyList<MemberCode>? CoDonors = null, IReadOnlyList<UndisclosedItem>? Undisclosed = null, DateWindow? AnnouncedWindow = null,
    bool AnnouncementUndated = false, DateWindow? Promised = null, Confidence? Confidence = null) : IPledgeCommand;

/// <summary>Record that the pledge moved up the ladder on a date (committed, allocated, contracted, in transit).</summary>
public sealed record AdvancePledgeCommand(PledgeStatus Status, LocalDate On, string? Source, string? Note) : IPledgeCommand;

/// <summary>Record that part or all of the pledge was delivered on a date.</summary>
public sealed record RecordDeliveryCommand(LocalDate On, IReadOnlyList<ItemLine> Items, Money? Value, string? Source, FigureBasis Basis, string? Note,
    DateWindow? Window = null, DeliveryExtent Extent = DeliveryExtent.Items, Confidence? Confidence = null) : IPledgeCommand;

/// <summary>Record that the pledge was amended on a date: new items (the whole list), value or promised date.</summary>
public sealed record AmendPledgeCommand(LocalDate On, IReadOnlyList<ItemLine>? Items, Money? Value, LocalDate? PromisedBy, string? Source, string? Note,
    DateWindow? Promised = null, Confidence? Confidence = null) : IPledgeCommand;

/// <summary>Record that the pledge was cancelled (or replaced) on a date.</summary>
public sealed record CancelPledgeCommand(LocalDate On, string? Reason, string? Source) : IPledgeCommand;
