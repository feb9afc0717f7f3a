using Concord.Domain.Members;
using NodaTime;

namespace Concord.Domain.Accession;

/// <summary>
/// What the evidence says of one Party's ratification on a date. Unknown is not pending: a Party with no act dated by
/// then is pending only when an act of its procedure is dated after that day; otherwise it is not known.
/// </summary>
public enum RatificationState
{
    /// <summary>Ratified on a known day, on or before the date.</summary>
    Ratified,
    /// <summary>Ratified, known only by a bound ("on or before") that falls on or before the date.</summary>
    RatifiedByBound,
    /// <summary>Not yet ratified: an act of its ratification (a vote, a signature) is dated after the date.</summary>
    Pending,
    /// <summary>The sources date no ratification by the date, nor any act of its procedure after it.</summary>
    NotKnown,
}

/// <summary>One Party's row in the ratification table, as of a date.</summary>
public sealed record PartyStatus(
    MemberCode Party,
    string Name,
    IReadOnlyList<StageRecord> Stages,
    DateBound? Ratified,
    DateBound? Deposited,
    int? DaysToRatify,
    RatificationState State,
    RatificationProcedure Procedure)
{
    /// <summary>Known not to have ratified by the date.</summary>
    public bool Pending => State == RatificationState.Pending;

    /// <summary>Neither known to have ratified by the date nor known not to have.</summary>
    public bool NotKnown => State == RatificationState.NotKnown;
}

/// <summary>
/// One of the last Parties to ratify, and how many days after the Party before it (<see cref="After"/>, null for the first
/// ratification of all). For the last ratifier these are the days it alone held up completion; for those before it, the
/// gap to the one before them, while later ones were still outstanding too.
/// </summary>
public sealed record Holdout(MemberCode Party, string Name, DateBound Ratified, int DelayDays, string? After = null);

/// <summary>Days from signature to ratification over the Parties that had ratified (exact dates only).</summary>
public sealed record RatificationSpread(int Count, double? MedianDays, int? MinDays, int? MaxDays, int Within30, int Within90, int Within180);

/// <summary>Where an accession stands on a date, with the analytics a ratification tracker shows.</summary>
public sealed record AccessionStatus(
    MemberCode Candidate,
    string Name,
    LocalDate AsOf,
    string Stage,
    DateBound? ProtocolSigned,
    IReadOnlyList<PartyStatus> Parties,
    int RatifiedCount,
    IReadOnlyList<MemberCode> Pending,
    int? DaysPending,
    IReadOnlyList<MemberCode> NotKnown,
    DateBound? EnteredIntoForce,
    DateBound? MemberSince,
    MemberCode? LastRatifier,
    RatificationSpread Spread,
    IReadOnlyList<Holdout> CriticalPath,
    string Summary,
    string NextStep);
