using NodaTime;

namespace Concord.Domain.Members;

/// <summary>
/// A decision-making body (the North Atlantic Council, the EU Council, the UN Security Council...) and the
/// seats it has ever had. Membership is date-effective: <see cref="EligibleOn"/> gives the seats on a date.
/// </summary>
public sealed record Body(string Code, string Name, IReadOnlyList<Seat> Seats)
{
    /// <summary>The code of the default body: NATO's North Atlantic Council.</summary>
    public const string Nato = "NATO";

    public IReadOnlyList<Seat> EligibleOn(LocalDate date) =>
        Seats.Where(s => s.IsEligibleOn(date)).OrderBy(s => s.Member.Value, StringComparer.Ordinal).ToList();

    public Seat? Find(MemberCode member) => Seats.LastOrDefault(s => s.Member == member);
}
