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
    /// Records a position. Refused when the decision is closed, the state has no seat in the body on the
    /// effective date, the rule has no such position, or the date is before the decision opened or in the future.
    /// Restating the current position is accepted and produces no event.
    /// </summary>
    public Decided<IDecisionEvent> Decide(RecordPositionCommand command, Body body, Instant now)
    {
        if (IsConcluded) return Refusal.Conflict($"Decision '{Id}' concluded ({Words.Of(ConcludedOutcome!.Value)}); it takes no more positions.");
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
        return Decided<IDecisionEvent>.Accept(NamePositionChange(command));
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
