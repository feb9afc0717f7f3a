using Concord.Domain.Members;
using NodaTime;

namespace Concord.Domain.Accession;

public sealed partial record Accession
{
    /// <summary>Starts following a candidate; refused when it is already followed.</summary>
    public static Decided<IAccessionEvent> Decide(Accession? state, OpenAccessionCommand command)
    {
        if (state is not null) return Refusal.Conflict($"The accession of {state.Name} ({command.Candidate}) is already followed.");
        return Decided<IAccessionEvent>.Accept(new AccessionOpened(command.Candidate, command.Name));
    }

    /// <summary>
    /// Records that a step happened. Refused when the command lacks what its step needs (a ratification's Party and
    /// stage, a withdrawal's Party, an invitation decision's id), when a step it requires is missing (naming it), when its
    /// date is in the future or before the step it follows, when a ratification stage is out of the order of the Party's
    /// procedure (<paramref name="procedures"/>: each Party's, when configured), or when it contradicts the Parties or the
    /// protocol's state on that date. Recording an identical step again is accepted and stores nothing; a different date
    /// for a step (or a Party's stage) already recorded is refused unless the command says it corrects it
    /// (<see cref="RecordAccessionStepCommand.Corrects"/>), with its own source: it is then checked as if the record it
    /// corrects were not there, and recorded as a new fact that supersedes it.
    /// </summary>
    public Decided<IAccessionEvent> Decide(RecordAccessionStepCommand command, Body nato, LocalDate today,
        IReadOnlyDictionary<MemberCode, RatificationProcedure>? procedures = null)
    {
        if (Incomplete(command) is { } incomplete) return incomplete;
        var step = RecordOf(command)!;
        if (InTheFuture(step.Date, today) is { } future) return future;
        if (IsAlreadyRecorded(step)) return Decided<IAccessionEvent>.Accept();
        if (step is InstrumentOfAccessionDeposited && step.Date.Qualifier is not (DateQualifier.On or DateQualifier.OnOrBefore))
            return Refusal.Unprocessable($"Membership starts on the day of the deposit, and the seat needs a day: {step.Date} is none (give the day, or the day it came by, on or before).", "dateQualifier");
        // A second membership is the refusal to give, whether or not the deposit is marked as a correction.
        if (step is InstrumentOfAccessionDeposited deposit && SecondMembership(deposit, nato) is { } second) return second;
        if (CheckCorrection(step, command.Corrects) is { } correction) return correction;
        var basis = command.Corrects ? WithoutRecordOf(step) : this;
        return basis.Check(step, nato, procedures?.GetValueOrDefault((step as RatificationStageRecorded)?.Party ?? Candidate)) ?? Decided<IAccessionEvent>.Accept(step);
    }

    private Refusal? Check(AccessionStepRecorded step, Body nato, RatificationProcedure? procedure)
    {
        var refusal = step switch
        {
            MembershipApplied => null,
            MembershipActionPlanRecorded or InvitationDecisionLinked or InvitationExtended => NotBefore(step, AccessionStep.Application, "the application"),
            AccessionTalksCompleted or ProtocolSigned or CandidateApprovedTreaty => Requires(step, AccessionStep.Invitation, "the political invitation"),
            RatificationStageRecorded r => CheckStage(r, nato) ?? CheckOrder(r, procedure, nato),
            RatificationWithdrawn w => CheckWithdrawal(w, nato),
            LastRatificationDeposited l => CheckLast(l, nato),
            InvitationToAccedeSent or InstrumentOfAccessionDeposited => RequiresInForce(step, nato),
            ProtocolEnteredIntoForce f => CheckInForce(f, nato),
            _ => null,
        };
        return refusal ?? (step is RatificationStageRecorded or RatificationWithdrawn ? KeepsLaterSteps(step, nato) : null);
    }

    /// <summary>
    /// The event that records the step <paramref name="command"/> says happened, named for the step; null when the command
    /// lacks what that step needs (<see cref="Decide(RecordAccessionStepCommand, Body, LocalDate, IReadOnlyDictionary{MemberCode, RatificationProcedure})"/> says what).
    /// </summary>
    public static AccessionStepRecorded? RecordOf(RecordAccessionStepCommand command)
    {
        var (date, source, confidence, note) = (command.Date, command.Source, command.Confidence, command.Note);
        AccessionStepRecorded? recorded = command.Step switch
        {
            AccessionStep.Application => new MembershipApplied(date, command.Signatories, source, confidence, note),
            AccessionStep.Declaration => new AllianceDeclared(command.Summit, date, source, confidence, note),
            AccessionStep.MembershipActionPlan => new MembershipActionPlanRecorded(false, date, source, confidence, note),
            AccessionStep.MapWaived => new MembershipActionPlanRecorded(true, date, source, confidence, note),
            AccessionStep.InvitationDecision when !string.IsNullOrWhiteSpace(command.Decision) => new InvitationDecisionLinked(command.Decision, date, source, confidence, note),
            AccessionStep.Invitation => new InvitationExtended(command.Summit, date, source, confidence, note),
            AccessionStep.AccessionTalks => new AccessionTalksCompleted(date, source, confidence, note),
            AccessionStep.ProtocolSigned => new ProtocolSigned(date, source, confidence, note),
            AccessionStep.Ratification when command is { Party: { } party, Stage: { } stage } => new RatificationStageRecorded(party, stage, date, source, confidence, note),
            AccessionStep.RatificationWithdrawn when command.Party is { } party => new RatificationWithdrawn(party, date, source, confidence, note),
            AccessionStep.LastRatification when command.Party is { } party => new LastRatificationDeposited(party, date, source, confidence, note),
            AccessionStep.ProtocolInForce => new ProtocolEnteredIntoForce(date, source, confidence, note),
            AccessionStep.InvitationToAccede => new InvitationToAccedeSent(date, source, confidence, note),
            AccessionStep.CandidateApproval => new CandidateApprovedTreaty(date, source, confidence, note),
            AccessionStep.AccessionDeposited => new InstrumentOfAccessionDeposited(date, source, confidence, note),
            _ => null,
        };
        return command.Corrects && recorded is not null ? recorded with { Corrects = true } : recorded;
    }

    /// <summary>Why <paramref name="command"/> cannot name an event: the step's own data it lacks; null when complete.</summary>
    private static Refusal? Incomplete(RecordAccessionStepCommand command) => command switch
    {
        { Step: AccessionStep.InvitationDecision, Decision: var d } when string.IsNullOrWhiteSpace(d) =>
            Refusal.Invalid("decision", "'decision' must name a decision id, e.g. invite-ukraine-washington-2024."),
        { Step: AccessionStep.Ratification or AccessionStep.RatificationWithdrawn or AccessionStep.LastRatification, Party: null } => Refusal.Invalid("party", "'party' is required."),
        { Step: AccessionStep.Ratification, Stage: null } => Refusal.Invalid("stage", "'stage' is required."),
        _ when RecordOf(command) is null => Refusal.Invalid("step", $"{command.Step} is not a step of an accession."),
        _ => null,
    };

    private bool IsAlreadyRecorded(AccessionStepRecorded step) => step switch
    {
        RatificationStageRecorded r => TrackOf(r.Party).Stages.GetValueOrDefault(r.Stage) is { } s
            && s == new StageRecord(r.Stage, r.Date, r.Source, r.Confidence, r.Note),
        RatificationWithdrawn w => TrackOf(w.Party).Withdrawn == w.Date,
        // Whether it was recorded as a correction or as the first record, the same step on the same date is the same fact.
        _ => Steps.GetValueOrDefault(StepOf(step)) is { } recorded && recorded with { Corrects = null } == step with { Corrects = null },
    };

    /// <summary>
    /// A step dated in the future is refused: one certainly after today, or a window that ends after today (what has
    /// happened, happened by today).
    /// </summary>
    private static Refusal? InTheFuture(DateWindow date, LocalDate today) =>
        date.CertainlyNotBy(today) || date.Earliest is null && date.Latest > today ? Refusal.Unprocessable($"{date} is in the future; Concord records what has happened.", "date")
        : date.Latest > today ? Refusal.Unprocessable($"{date} ends after today ({today:yyyy-MM-dd}); Concord records what has happened, so a window ends by today.", "date")
        : null;

    // A step contradicts the one it follows only when it is certainly before it: a window that overlaps it could be either.
    private Refusal? Requires(AccessionStepRecorded step, AccessionStep required, string words) =>
        Steps.GetValueOrDefault(required) is { } before
            ? (step.Date.IsBefore(before.Date) ? Refusal.Unprocessable($"{step.Date} is before {words} ({before.Date}).", "date") : null)
            : Refusal.Unprocessable($"Missing step: {words} of {Name} has not been recorded.", "step");

    private Refusal? NotBefore(AccessionStepRecorded step, AccessionStep earlier, string words) =>
        Steps.GetValueOrDefault(earlier) is { } before && step.Date.IsBefore(before.Date)
            ? Refusal.Unprocessable($"{step.Date} is before {words} ({before.Date}).", "date")
            : null;

    private Refusal? CheckStage(RatificationStageRecorded r, Body nato)
    {
        if (Requires(r, AccessionStep.ProtocolSigned, "the signature of the accession protocol") is { } missing) return missing;
        if (CheckParty(r.Party, r.Date.Placed, nato) is { } notParty) return notParty;
        var track = TrackOf(r.Party);
        if (r.Stage == RatificationStage.Deposit && track.Stages.Values.FirstOrDefault(s => s.Stage.IsApproval() && r.Date.IsBefore(s.Date)) is { } approval)
            return Refusal.Unprocessable($"{PartyName(nato, r.Party)} cannot deposit {r.Date.ToPhrase()} before its national approval ({approval.Stage}, {approval.Date}).", "date");
        if (r.Stage.IsApproval() && track.Deposit is { } deposit && deposit.Date.IsBefore(r.Date))
            return Refusal.Unprocessable($"{PartyName(nato, r.Party)} deposited {deposit.Date.ToPhrase()}, before this approval {r.Date.ToPhrase()}; the deposit requires the approval first.", "date");
        var act = r.Stage == RatificationStage.Deposit ? "deposit" : "approve it";
        if (RecordedInForce is { } inForce && r.Stage != RatificationStage.Committee && inForce.Date.IsBefore(r.Date)
            && CheckParty(r.Party, inForce.Date.Placed, nato) is null)
            return Refusal.Unprocessable($"The protocol is recorded in force {inForce.Date.ToPhrase()}, when every Party had deposited: {PartyName(nato, r.Party)} cannot {act} {r.Date.ToPhrase()}, after that.", "date");
        return RecordedLast is { } named && r.Stage != RatificationStage.Committee ? AfterTheLast(r, named, act, nato) : null;
    }

    /// <summary>
    /// A recorded entry into force must agree with the deposits: after the signature, a day on which every Party of the day
    /// could have deposited (none with a deposit or an approval dated after it), and no later than a day the deposits
    /// already bring it into force.
    /// </summary>
    private Refusal? CheckInForce(ProtocolEnteredIntoForce f, Body nato)
    {
        if (Requires(f, AccessionStep.ProtocolSigned, "the signature of the accession protocol") is { } missing) return missing;
        var day = f.Date.Placed;
        foreach (var party in PartiesOn(nato, day))
        {
            var track = TrackOf(party.Member);
            var late = track.Deposit is { } d && f.Date.IsBefore(d.Date) ? d
                : track.Stages.Values.Where(s => s.Stage.IsApproval() && f.Date.IsBefore(s.Date)).MaxBy(s => s.Date.Placed);
            if (late is not null)
                return Refusal.Unprocessable($"{party.Name}'s {(late.Stage == RatificationStage.Deposit ? "deposit" : "approval")} is recorded {late.Date.ToPhrase()}, after {f.Date}: the protocol cannot have been in force then.", "date");
        }
        if (LastDeposit is { } last && f.Date.IsBefore(last))
            return Refusal.Unprocessable($"The last Party's deposit is recorded {last.ToPhrase()}, after {f.Date}: the protocol cannot have been in force then.", "date");
        if (Computed(nato, day) is { } computed && computed.IsBefore(f.Date))
            return Refusal.Unprocessable($"The deposits recorded bring the protocol into force {computed.ToPhrase()}, before {f.Date}.", "date");
        return null;
    }

    private Refusal? CheckWithdrawal(RatificationWithdrawn w, Body nato)
    {
        if (Requires(w, AccessionStep.ProtocolSigned, "the signature of the accession protocol") is { } missing) return missing;
        if (CheckParty(w.Party, w.Date.Placed, nato) is { } notParty) return notParty;
        if (EntryIntoForce(nato, w.Date.Placed) is { } inForce)
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
        var day = step.Date.Placed;
        if (EntryIntoForce(nato, day) is not null) return null;
        var pending = PartiesOn(nato, day).Where(p => !DepositedBy(p.Member, day)).Select(p => p.Name);
        return Refusal.Unprocessable($"Missing step: the protocol is not in force on {step.Date}; not yet deposited: {string.Join(", ", pending)}.", "date");
    }

    private Refusal? KeepsLaterSteps(AccessionStepRecorded step, Body nato)
    {
        var after = Evolve(this, step)!;
        var later = new AccessionStepRecorded?[] { Step<InvitationToAccedeSent>(AccessionStep.InvitationToAccede), Membership }.OfType<AccessionStepRecorded>();
        return later.FirstOrDefault(s => after.EntryIntoForce(nato, s.Date.Placed) is null) is { } undone
            ? Refusal.Conflict($"The protocol was in force on {undone.Date} ({StepOf(undone)}); this record would leave it out of force then.")
            : null;
    }

    private static string PartyName(Body nato, MemberCode party) => nato.Find(party)?.Name ?? party.Value;
}
