using Concord.Domain.Members;

namespace Concord.Domain.Accession;

public sealed partial record Accession
{
    /// <summary>
    /// What a record of the same thing corrects: a step, or one Party's stage (the slot <see cref="Evolve"/> replaces).
    /// Withdrawals are never corrections: a second withdrawal is a second act.
    /// </summary>
    public static object? SlotOf(IAccessionEvent e) => e switch
    {
        RatificationStageRecorded r => (r.Party, r.Stage),
        RatificationWithdrawn or AllianceDeclared => null,
        AccessionStepRecorded s => StepOf(s),
        _ => null,
    };

    /// <summary>
    /// The date recorded for the step or Party's stage <paramref name="step"/> records, if any. A stage recorded before the
    /// Party's withdrawal is not what a stage after the withdrawal would correct: that one is a new act (it ratifies anew).
    /// </summary>
    public DateWindow? RecordedDateOf(AccessionStepRecorded step) => step switch
    {
        RatificationStageRecorded r => TrackOf(r.Party) is var track && track.Stages.GetValueOrDefault(r.Stage)?.Date is { } d
            && !(track.Withdrawn is { } w && d.Placed <= w.Placed && r.Date.Placed >= w.Placed) ? d : null,
        RatificationWithdrawn => null,
        _ => Steps.GetValueOrDefault(StepOf(step))?.Date,
    };

    /// <summary>
    /// A different date for what is recorded is refused unless marked as a correction; a correction must name its own
    /// source and must have a different date to correct.
    /// </summary>
    private Refusal? CheckCorrection(AccessionStepRecorded step, bool corrects)
    {
        var recorded = RecordedDateOf(step);
        var what = Describe(step);
        if (!corrects)
            return recorded is { } d && d != step.Date
                ? new Refusal(RefusalKind.Conflict, $"{what} is already recorded on {d}; a different date is a correction: mark it as one (corrects) with its own source.", "date")
                : null;
        if (SlotOf(step) is null) return Refusal.Invalid("corrects", "A withdrawal is never a correction: a second withdrawal is a second act.");
        if (string.IsNullOrWhiteSpace(step.Source)) return Refusal.Invalid("source", $"A correction must name its own source: where the corrected date of {what} comes from.");
        if (recorded is not { } previous) return Refusal.Unprocessable($"Nothing to correct: {what} is not recorded yet.", "corrects");
        return previous == step.Date ? Refusal.Unprocessable($"Nothing to correct: {what} is already recorded on {previous}.", "corrects") : null;
    }

    /// <summary>The refusal of a deposit of the instrument of accession by a candidate already seated on another date.</summary>
    private Refusal? SecondMembership(InstrumentOfAccessionDeposited deposit, Body nato) =>
        nato.Find(Candidate) is null ? null
            : BodySeats.Decide(nato, new MemberAdmitted(nato.Code, Candidate, Name, deposit.Date.Placed, 0, false, deposit.Source, null)).Refusal is { } r
                ? r with { Field = "date" } : null;

    /// <summary>The accession without the record <paramref name="step"/> corrects: a correction is checked as if it were the first record.</summary>
    private Accession WithoutRecordOf(AccessionStepRecorded step) => step switch
    {
        RatificationStageRecorded r => WithTrack(r.Party, t => t with { Stages = t.Stages.Remove(r.Stage) }),
        _ => this with { Steps = Steps.Remove(StepOf(step)) },
    };

    private string Describe(AccessionStepRecorded step) => step switch
    {
        RatificationStageRecorded r => $"{r.Party}'s {Words.Of(r.Stage)}",
        _ => $"{Name}'s {Words.Of(StepOf(step))}",
    };
}
