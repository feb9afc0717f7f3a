using Concord.Domain.Members;

namespace Concord.Domain.Accession;

/// <summary>A fact in a candidate's accession stream.</summary>
public interface IAccessionEvent;

/// <summary>Concord started following a candidate's path to membership.</summary>
public sealed record AccessionOpened(MemberCode Candidate, string Name) : IAccessionEvent;

/// <summary>
/// A step on the candidate's path to membership (docs/data-formats.md): when it happened (possibly only bounded), and where that is known from.
/// The concrete record names the step.
/// </summary>
public abstract record AccessionStepRecorded(DateWindow Date, string? Source, string? Confidence, string? Note) : IAccessionEvent
{
    /// <summary>
    /// True when this record corrects the date of the record of the same step (or the same stage of the same Party)
    /// before it: it supersedes that record, which stays in the log. Null for a first record (absent from its payload).
    /// </summary>
    public bool? Corrects { get; init; }
}

/// <summary>The candidate applied (its letter to the Secretary General).</summary>
public sealed record MembershipApplied(DateWindow Date, string? Signatories, string? Source, string? Confidence, string? Note)
    : AccessionStepRecorded(Date, Source, Confidence, Note);

/// <summary>
/// The Alliance declared something about the candidate's path, or met with it: a summit declaration or communiqué
/// ("will become members", "an irreversible path"), a council meeting with the candidate. It takes no step of the path
/// and needs none before it (Bucharest 2008 came before Ukraine applied); several are kept, each in its place on the
/// timeline, and none corrects another.
/// </summary>
public sealed record AllianceDeclared(string? Summit, DateWindow Date, string? Source, string? Confidence, string? Note)
    : AccessionStepRecorded(Date, Source, Confidence, Note);

/// <summary>The candidate was granted a Membership Action Plan, or the requirement was waived.</summary>
public sealed record MembershipActionPlanRecorded(bool Waived, DateWindow Date, string? Source, string? Confidence, string? Note)
    : AccessionStepRecorded(Date, Source, Confidence, Note);

/// <summary>The political invitation is put to a consensus decision of the Council (usually due at a summit).</summary>
public sealed record InvitationDecisionLinked(string Decision, DateWindow Date, string? Source, string? Confidence, string? Note)
    : AccessionStepRecorded(Date, Source, Confidence, Note);

/// <summary>The Allies invited the candidate to accession talks (the political invitation, by consensus).</summary>
public sealed record InvitationExtended(string? Summit, DateWindow Date, string? Source, string? Confidence, string? Note)
    : AccessionStepRecorded(Date, Source, Confidence, Note);

/// <summary>Accession talks were completed.</summary>
public sealed record AccessionTalksCompleted(DateWindow Date, string? Source, string? Confidence, string? Note)
    : AccessionStepRecorded(Date, Source, Confidence, Note);

/// <summary>The Allies signed the accession protocol; from then on every Party must ratify it.</summary>
public sealed record ProtocolSigned(DateWindow Date, string? Source, string? Confidence, string? Note)
    : AccessionStepRecorded(Date, Source, Confidence, Note);

/// <summary>One stage of one Party's national ratification (a vote, a signature, the deposit).</summary>
public sealed record RatificationStageRecorded(MemberCode Party, RatificationStage Stage, DateWindow Date, string? Source, string? Confidence, string? Note)
    : AccessionStepRecorded(Date, Source, Confidence, Note);

/// <summary>A Party withdrew or suspended its ratification; it must ratify (deposit) again.</summary>
public sealed record RatificationWithdrawn(MemberCode Party, DateWindow Date, string? Source, string? Confidence, string? Note)
    : AccessionStepRecorded(Date, Source, Confidence, Note);

/// <summary>
/// A source names <paramref name="Party"/> as the last Party to ratify: its deposit, on <paramref name="Date"/> (possibly
/// only a window), was the last of all, so every other Party of that day had deposited by then. Recorded, it names the last
/// ratifier whatever the other dates can prove, and it must agree with them.
/// </summary>
public sealed record LastRatificationDeposited(MemberCode Party, DateWindow Date, string? Source, string? Confidence, string? Note)
    : AccessionStepRecorded(Date, Source, Confidence, Note);

/// <summary>
/// The protocol's entry into force as a source states it (the depositary's notice): recorded, it wins over the day Concord
/// computes from the deposits, which must agree with it.
/// </summary>
public sealed record ProtocolEnteredIntoForce(DateWindow Date, string? Source, string? Confidence, string? Note)
    : AccessionStepRecorded(Date, Source, Confidence, Note);

/// <summary>The Secretary General's formal invitation to accede, sent once the protocol is in force.</summary>
public sealed record InvitationToAccedeSent(DateWindow Date, string? Source, string? Confidence, string? Note)
    : AccessionStepRecorded(Date, Source, Confidence, Note);

/// <summary>The candidate approved the Washington Treaty under its own procedure.</summary>
public sealed record CandidateApprovedTreaty(DateWindow Date, string? Source, string? Confidence, string? Note)
    : AccessionStepRecorded(Date, Source, Confidence, Note);

/// <summary>The candidate deposited its instrument of accession with the US Government: it is an Ally from that date.</summary>
public sealed record InstrumentOfAccessionDeposited(DateWindow Date, string? Source, string? Confidence, string? Note)
    : AccessionStepRecorded(Date, Source, Confidence, Note);

/// <summary>Which step an event records (or a command asks to record), for tables and imports.</summary>
public enum AccessionStep
{
    Application,
    /// <summary>An Alliance declaration or meeting about the candidate's path (<see cref="AllianceDeclared"/>).</summary>
    Declaration,
    MembershipActionPlan,
    MapWaived,
    InvitationDecision,
    Invitation,
    AccessionTalks,
    ProtocolSigned,
    Ratification,
    RatificationWithdrawn,
    LastRatification,
    ProtocolInForce,
    InvitationToAccede,
    CandidateApproval,
    AccessionDeposited,
}
