using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Domain.Tests.Rules;
using Xunit;
using static Concord.Domain.Tests.Accession.Candidacy;

namespace Concord.Domain.Tests.Accession;

/// <summary>Bad input on the accession path: each refused with a reason a person can act on.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void sweden_cannot_ratify_finlands_protocol_in_2022_because_it_was_not_yet_a_party()
    {
        var finland = Opened("FIN", "Finland").Then(Seats.NatoBody, Invited("2022-06-29"), ProtocolSignedOn("2022-07-05"));

        var refusal = finland.Refused(Seats.NatoBody, Approved("SWE", "2022-07-12"));

        Assert.Equal(RefusalKind.Unprocessable, refusal.Kind);
        Assert.Equal("party", refusal.Field);
        Assert.Equal("SWE was not yet a Party on 2022-07-12; it joined on 2024-03-07.", refusal.Reason);
    }

    [Fact]
    public void finland_could_ratify_swedens_protocol_from_the_day_it_joined()
    {
        var sweden = Opened("SWE", "Sweden").Then(Seats.NatoBody, Invited("2022-06-29"), ProtocolSignedOn("2022-07-05"));

        Assert.Contains("it joined on 2023-04-04", sweden.Refused(Seats.NatoBody, Deposited("FIN", "2023-04-03")).Reason, StringComparison.Ordinal);
        var ratified = sweden.Then(Seats.NatoBody, Deposited("FIN", "2023-04-04"));
        Assert.Equal(On("2023-04-04"), ratified.TrackOf(Code("FIN")).Deposit?.Date);
    }

    [Fact]
    public void a_state_that_is_not_an_ally_cannot_ratify()
    {
        var refusal = Signed(Four).Refused(Four, Approved("AUT", "2024-10-01"));

        Assert.Equal(RefusalKind.NotFound, refusal.Kind);
        Assert.Equal("'AUT' is not an Ally.", refusal.Reason);
    }

    [Fact]
    public void a_stage_dated_before_the_protocols_signature_is_refused()
    {
        var refusal = Signed(Four, signed: "2024-09-02").Refused(Four, Approved("CAN", "2024-09-01"));

        Assert.Equal(RefusalKind.Unprocessable, refusal.Kind);
        Assert.Equal("date", refusal.Field);
        Assert.Equal("2024-09-01 is before the signature of the accession protocol (2024-09-02).", refusal.Reason);
    }

    [Fact]
    public void a_stage_on_the_day_of_signature_is_accepted_as_canada_ratified_finlands_protocol()
    {
        var signed = Signed(Four, signed: "2024-09-02").Then(Four, Approved("CAN", "2024-09-02"));

        Assert.Equal(0, signed.Evaluate(Four, Today).Parties.Single(p => p.Party == Code("CAN")).DaysToRatify);
    }

    [Fact]
    public void a_deposit_dated_before_the_partys_national_approval_is_refused()
    {
        var approved = Signed(Four).Then(Four, Approved("HUN", "2024-11-05"));

        var refusal = approved.Refused(Four, Deposited("HUN", "2024-10-01"));

        Assert.Equal("date", refusal.Field);
        Assert.Equal("Hungary cannot deposit on 2024-10-01 before its national approval (ParliamentaryApproval, 2024-11-05).", refusal.Reason);
    }

    [Fact]
    public void an_approval_dated_after_the_recorded_deposit_is_refused()
    {
        var deposited = Signed(Four).Then(Four, Deposited("HUN", "2024-10-01"));

        var refusal = deposited.Refused(Four, Stage("HUN", RatificationStage.HeadOfStateSignature, On("2024-11-05")));

        Assert.Equal("Hungary deposited on 2024-10-01, before this approval on 2024-11-05; the deposit requires the approval first.", refusal.Reason);
    }

    [Fact]
    public void a_committee_report_after_the_deposit_is_not_an_approval_and_is_accepted()
    {
        var deposited = Signed(Four).Then(Four, Deposited("HUN", "2024-10-01"), Stage("HUN", RatificationStage.Committee, On("2024-11-05")));

        Assert.Equal(2, deposited.TrackOf(Code("HUN")).Stages.Count);
    }

    [Fact]
    public void a_deposit_before_an_approval_known_only_as_on_or_before_a_later_day_is_accepted_since_the_bound_proves_nothing()
    {
        var approved = Signed(Four).Then(Four, Stage("HUN", RatificationStage.ParliamentaryApproval, OnOrBefore("2024-11-05")));

        var deposited = approved.Then(Four, Deposited("HUN", "2024-10-01"));

        Assert.Equal(On("2024-10-01"), deposited.TrackOf(Code("HUN")).Deposit?.Date);
    }

    [Fact]
    public void a_date_in_the_future_is_refused_whatever_the_step()
    {
        var signed = Signed(Four);
        var tomorrow = Today.PlusDays(1).ToString("yyyy-MM-dd", null);

        foreach (var step in new RecordAccessionStepCommand[] { Approved("CAN", tomorrow), Deposited("CAN", tomorrow), Acceded(tomorrow), Withdrew("CAN", tomorrow) })
        {
            var refusal = signed.Refused(Four, step);
            Assert.Equal(RefusalKind.Unprocessable, refusal.Kind);
            Assert.Equal($"{tomorrow} is in the future; Concord records what has happened.", refusal.Reason);
        }
        Assert.Equal("on or before 2025-06-02 is in the future; Concord records what has happened.",
            signed.Refused(Four, Stage("CAN", RatificationStage.Deposit, OnOrBefore("2025-06-02"))).Reason);
    }

    [Fact]
    public void a_step_dated_today_is_accepted()
    {
        var signed = Signed(Four).Then(Four, Approved("CAN", "2025-06-01"));

        Assert.NotNull(signed.TrackOf(Code("CAN")).Ratified);
    }

    [Fact]
    public void the_candidate_cannot_ratify_its_own_protocol()
    {
        var refusal = Signed(Four).Refused(Four, Approved("SRB", "2024-10-01"));

        Assert.Equal(RefusalKind.Unprocessable, refusal.Kind);
        Assert.Equal("party", refusal.Field);
        Assert.Equal("Serbia is the candidate, not a Party to its own protocol.", refusal.Reason);
    }

    [Fact]
    public void a_candidate_that_is_seated_already_still_cannot_ratify_its_own_protocol()
    {
        var seated = Four.Admit("SRB", "Serbia", "2020-01-01");

        Assert.Equal("Serbia is the candidate, not a Party to its own protocol.", Signed(seated).Refused(seated, Approved("SRB", "2024-10-01")).Reason);
    }

    [Fact]
    public void a_withdrawal_by_a_party_that_has_not_ratified_is_refused()
    {
        var refusal = Signed(Four).Refused(Four, Withdrew("TUR", "2024-10-01"));

        Assert.Equal("Türkiye has no ratification to withdraw.", refusal.Reason);
    }

    [Fact]
    public void a_withdrawal_once_the_protocol_is_in_force_is_refused()
    {
        var inForce = Signed(Four).DepositedBy(Four, "2024-12-02");

        var refusal = inForce.Refused(Four, Withdrew("TUR", "2024-12-10"));

        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Equal("The protocol has been in force since 2024-12-02; a ratification can no longer be withdrawn.", refusal.Reason);
    }

    [Fact]
    public void a_second_membership_for_an_ally_is_refused_by_the_council()
    {
        var seated = Four.Admit("SRB", "Serbia", "2024-12-16");

        var refusal = BodySeats.Decide(seated, new MemberAdmitted(Body.Nato, Code("SRB"), "Serbia", Date("2025-01-10"), 0, false, null, null)).Refusal;

        Assert.Equal(RefusalKind.Conflict, refusal?.Kind);
        Assert.Equal("Serbia (SRB) is already a member of NATO since 2024-12-16.", refusal?.Reason);
    }

    [Fact]
    public void the_same_membership_admitted_again_adds_no_seat()
    {
        var seated = Four.Admit("SRB", "Serbia", "2024-12-16");

        var decided = BodySeats.Decide(seated, new MemberAdmitted(Body.Nato, Code("SRB"), "Serbia", Date("2024-12-16"), 0, false, null, null));

        Assert.False(decided.IsRefused);
        Assert.Empty(decided.Events);
    }

    [Fact]
    public void following_a_candidate_already_followed_is_refused()
    {
        var refusal = Concord.Domain.Accession.Accession.Decide(Opened(), new OpenAccessionCommand(Code("SRB"), "Serbia")).Refusal;

        Assert.Equal(RefusalKind.Conflict, refusal?.Kind);
        Assert.Equal("The accession of Serbia (SRB) is already followed.", refusal?.Reason);
    }
}
