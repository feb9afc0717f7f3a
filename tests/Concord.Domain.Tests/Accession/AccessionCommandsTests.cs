using Concord.Domain.Accession;
using Xunit;
using static Concord.Domain.Tests.Accession.Candidacy;

namespace Concord.Domain.Tests.Accession;

using Accession = global::Concord.Domain.Accession.Accession;

/// <summary>The commands an accession takes, the events that record them, and what a command must carry to name one.</summary>
public sealed class AccessionCommandsTests
{
    [Fact]
    public void opening_an_accession_records_that_concord_follows_the_candidate_under_its_name()
    {
        var decided = Accession.Decide(null, new OpenAccessionCommand(Code("SRB"), "Serbia"));

        Assert.Null(decided.Refusal);
        Assert.Equal(new AccessionOpened(Code("SRB"), "Serbia"), Assert.Single(decided.Events));
    }

    [Fact]
    public void each_step_is_recorded_by_the_event_named_for_it_with_the_steps_own_data()
    {
        var when = OnOrBefore("2024-10-01");
        RecordAccessionStepCommand Step(AccessionStep step) => new(step, when, "gazette", "reported", "a note");

        Assert.Equal(new MembershipApplied(when, "The President", "gazette", "reported", "a note"),
            Accession.RecordOf(Step(AccessionStep.Application) with { Signatories = "The President" }));
        Assert.Equal(new MembershipActionPlanRecorded(false, when, "gazette", "reported", "a note"), Accession.RecordOf(Step(AccessionStep.MembershipActionPlan)));
        Assert.Equal(new MembershipActionPlanRecorded(true, when, "gazette", "reported", "a note"), Accession.RecordOf(Step(AccessionStep.MapWaived)));
        Assert.Equal(new InvitationDecisionLinked("invite-serbia", when, "gazette", "reported", "a note"),
            Accession.RecordOf(Step(AccessionStep.InvitationDecision) with { Decision = "invite-serbia" }));
        Assert.Equal(new InvitationExtended("Vilnius", when, "gazette", "reported", "a note"),
            Accession.RecordOf(Step(AccessionStep.Invitation) with { Summit = "Vilnius" }));
        Assert.Equal(new AccessionTalksCompleted(when, "gazette", "reported", "a note"), Accession.RecordOf(Step(AccessionStep.AccessionTalks)));
        Assert.Equal(new ProtocolSigned(when, "gazette", "reported", "a note"), Accession.RecordOf(Step(AccessionStep.ProtocolSigned)));
        Assert.Equal(new RatificationStageRecorded(Code("CAN"), RatificationStage.UpperHouse, when, "gazette", "reported", "a note"),
            Accession.RecordOf(Step(AccessionStep.Ratification) with { Party = Code("CAN"), Stage = RatificationStage.UpperHouse }));
        Assert.Equal(new RatificationWithdrawn(Code("CAN"), when, "gazette", "reported", "a note"),
            Accession.RecordOf(Step(AccessionStep.RatificationWithdrawn) with { Party = Code("CAN") }));
        Assert.Equal(new LastRatificationDeposited(Code("ESP"), when, "gazette", "reported", "a note"),
            Accession.RecordOf(Step(AccessionStep.LastRatification) with { Party = Code("ESP") }));
        Assert.Null(Accession.RecordOf(Step(AccessionStep.LastRatification)));
        Assert.Equal(new InvitationToAccedeSent(when, "gazette", "reported", "a note"), Accession.RecordOf(Step(AccessionStep.InvitationToAccede)));
        Assert.Equal(new CandidateApprovedTreaty(when, "gazette", "reported", "a note"), Accession.RecordOf(Step(AccessionStep.CandidateApproval)));
        Assert.Equal(new InstrumentOfAccessionDeposited(when, "gazette", "reported", "a note"), Accession.RecordOf(Step(AccessionStep.AccessionDeposited)));
        foreach (var step in Enum.GetValues<AccessionStep>().Where(s => s is not (AccessionStep.Ratification or AccessionStep.RatificationWithdrawn or AccessionStep.LastRatification)))
            Assert.Equal(step, Accession.StepOf(Accession.RecordOf(Step(step) with { Decision = "invite-serbia" })!));
    }

    [Fact]
    public void an_accepted_step_is_recorded_by_the_event_its_command_names()
    {
        var decided = Signed(Four).Decide(Approved("CAN", "2024-09-10"), Four, Today);

        Assert.Equal(Accession.RecordOf(Approved("CAN", "2024-09-10")), Assert.Single(decided.Events));
    }

    [Fact]
    public void a_ratification_without_its_party_or_its_stage_is_refused_naming_the_field()
    {
        var signed = Signed(Four);

        var noParty = signed.Refused(Four, Approved("CAN", "2024-09-10") with { Party = null });
        var noStage = signed.Refused(Four, Approved("CAN", "2024-09-10") with { Stage = null });

        Assert.Equal((RefusalKind.Invalid, "party", "'party' is required."), (noParty.Kind, noParty.Field, noParty.Reason));
        Assert.Equal((RefusalKind.Invalid, "stage", "'stage' is required."), (noStage.Kind, noStage.Field, noStage.Reason));
    }

    [Fact]
    public void a_withdrawal_without_its_party_is_refused()
    {
        var deposited = Signed(Four).Then(Four, Deposited("HUN", "2024-10-01"));

        Assert.Equal("party", deposited.Refused(Four, Withdrew("HUN", "2024-11-04") with { Party = null }).Field);
    }

    [Fact]
    public void an_invitation_decision_that_names_no_decision_is_refused()
    {
        var refusal = Opened().Refused(Four, new RecordAccessionStepCommand(AccessionStep.InvitationDecision, On("2024-07-01"), "test", "reported", null));

        Assert.Equal(("decision", "'decision' must name a decision id, e.g. invite-ukraine-washington-2024."), (refusal.Field, refusal.Reason));
    }

    [Fact]
    public void a_command_for_a_step_the_path_does_not_have_is_refused()
    {
        var refusal = Opened().Refused(Four, new RecordAccessionStepCommand((AccessionStep)99, On("2024-07-01"), "test", "reported", null));

        Assert.Equal((RefusalKind.Invalid, "step"), (refusal.Kind, refusal.Field));
        Assert.Null(Accession.RecordOf(new RecordAccessionStepCommand((AccessionStep)99, On("2024-07-01"), "test", "reported", null)));
    }

    [Fact]
    public void data_of_another_step_in_a_command_is_not_recorded()
    {
        var protocol = Accession.RecordOf(ProtocolSignedOn("2024-09-02") with { Party = Code("CAN"), Summit = "Vilnius", Signatories = "The President" });

        Assert.Equal(new ProtocolSigned(On("2024-09-02"), "test", "reported", null), protocol);
    }
}
