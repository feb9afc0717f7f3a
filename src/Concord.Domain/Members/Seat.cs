using NodaTime;

namespace Concord.Domain.Members;

/// <summary>
/// A member's seat in a body: from its accession date (inclusive) until it leaves (exclusive, if ever),
/// with the weights some rules need (population for EU QMV, permanence for the UN Security Council).
/// </summary>
public sealed record Seat(
    MemberCode Member,
    string Name,
    LocalDate Since,
    LocalDate? Until = null,
    long Population = 0,
    bool Permanent = false)
{
    /// <summary>True when the member sits in the body on <paramref name="date"/> (accession date inclusive).</summary>
    public bool IsEligibleOn(LocalDate date) => Since <= date && (Until is null || date < Until.Value);
}
