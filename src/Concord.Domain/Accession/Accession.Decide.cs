using Concord.Domain.Members;
using NodaTime;

namespace Concord.Domain.Accession;

public sealed partial record Accession
{
    /// <summary>Starts following a candidate; refused when it is already followed or already an Ally.</summary>
    public static Decided<IAccessionEvent> Open(Accession? existing, MemberCode candidate, string name, Body nato)
    {
        if (existing is not null) return Refusal.Conflict($"The accession of {existing.Name} ({candidate}) is already followed.");
        return Decided<IAccessionEvent>.Accept(new AccessionOpened(candidate, name));
    }

    /// <summary>
    /// Records a step. Refused when a step it requires is missing (naming it), when its date is in the future or
    /// before the step it follows, or when it contradicts the Parties or the protocol's state on that date.
    /// Recording an identical step again is accepted and stores nothing; a different date is a correction.
    /// </summary>
    public Decided<IAccessionEvent> Decide(AccessionStepRecorded step, Body nato, LocalDate today)
    {
        if (step.Date.Latest > today) return Refusal.Unprocessable($"{step.Date} is in the future; Concord records what has happened.", "date");
        if (IsAlreadyRecorded(step)) return Decided<IAccessionEvent>.Accept();
        var refusal = step switch
        {
            MembershipApplied => null,
            MembershipActionPlanRecorded or InvitationDecisionLinked or InvitationExtended => NotBefore(step, AccessionStep.Application, "the application"),
            AccessionTalksCompleted or ProtocolSigned or CandidateApprovedTreaty => Requires(step, AccessionStep.Invitation, "the political invitation"),
            RatificationStageRecorded r => CheckStage(r, nato),
            RatificationWithdrawn w => CheckWithdrawal(w, nato),
            InvitationToAccedeSent or InstrumentOfAccessionDeposited => RequiresInForce(step, nato),
            _ => null,
        };
        refusal ??= step is RatificationStageRecorded or RatificationWithdrawn ? KeepsLaterSteps(step, nato) : null;
        return refusal ?? Decided<IAccessionEvent>.Accept(step);
    }

    private bool IsAlreadyRecorded(AccessionStepRecorded step) => step switch
    {
        RatificationStageRecorded r => TrackOf(r.Party).Stages.GetValueOrDefault(r.Stage) is { } s
            && s == new StageRecord(r.Stage, r.Date, r.Source, r.Confidence, r.Note),
        RatificationWithdrawn w => TrackOf(w.Party).Withdrawn == w.Date,
        _ => Steps.GetValueOrDefault(StepOf(step)) == step,
    };

    private Refusal? Requires(AccessionStepRecorded step, AccessionStep required, string words) =>
        Steps.GetValueOrDefault(required) is { } before
            ? (step.Date.Latest < before.Date.Latest ? Refusal.Unprocessable($"{step.Date} is before {words} ({before.Date}).", "date") : null)
            : Refusal.Unprocessable($"Missing step: {words} of {Name} has not been recorded.", "step");

    private Refusal? NotBefore(AccessionStepRecorded step, AccessionStep earlier, string words) =>
        Steps.GetValueOrDefault(earlier) is { } before && step.Date.Latest < before.Date.Latest
            ? Refusal.Unprocessable($"{step.Date} is before {words} ({before.Date}).", "date")
            : null;

    private Refusal? CheckStage(RatificationStageRecorded r, Body nato)
    {
        if (Requires(r, AccessionStep.ProtocolSigned, "the signature of the accession protocol") is { } missing) return missing;
        if (CheckParty(r.Party, r.Date.Latest, nato) is { } notParty) return notParty;
        var track = TrackOf(r.Party);
        if (r.Stage == RatificationStage.Deposit && track.Approval is { Date.IsExact: true } approval && approval.Date.Latest > r.Date.Latest)
            return Refusal.Unprocessable($"{PartyName(nato, r.Party)} cannot deposit on {r.Date} before its national approval ({approval.Stage}, {approval.Date}).", "date");
        if (r.Stage.IsApproval() && r.Date.IsExact && track.Deposit is { } deposit && deposit.Date.Latest < r.Date.Latest)
            return Refusal.Unprocessable($"{PartyName(nato, r.Party)} deposited on {deposit.Date}, before this approval on {r.Date}; the deposit requires the approval first.", "date");
        return null;
    }

    private Refusal? CheckWithdrawal(RatificationWithdrawn w, Body nato)
    {
        if (Requires(w, AccessionStep.ProtocolSigned, "the signature of the accession protocol") is { } missing) return missing;
        if (CheckParty(w.Party, w.Date.Latest, nato) is { } notParty) return notParty;
        if (EntryIntoForce(nato, w.Date.Latest) is { } inForce)
            return Refusal.Conflict($"The protocol has been in force since {inForce}; a ratification can no longer be withdrawn.");
        return TrackOf(w.Party).Ratified is null ? Refusal.Unprocessable($"{PartyName(nato, w.Party)} has no ratification to withdraw.", "party") : null;
    }

    private Refusal? CheckParty(MemberCode party, LocalDate date, Body nato)
    {
        if (party == Candidate) return Refusal.Unprocessable($"{Name} is the candidate, not a Party to its own protocol.", "party");
        if (nato.Find(party) is not { } seat) return Refusal.NotFound($"'{party}' is not an Ally.");
        return seat.IsEligibleOn(date) ? null
            : Refusal.Unprocessable($"{seat.Name} was not yet a Party on {date:yyyy-MM-dd}; it joined on {seat.Since:yyyy-MM-dd}.", "party");
    }

    private Refusal? RequiresInForce(AccessionStepRecorded step, Body nato)
    {
        if (Requires(step, AccessionStep.ProtocolSigned, "the signature of the accession protocol") is { } missing) return missing;
        if (EntryIntoForce(nato, step.Date.Latest) is not null) return null;
        var pending = PartiesOn(nato, step.Date.Latest).Where(p => !(TrackOf(p.Member).Deposit?.Date.HappenedBy(step.Date.Latest) ?? false)).Select(p => p.Name);
        return Refusal.Unprocessable($"Missing step: the protocol is not in force on {step.Date}; not yet deposited: {string.Join(", ", pending)}.", "date");
    }

    private Refusal? KeepsLaterSteps(AccessionStepRecorded step, Body nato)
    {
        var after = Evolve(this, step)!;
        var later = new AccessionStepRecorded?[] { Step<InvitationToAccedeSent>(AccessionStep.InvitationToAccede), Membership }.OfType<AccessionStepRecorded>();
        return later.FirstOrDefault(s => after.EntryIntoForce(nato, s.Date.Latest) is null) is { } undone
            ? Refusal.Conflict($"The protocol was in force on {undone.Date} ({StepOf(undone)}); this record would leave it out of force then.")
            : null;
    }

    private static string PartyName(Body nato, MemberCode party) => nato.Find(party)?.Name ?? party.Value;
}
