using Concord.Domain.Members;
using Concord.Domain.Rules;
using NodaTime;

namespace Concord.Domain.Decisions;

public sealed partial record Decision
{
    /// <summary>Opens a decision; refused when it already exists or the deadline is not in the future.</summary>
    public static Decided<IDecisionEvent> Decide(Decision? state, OpenDecisionCommand command, Instant now)
    {
        if (state is not null) return Refusal.Conflict($"Decision '{command.Id}' already exists.");
        if (command.SilenceDeadline is { } deadline)
        {
            if (!DecisionRules.SupportsSilence(command.Rule))
                return Refusal.Unprocessable($"The silence procedure does not exist under {Words.Of(command.Rule)}.", "silenceDeadline");
            if (deadline <= now) return Refusal.Unprocessable("The silence deadline must be in the future.", "silenceDeadline");
        }
        if (command.Concerned is { } concerned && command.Body.Find(concerned) is null)
            return Refusal.Unprocessable($"'{concerned}' is not a member of {command.Body.Code}.", "concerned");
        var opened = new DecisionOpened(command.Id, command.Subject, command.Body.Code, command.Rule, command.Summit, command.Concerned);
        return command.SilenceDeadline is { } d
            ? Decided<IDecisionEvent>.Accept(opened, new DraftPutUnderSilence(d))
            : Decided<IDecisionEvent>.Accept(opened);
    }

    /// <summary>
    /// Records a position. Refused when the decision is closed (a position dated before it closed is history entered late,
    /// refused only when it would contradict the outcome), the state has no seat in the body on the
    /// effective date, the rule has no such position, or the date is before the decision opened or in the future.
    /// Restating the current position is accepted and produces no event.
    /// </summary>
    public Decided<IDecisionEvent> Decide(RecordPositionCommand command, Body body, Instant now)
    {
        // A position dated before the decision ended is history entered late: taken, as long as the outcome stands with it.
        if (IsConcluded && !(command.Effective < ConcludedAt))
            return Refusal.Conflict($"Decision '{Id}' concluded ({Words.Of(ConcludedOutcome!.Value)}); it takes no more positions.");
        if (HasSilenceHeld(now))
            return Refusal.Conflict($"Silence held until its deadline {Zones.Brussels(SilenceDeadline!.Value)}: the decision is adopted and takes no more positions.");
        if (body.Find(command.Member) is not { } seat) return Refusal.NotFound($"'{command.Member}' is not a member of {body.Code}.");
        var date = Zones.BrusselsDate(command.Effective);
        if (!seat.IsEligibleOn(date))
            return Refusal.Unprocessable($"{seat.Name} ({seat.Member}) was not a member of {body.Code} on {date:yyyy-MM-dd}; it joined on {seat.Since:yyyy-MM-dd}.", "member");
        if (command.Effective > now) return Refusal.Unprocessable("A position cannot take effect in the future.", "effective");
        if (command.Effective < Opened) return Refusal.Unprocessable($"The decision opened on {Zones.Brussels(Opened)}; a position cannot precede it.", "effective");
        if (!DecisionRules.Recordable(Rule, IsUnderSilence).Contains(command.Kind))
            return Refusal.Unprocessable($"The position '{Words.Of(command.Kind)}' does not exist under {Words.Of(Rule)}.", "kind");
        if (command.Kind == PositionKind.Reservation && string.IsNullOrWhiteSpace(command.Condition))
            return Refusal.Invalid("condition", "A reservation needs its condition: what must happen for it to be lifted.");
        if (Positions.TryGetValue(command.Member, out var current) && IsSameStatement(current, command)) return Decided<IDecisionEvent>.Accept();
        if (IsConcluded && EnteredLate(command, seat, current, body) is { } late) return late;
        return Decided<IDecisionEvent>.Accept(NamePositionChange(command));
    }

    /// <summary>
    /// Why a position dated before the decision concluded cannot be entered now: the member's position standing at the
    /// conclusion is later than it, or it would contradict the outcome the decision concluded with. Null when it can.
    /// </summary>
    private Refusal? EnteredLate(RecordPositionCommand command, Seat seat, MemberPosition? current, Body body)
    {
        if (current is { } later && later.Effective > command.Effective)
            return Refusal.Unprocessable($"{seat.Name}'s position of {Zones.BrusselsDate(later.Effective):yyyy-MM-dd} stands at the decision's conclusion; an earlier one cannot replace it.", "effective");
        if (ConcludedOutcome is not { } outcome || outcome == Outcome.Withdrawn) return null;
        var stated = new MemberPosition(command.Member, command.Kind, command.Condition, command.Source, command.Confidence, command.Note, command.Effective);
        return (this with { Positions = Positions.SetItem(command.Member, stated) }).Contradiction(outcome, ConcludedAt!.Value, body, "kind") is { } contradiction
            ? contradiction with { Reason = $"The decision concluded {Words.Of(outcome)}; this position would contradict it. " + contradiction.Reason }
            : null;
    }

    /// <summary>
    /// Records how the decision ended as a source gives it (adopted, or lapsed without consensus), on the day it ended.
    /// Refused when it is concluded already, when the day is in the future, before it opened or before a position it
    /// holds, and when the outcome contradicts the positions standing that day (an adoption while an Ally's objection
    /// stands, a lapse once every Ally has concurred).
    /// </summary>
    public Decided<IDecisionEvent> Decide(RecordConclusionCommand command, Body body, Instant now)
    {
        if (IsConcluded) return Refusal.Conflict($"Decision '{Id}' already concluded ({Words.Of(ConcludedOutcome!.Value)}).");
        if (command.Outcome is not (Outcome.Adopted or Outcome.Lapsed))
            return Refusal.Invalid("outcome", $"'outcome' must be adopted or lapsed; got '{Words.Of(command.Outcome)}'.");
        if (string.IsNullOrWhiteSpace(command.Source)) return Refusal.Invalid("source", "'source' is required: where the outcome is known from.");
        var date = Zones.BrusselsDate(command.Concluded);
        if (command.Concluded > now) return Refusal.Unprocessable("A decision cannot conclude in the future.", "concluded");
        if (command.Concluded < Opened) return Refusal.Unprocessable($"The decision opened on {Zones.Brussels(Opened)}; it cannot conclude before.", "concluded");
        if (Positions.Values.Where(p => p.Effective > command.Concluded).MinBy(p => p.Effective) is { } after)
            return Refusal.Unprocessable($"{body.Find(after.Member)?.Name ?? after.Member.Value}'s position is dated {Zones.BrusselsDate(after.Effective):yyyy-MM-dd}, after {date:yyyy-MM-dd}: a decision takes no position once it has concluded.", "concluded");
        if (Contradiction(command.Outcome, command.Concluded, body, "outcome") is { } contradiction) return contradiction;
        var live = Live(body.EligibleOn(date), command.Concluded);
        var outcome = command.Outcome == Outcome.Adopted && live.Outcome.IsAdopted() ? live.Outcome : command.Outcome;
        return Decided<IDecisionEvent>.Accept(new ConclusionRecorded(outcome, command.Source.Trim(), command.Note));
    }

    /// <summary>Puts the draft under silence, or re-issues it after silence was broken.</summary>
    public Decided<IDecisionEvent> Decide(PutUnderSilenceCommand command, Instant now)
    {
        if (IsConcluded) return Refusal.Conflict($"Decision '{Id}' concluded ({Words.Of(ConcludedOutcome!.Value)}).");
        if (!DecisionRules.SupportsSilence(Rule)) return Refusal.Unprocessable($"The silence procedure does not exist under {Words.Of(Rule)}.", "deadline");
        if (command.Deadline <= now) return Refusal.Unprocessable("The silence deadline must be in the future.", "deadline");
        if (!IsUnderSilence) return Decided<IDecisionEvent>.Accept(new DraftPutUnderSilence(command.Deadline));
        if (!IsSilenceBroken)
            return Refusal.Conflict($"The draft is already under silence until {Zones.Brussels(SilenceDeadline!.Value)}; it can be re-issued only after silence is broken.");
        return Decided<IDecisionEvent>.Accept(new DraftReissuedUnderSilence(command.Deadline));
    }

    /// <summary>Records that silence held: due once the deadline has passed with no Ally having broken silence.</summary>
    public Decided<IDecisionEvent> ConcludeSilenceIfDue(Instant now)
    {
        if (IsConcluded || !HasSilenceHeld(now)) return Decided<IDecisionEvent>.Accept();
        return Decided<IDecisionEvent>.Accept(new DecisionAdoptedUnderSilence(SilenceDeadline!.Value));
    }

    /// <summary>Closes the decision with the outcome the rule gives now: adopted, or lapsed without consensus.</summary>
    public Decided<IDecisionEvent> Decide(ConcludeDecisionCommand command, IReadOnlyList<Seat> eligible, Instant now)
    {
        if (IsConcluded) return Refusal.Conflict($"Decision '{Id}' already concluded ({Words.Of(ConcludedOutcome!.Value)}).");
        var outcome = Evaluate(eligible, now).Outcome;
        if (outcome == Outcome.AdoptedUnderSilence) return Decided<IDecisionEvent>.Accept(new DecisionAdoptedUnderSilence(SilenceDeadline!.Value));
        return Decided<IDecisionEvent>.Accept(new DecisionConcluded(outcome.IsAdopted() ? outcome : Outcome.Lapsed));
    }

    public Decided<IDecisionEvent> Decide(WithdrawDecisionCommand command)
    {
        if (IsConcluded) return Refusal.Conflict($"Decision '{Id}' already concluded ({Words.Of(ConcludedOutcome!.Value)}).");
        return Decided<IDecisionEvent>.Accept(new DecisionWithdrawn(command.Reason));
    }

    /// <summary>
    /// Releases an outcome statement, open or concluded: the words readers not cleared for every position are shown.
    /// Releasing the statement already released is accepted and produces no event.
    /// </summary>
    public Decided<IDecisionEvent> Decide(ReleaseOutcomeCommand command)
    {
        if (string.IsNullOrWhiteSpace(command.Statement)) return Refusal.Invalid("statement", "'statement' is required: the outcome in the words to release, e.g. \"No consensus.\"");
        var statement = command.Statement.Trim();
        return statement == ReleasedOutcome ? Decided<IDecisionEvent>.Accept() : Decided<IDecisionEvent>.Accept(new OutcomeReleased(statement));
    }

    private static bool IsSameStatement(MemberPosition current, RecordPositionCommand command) =>
        current.Kind == command.Kind && current.Condition == command.Condition && current.Source == command.Source
        && current.Confidence == command.Confidence && current.Note == command.Note && current.Effective == command.Effective;

    private IDecisionEvent NamePositionChange(RecordPositionCommand c)
    {
        var wasReservation = PositionOf(c.Member) == PositionKind.Reservation;
        return c.Kind switch
        {
            PositionKind.Object when IsUnderSilence => new SilenceBroken(c.Member, c.Kind, c.Condition, c.Source, c.Confidence, c.Note),
            PositionKind.Reservation => new ReservationPlaced(c.Member, c.Kind, c.Condition, c.Source, c.Confidence, c.Note),
            _ when wasReservation => new ReservationLifted(c.Member, c.Kind, c.Condition, c.Source, c.Confidence, c.Note),
            PositionKind.Footnote => new FootnoteEntered(c.Member, c.Kind, c.Condition, c.Source, c.Confidence, c.Note),
            _ => new PositionStated(c.Member, c.Kind, c.Condition, c.Source, c.Confidence, c.Note),
        };
    }
}
