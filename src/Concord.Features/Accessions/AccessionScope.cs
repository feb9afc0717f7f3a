using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features.Access;

namespace Concord.Features.Accessions;

/// <summary>
/// Who may record what on a candidate's path, checked by the use case under the endpoint's permission: the
/// secretariat any step; a member state's delegation only its own state's ratification; a candidate's delegation only
/// its own candidate's steps (its application, its approval of the Treaty, the deposit of its instrument). The host
/// itself (<see cref="Reader.System"/>: importers, seeding, the command line) is trusted.
/// </summary>
public static class AccessionScope
{
    /// <summary>Null when <paramref name="actor"/> may record <paramref name="step"/> on <paramref name="candidate"/>'s path; otherwise the 403 refusal.</summary>
    public static Refusal? Refuse(Reader actor, MemberCode candidate, RecordAccessionStepCommand step, Func<MemberCode, string> nameOf)
    {
        if (Trusted(actor)) return null;
        switch (step.Step)
        {
            case AccessionStep.Ratification or AccessionStep.RatificationWithdrawn:
                // Without a Party the step names no event at all: the decider refuses it, whoever asks.
                if (step.Party is not { } party) return null;
                if (actor.Has(Role.Delegation) && actor.Nationality == party) return null;
                return actor.Has(Role.Delegation) && actor.Nationality is { } own
                    ? Refusal.Forbidden($"The delegation of {nameOf(own)} may record only {nameOf(own)}'s ratification, not {nameOf(party)}'s.", "party")
                    : Refusal.Forbidden($"Only {nameOf(party)}'s delegation or the secretariat records {nameOf(party)}'s ratification.", "party");
            case AccessionStep.Application or AccessionStep.CandidateApproval or AccessionStep.AccessionDeposited:
                if (actor.Has(Role.CandidateDelegation) && actor.Nationality == candidate) return null;
                return actor.Has(Role.CandidateDelegation) && actor.Nationality is { } mine
                    ? Refusal.Forbidden($"The delegation of {nameOf(mine)} may record only {nameOf(mine)}'s own accession steps, not {nameOf(candidate)}'s.", "step")
                    : Refusal.Forbidden($"Only {nameOf(candidate)}'s delegation or the secretariat records this step of {nameOf(candidate)}'s accession.", "step");
            default:
                return Refusal.Forbidden($"Only the secretariat records this step of {nameOf(candidate)}'s accession.", "step");
        }
    }

    /// <summary>Null when <paramref name="actor"/> may start following <paramref name="candidate"/>: the secretariat, or the candidate's own delegation.</summary>
    public static Refusal? RefuseOpening(Reader actor, MemberCode candidate, Func<MemberCode, string> nameOf) =>
        Trusted(actor) || (actor.Has(Role.CandidateDelegation) && actor.Nationality == candidate) ? null
            : Refusal.Forbidden($"Only the secretariat or {nameOf(candidate)}'s own delegation starts following {nameOf(candidate)}'s accession.", "candidate");

    private static bool Trusted(Reader actor) => ReferenceEquals(actor, Reader.System) || actor.Has(Role.Secretariat);
}
