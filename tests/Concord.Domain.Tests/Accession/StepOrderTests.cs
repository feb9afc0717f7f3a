using Xunit;
using static Concord.Domain.Tests.Accession.Candidacy;

namespace Concord.Domain.Tests.Accession;

/// <summary>Steps out of order are refused, naming the step that is missing (domain.md §2).</summary>
public sealed class StepOrderTests
{
    [Fact]
    public void a_protocol_signed_before_the_political_invitation_is_refused_naming_the_invitation()
    {
        var refusal = Opened().Then(Four, Applied("2024-05-02")).Refused(Four, ProtocolSignedOn("2024-09-02"));

        Assert.Equal(RefusalKind.Unprocessable, refusal.Kind);
        Assert.Equal("step", refusal.Field);
        Assert.Equal("Missing step: the political invitation of Serbia has not been recorded.", refusal.Reason);
    }

    [Fact]
    public void a_protocol_dated_before_the_invitation_that_allowed_it_is_refused()
    {
        var refusal = Opened().Then(Four, Invited("2024-07-10")).Refused(Four, ProtocolSignedOn("2024-07-01"));

        Assert.Equal("date", refusal.Field);
        Assert.Equal("2024-07-01 is before the political invitation (2024-07-10).", refusal.Reason);
    }

    [Fact]
    public void accession_talks_and_the_candidates_own_approval_need_the_political_invitation_first()
    {
        var applied = Opened().Then(Four, Applied("2024-05-02"));

        Assert.StartsWith("Missing step: the political invitation", applied.Refused(Four, TalksCompleted("2024-08-01")).Reason, StringComparison.Ordinal);
        Assert.StartsWith("Missing step: the political invitation", applied.Refused(Four, CandidateApproved("2024-08-01")).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void an_invitation_dated_before_the_application_is_refused()
    {
        var refusal = Opened().Then(Four, Applied("2024-05-02")).Refused(Four, Invited("2024-04-01"));

        Assert.Equal("2024-04-01 is before the application (2024-05-02).", refusal.Reason);
    }

    [Fact]
    public void a_ratification_before_the_protocols_signature_is_refused_naming_the_signature()
    {
        var refusal = Opened().Then(Four, Invited("2024-07-10")).Refused(Four, Approved("CAN", "2024-08-01"));

        Assert.Equal(RefusalKind.Unprocessable, refusal.Kind);
        Assert.Equal("Missing step: the signature of the accession protocol of Serbia has not been recorded.", refusal.Reason);
    }

    [Fact]
    public void a_withdrawal_before_the_protocols_signature_is_refused_naming_the_signature()
    {
        var refusal = Opened().Then(Four, Invited("2024-07-10")).Refused(Four, Withdrew("CAN", "2024-08-01"));

        Assert.Equal("Missing step: the signature of the accession protocol of Serbia has not been recorded.", refusal.Reason);
    }

    [Fact]
    public void an_instrument_of_accession_deposited_while_the_protocol_is_not_in_force_is_refused_listing_who_has_not_deposited()
    {
        var pending = Signed(Four).Then(Four, Deposited("CAN", "2024-10-01"), Deposited("USA", "2024-10-02"));

        var refusal = pending.Refused(Four, Acceded("2025-01-10"));

        Assert.Equal(RefusalKind.Unprocessable, refusal.Kind);
        Assert.Equal("Missing step: the protocol is not in force on 2025-01-10; not yet deposited: Hungary, Türkiye.", refusal.Reason);
    }

    [Fact]
    public void an_instrument_of_accession_before_any_protocol_is_refused_naming_the_signature()
    {
        var refusal = Opened().Then(Four, Invited("2024-07-10")).Refused(Four, Acceded("2025-01-10"));

        Assert.Equal("Missing step: the signature of the accession protocol of Serbia has not been recorded.", refusal.Reason);
    }

    [Fact]
    public void the_invitation_to_accede_before_entry_into_force_is_refused_listing_who_has_not_deposited()
    {
        var pending = Signed(Four).DepositedBy(Four, "2024-12-02", "TUR");

        var refusal = pending.Refused(Four, InvitedToAccede("2025-01-10"));

        Assert.Equal("Missing step: the protocol is not in force on 2025-01-10; not yet deposited: Türkiye.", refusal.Reason);
    }

    [Fact]
    public void the_invitation_to_accede_dated_before_the_last_deposit_is_refused_even_once_that_deposit_is_recorded()
    {
        var inForce = Signed(Four).DepositedBy(Four, "2024-12-02", "TUR").Then(Four, Deposited("TUR", "2025-01-20"));

        var refusal = inForce.Refused(Four, InvitedToAccede("2025-01-10"));

        Assert.StartsWith("Missing step: the protocol is not in force on 2025-01-10; not yet deposited: Türkiye", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void once_every_party_has_deposited_the_candidate_is_invited_to_accede_and_becomes_an_ally_on_its_deposit()
    {
        var member = Signed(Four).DepositedBy(Four, "2024-12-02")
            .Then(Four, InvitedToAccede("2024-12-03"), CandidateApproved("2024-12-10"), Acceded("2024-12-16"));

        var status = member.Evaluate(Four, Today);

        Assert.Equal(On("2024-12-02"), status.EnteredIntoForce);
        Assert.Equal(On("2024-12-16"), status.MemberSince);
        Assert.Equal("member", status.Stage);
        Assert.Equal("Serbia has been an Ally since 2024-12-16.", status.Summary);
    }
}
