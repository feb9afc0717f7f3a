using System.Collections.Immutable;
using Concord.Domain.Members;
using NodaTime;

namespace Concord.Domain.Accession;

/// <summary>A stage as recorded, with where it is known from.</summary>
public sealed record StageRecord(RatificationStage Stage, DateWindow Date, string? Source, string? Confidence, string? Note);

/// <summary>
/// One Party's ratification track: the latest record of each stage. A withdrawal clears the deposit: the Party
/// must deposit again.
/// </summary>
public sealed record RatificationTrack(MemberCode Party, ImmutableDictionary<RatificationStage, StageRecord> Stages, DateWindow? Withdrawn)
{
    public static RatificationTrack Empty(MemberCode party) => new(party, ImmutableDictionary<RatificationStage, StageRecord>.Empty, null);

    public StageRecord? Deposit => Stages.GetValueOrDefault(RatificationStage.Deposit);

    /// <summary>The national approval: the latest-dated stage before the deposit (a vote, a signature, publication).</summary>
    public StageRecord? Approval => Stages.Values.Where(s => s.Stage.IsApproval()).MaxBy(s => s.Date.Latest ?? LocalDate.MaxIsoValue);

    /// <summary>
    /// When the Party's ratification was complete: the last of its national approvals (a window when any is one: no
    /// earlier than the latest first day, no later than the latest last day), or failing one its deposit.
    /// </summary>
    public DateWindow? Ratified => IsWithdrawnAndNotRenewed ? null
        : DateWindow.LastOf(Stages.Values.Where(s => s.Stage.IsApproval()).Select(s => s.Date)) ?? Deposit?.Date;

    /// <summary>
    /// A withdrawn ratification counts again only once the Party approves anew (after the withdrawal) or deposits again.
    /// </summary>
    public bool IsWithdrawnAndNotRenewed =>
        Withdrawn is { } withdrawn && Deposit is null && !(Approval?.Date.Placed > withdrawn.Placed);
}

/// <summary>A candidate's path to membership, folded from its stream. Pure state; see Evaluate for where it stands.</summary>
public sealed partial record Accession(
    MemberCode Candidate,
    string Name,
    ImmutableDictionary<AccessionStep, AccessionStepRecorded> Steps,
    ImmutableDictionary<MemberCode, RatificationTrack> Tracks)
{
    public T? Step<T>(AccessionStep step) where T : AccessionStepRecorded => Steps.GetValueOrDefault(step) as T;

    public ProtocolSigned? Protocol => Step<ProtocolSigned>(AccessionStep.ProtocolSigned);

    public InstrumentOfAccessionDeposited? Membership => Step<InstrumentOfAccessionDeposited>(AccessionStep.AccessionDeposited);

    public RatificationTrack TrackOf(MemberCode party) => Tracks.GetValueOrDefault(party) ?? RatificationTrack.Empty(party);
}
