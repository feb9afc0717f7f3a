using System.Collections.Immutable;
using Concord.Domain.Members;
using NodaTime;

namespace Concord.Domain.Accession;

public sealed partial record Accession
{
    /// <summary>
    /// Folds facts in world order, keeping those effective at or before <paramref name="asOf"/>. Opening the file on
    /// a candidate is bookkeeping, not history, so it counts in every as-of view.
    /// </summary>
    public static Accession? Replay(IEnumerable<Fact<IAccessionEvent>> facts, Instant? asOf = null)
    {
        var all = facts.ToList();
        var state = all.Select(f => f.Event).OfType<AccessionOpened>().Select(o => Evolve(null, o)).FirstOrDefault();
        var corrected = all.Where(f => SlotOf(f.Event) is { } slot
            && all.Any(g => g.Version > f.Version && g.Effective < f.Effective && Equals(SlotOf(g.Event), slot))).ToHashSet();
        foreach (var fact in Fact<IAccessionEvent>.InWorldOrder(all.Where(f => f.Event is not AccessionOpened && !corrected.Contains(f))))
        {
            if (asOf is { } limit && fact.Effective > limit) break;
            state = Evolve(state, fact.Event);
        }
        return state;
    }

    public static Accession? Evolve(Accession? state, IAccessionEvent e) => (state, e) switch
    {
        (null, AccessionOpened o) => new Accession(o.Candidate, o.Name,
            ImmutableDictionary<AccessionStep, AccessionStepRecorded>.Empty, ImmutableDictionary<MemberCode, RatificationTrack>.Empty),
        (null, _) => null,
        (_, RatificationStageRecorded r) => state.WithTrack(r.Party,
            t => t with { Stages = t.Stages.SetItem(r.Stage, new StageRecord(r.Stage, r.Date, r.Source, r.Confidence, r.Note)) }),
        (_, RatificationWithdrawn w) => state.WithTrack(w.Party,
            t => t with { Stages = t.Stages.Remove(RatificationStage.Deposit), Withdrawn = w.Date }),
        // A declaration is history on the timeline only: no step of the path depends on it.
        (_, AllianceDeclared) => state,
        (_, AccessionStepRecorded s) => state with { Steps = state.Steps.SetItem(StepOf(s), s) },
        _ => state,
    };

    private Accession WithTrack(MemberCode party, Func<RatificationTrack, RatificationTrack> change) =>
        this with { Tracks = Tracks.SetItem(party, change(TrackOf(party))) };

    /// <summary>The step a recorded event stands for.</summary>
    public static AccessionStep StepOf(AccessionStepRecorded e) => e switch
    {
        MembershipApplied => AccessionStep.Application,
        AllianceDeclared => AccessionStep.Declaration,
        MembershipActionPlanRecorded { Waived: true } => AccessionStep.MapWaived,
        MembershipActionPlanRecorded => AccessionStep.MembershipActionPlan,
        InvitationDecisionLinked => AccessionStep.InvitationDecision,
        InvitationExtended => AccessionStep.Invitation,
        AccessionTalksCompleted => AccessionStep.AccessionTalks,
        ProtocolSigned => AccessionStep.ProtocolSigned,
        RatificationStageRecorded => AccessionStep.Ratification,
        RatificationWithdrawn => AccessionStep.RatificationWithdrawn,
        LastRatificationDeposited => AccessionStep.LastRatification,
        ProtocolEnteredIntoForce => AccessionStep.ProtocolInForce,
        InvitationToAccedeSent => AccessionStep.InvitationToAccede,
        CandidateApprovedTreaty => AccessionStep.CandidateApproval,
        InstrumentOfAccessionDeposited => AccessionStep.AccessionDeposited,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown accession step."),
    };
}
