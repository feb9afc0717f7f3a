using Concord.Domain.Members;

namespace Concord.Domain.Accession;

public sealed partial record Accession
{
    /// <summary>
    /// The step that must be recorded, and dated no later, before <paramref name="step"/> can be: the political invitation
    /// before the talks, the protocol and the candidate's approval; the protocol's signature before any Party acts on it
    /// and before it is in force. Null for a step that needs none (the application) or only follows another when both
    /// are known (<see cref="Follows"/>).
    /// </summary>
    public static AccessionStep? Prerequisite(AccessionStep step) => step switch
    {
        AccessionStep.AccessionTalks or AccessionStep.ProtocolSigned or AccessionStep.CandidateApproval => AccessionStep.Invitation,
        AccessionStep.Ratification or AccessionStep.RatificationWithdrawn or AccessionStep.ProtocolInForce
            or AccessionStep.InvitationToAccede or AccessionStep.AccessionDeposited => AccessionStep.ProtocolSigned,
        _ => null,
    };

    /// <summary>The step <paramref name="step"/> may not be dated before when both are recorded (the application), or null.</summary>
    public static AccessionStep? Follows(AccessionStep step) => step switch
    {
        AccessionStep.MembershipActionPlan or AccessionStep.MapWaived or AccessionStep.InvitationDecision or AccessionStep.Invitation => AccessionStep.Application,
        _ => null,
    };

    /// <summary>
    /// Where <paramref name="stage"/> stands in a Party's procedure, for ordering: its place in
    /// <paramref name="procedure"/>'s stages; a deposit not listed there comes after every approval all the same (the
    /// deposit requires the national approval). Null for a stage the procedure does not order.
    /// </summary>
    public static int? PlaceOf(RatificationStage stage, RatificationProcedure? procedure)
    {
        var at = procedure?.Stages.ToList().IndexOf(stage) ?? -1;
        return at >= 0 ? at : stage == RatificationStage.Deposit ? int.MaxValue : null;
    }

    /// <summary>
    /// True when a Party's <paramref name="earlier"/> stage must not be dated after its <paramref name="later"/> stage:
    /// both have a place in its procedure and the first comes before, or the later one is the deposit and the first a
    /// national approval. Committee reports and stages outside the procedure are never out of order.
    /// </summary>
    public static bool ComesBefore(RatificationStage earlier, RatificationStage later, RatificationProcedure? procedure)
    {
        if (earlier == later) return false;
        if (later == RatificationStage.Deposit && earlier.IsApproval()) return true;
        return PlaceOf(earlier, procedure) is { } a && PlaceOf(later, procedure) is { } b && a < b && b != int.MaxValue;
    }

    /// <summary>
    /// A stage dated before a stage that comes first in the Party's procedure (a head of state's signature before the
    /// parliament's vote) is refused; so is a stage dated after one recorded that comes later in it. Only an exact
    /// date of the stage that comes first can show the order broken: a bound ("on or before") could have fallen earlier.
    /// </summary>
    private Refusal? CheckOrder(RatificationStageRecorded r, RatificationProcedure? procedure, Body nato)
    {
        if (procedure is null) return null;
        foreach (var other in TrackOf(r.Party).Stages.Values)
        {
            if (ComesBefore(other.Stage, r.Stage, procedure) && other.Date.IsExact && other.Date.Latest > r.Date.Latest)
                return Refusal.Unprocessable($"{Possessive(PartyName(nato, r.Party))} {Words.Of(r.Stage)} on {r.Date} is before its {Words.Of(other.Stage)} ({other.Date}), "
                    + $"which comes first in its procedure ({Procedure(procedure)}).", "date");
            if (ComesBefore(r.Stage, other.Stage, procedure) && r.Date.IsExact && r.Date.Latest > other.Date.Latest)
                return Refusal.Unprocessable($"{Possessive(PartyName(nato, r.Party))} {Words.Of(other.Stage)} is recorded on {other.Date}, before this {Words.Of(r.Stage)} on {r.Date}, "
                    + $"which comes first in its procedure ({Procedure(procedure)}).", "date");
        }
        return null;
    }

    private static string Possessive(string name) => name.EndsWith('s') ? name + "'" : name + "'s";

    private static string Procedure(RatificationProcedure procedure) => string.Join(", ", procedure.Stages.Select(s => Words.Of(s)));
}
