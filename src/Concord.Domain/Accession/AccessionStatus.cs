using Concord.Domain.Members;
using NodaTime;

namespace Concord.Domain.Accession;

/// <summary>One Party's row in the ratification table, as of a date.</summary>
public sealed record PartyStatus(
    MemberCode Party,
    string Name,
    IReadOnlyList<StageRecord> Stages,
    DateBound? Ratified,
    DateBound? Deposited,
    int? DaysToRatify,
    bool Pending,
    RatificationProcedure Procedure);

/// <summary>A Party whose ratification came last, and by how many days it alone held up completion.</summary>
public sealed record Holdout(MemberCode Party, string Name, DateBound Ratified, int DelayDays);

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
    DateBound? EnteredIntoForce,
    DateBound? MemberSince,
    MemberCode? LastRatifier,
    RatificationSpread Spread,
    IReadOnlyList<Holdout> CriticalPath,
    string Summary,
    string NextStep);
