using Concord.Domain.Members;
using NodaTime;

namespace Concord.Domain.Accession;

/// <summary>
/// What the evidence says of one Party's ratification at the end of a date. Unknown is not pending: a Party is pending only
/// when the sources show it was not yet done then; otherwise, without a ratification dated by then, it is not known.
/// </summary>
public enum RatificationState
{
    /// <summary>Ratified on a known day, on or before the date.</summary>
    Ratified,
    /// <summary>Ratified, known only within a window that ends on or before the date ("on or before", between two days, a month).</summary>
    RatifiedByBound,
    /// <summary>
    /// Not known either way, but dated: its ratification falls within a window closed at both ends (between two days, a
    /// month) that the date falls inside, so it may or may not have happened by then. Counted as not known, never as pending.
    /// </summary>
    InWindow,
    /// <summary>
    /// Known not done by the date: its ratification (or a vote or signature of its procedure) is dated after it, as a day or a
    /// window that begins after it ("on or after"), or it withdrew and has not renewed.
    /// </summary>
    Pending,
    /// <summary>The sources date no ratification by the date, nor any act of its procedure after it, nor a window around it.</summary>
    NotKnown,
}

/// <summary>
/// One Party's row in the ratification table, as of a date. <paramref name="Ratified"/> and <paramref name="Deposited"/> are
/// what had certainly happened by then; <paramref name="Window"/> is the window its ratification is dated in when the date
/// falls inside it (<see cref="RatificationState.InWindow"/>). <paramref name="DaysToRatify"/> counts exact days only.
/// </summary>
public sealed record PartyStatus(
    MemberCode Party,
    string Name,
    IReadOnlyList<StageRecord> Stages,
    DateWindow? Ratified,
    DateWindow? Deposited,
    int? DaysToRatify,
    RatificationState State,
    RatificationProcedure Procedure,
    DateWindow? Window = null)
{
    /// <summary>Known not to have ratified by the date.</summary>
    public bool Pending => State == RatificationState.Pending;

    /// <summary>Neither known to have ratified by the date nor known not to have (not known, or within a window around it).</summary>
    public bool NotKnown => State is RatificationState.NotKnown or RatificationState.InWindow;
}

/// <summary>
/// One of the last Parties to ratify, and how many days after the Party before it (<see cref="After"/>, null for the first
/// ratification of all). For the last ratifier these are the days it alone held up completion; for those before it, the
/// gap to the one before them, while later ones were still outstanding too. <see cref="DelayDays"/> is null (and
/// <see cref="After"/> with it) for a last ratifier a source names where the dates cannot say how long it came after the others.
/// </summary>
public sealed record Holdout(MemberCode Party, string Name, DateWindow Ratified, int? DelayDays, string? After = null);

/// <summary>
/// Days from signature to ratification over the Parties that had ratified on an exact day: a ratification known only within
/// a window is left out, never counted as a day.
/// </summary>
public sealed record RatificationSpread(int Count, double? MedianDays, int? MinDays, int? MaxDays, int Within30, int Within90, int Within180);

/// <summary>Where an accession stands on a date, with the analytics a ratification tracker shows.</summary>
public sealed record AccessionStatus(
    MemberCode Candidate,
    string Name,
    LocalDate AsOf,
    string Stage,
    DateWindow? ProtocolSigned,
    IReadOnlyList<PartyStatus> Parties,
    int RatifiedCount,
    IReadOnlyList<MemberCode> Pending,
    int? DaysPending,
    IReadOnlyList<MemberCode> NotKnown,
    DateWindow? EnteredIntoForce,
    DateWindow? MemberSince,
    MemberCode? LastRatifier,
    RatificationSpread Spread,
    IReadOnlyList<Holdout> CriticalPath,
    string Summary,
    string NextStep);
