using Concord.Domain.Accession;
using Concord.Domain.Tests.Rules;
using Xunit;
using static Concord.Domain.Tests.Accession.Candidacy;

namespace Concord.Domain.Tests.Accession;

/// <summary>
/// "In force when every Party has deposited" (Protocol Art. II): Unanimity over the Parties of the day, where silence
/// is not consent and an Ally that joins while the protocol is pending must deposit too.
/// </summary>
public sealed class EntryIntoForceTests
{
    [Fact]
    public void protocol_is_not_in_force_while_one_party_has_not_deposited_however_long_it_stays_silent()
    {
        var silent = Signed(Four).DepositedBy(Four, "2024-10-01", "TUR");

        var status = silent.Evaluate(Four, Date("2044-10-01"));

        Assert.Null(silent.EntryIntoForce(Four, Date("2044-10-01")));
        Assert.Null(status.EnteredIntoForce);
        // Nothing recorded of Türkiye's procedure: not known, which is not pending.
        Assert.Empty(status.Pending);
        Assert.Equal([Code("TUR")], status.NotKnown);
        Assert.Equal("ratification", status.Stage);
    }

    [Fact]
    public void a_national_approval_without_its_deposit_does_not_bring_the_protocol_into_force()
    {
        var approved = Signed(Four).DepositedBy(Four, "2024-10-01", "TUR").Then(Four, Approved("TUR", "2024-11-01"));

        var status = approved.Evaluate(Four, Date("2025-05-01"));

        Assert.Null(status.EnteredIntoForce);
        Assert.Empty(status.Pending);
        Assert.Equal("Deposit of the remaining instruments of acceptance with the depositary.", status.NextStep);
    }

    [Fact]
    public void protocol_enters_into_force_on_the_day_the_last_party_deposits()
    {
        var complete = Signed(Four).DepositedBy(Four, "2024-10-01", "TUR").Then(Four, Deposited("TUR", "2024-12-02"));

        Assert.Null(complete.EntryIntoForce(Four, Date("2024-12-01")));
        Assert.Equal(On("2024-12-02"), complete.EntryIntoForce(Four, Date("2024-12-02")));
        Assert.Equal(On("2024-12-02"), complete.EntryIntoForce(Four, Today));
        Assert.Equal("protocol in force", complete.Evaluate(Four, Today).Stage);
    }

    [Fact]
    public void a_last_deposit_known_only_as_on_or_before_a_day_gives_an_entry_into_force_between_the_other_deposits_and_that_day()
    {
        var bounded = Signed(Four).DepositedBy(Four, "2024-10-01", "TUR")
            .Then(Four, Stage("TUR", RatificationStage.Deposit, OnOrBefore("2024-12-02")));

        Assert.Equal(DateWindow.Between(Date("2024-10-01"), Date("2024-12-02")), bounded.EntryIntoForce(Four, Today));
        Assert.Equal("between 2024-10-01 and 2024-12-02", bounded.EntryIntoForce(Four, Today).ToString());
    }

    [Fact]
    public void deposits_all_known_only_as_on_or_before_a_day_give_an_entry_into_force_on_or_before_that_day()
    {
        var bounded = Signed(Four).Then(Four, [.. Four.Seats.Select(s => Stage(s.Member.Value, RatificationStage.Deposit, OnOrBefore("2024-12-02")))]);

        Assert.Equal(OnOrBefore("2024-12-02"), bounded.EntryIntoForce(Four, Today));
    }

    [Fact]
    public void an_exact_deposit_on_the_same_day_as_bounded_ones_makes_the_entry_into_force_exact()
    {
        var state = Signed(Four)
            .Then(Four, Stage("CAN", RatificationStage.Deposit, OnOrBefore("2024-12-02")), Stage("HUN", RatificationStage.Deposit, OnOrBefore("2024-12-02")),
                Deposited("USA", "2024-11-01"), Deposited("TUR", "2024-12-02"));

        Assert.Equal(On("2024-12-02"), state.EntryIntoForce(Four, Today));
    }

    [Fact]
    public void a_withdrawn_ratification_keeps_the_protocol_out_of_force_until_deposited_again()
    {
        var withdrawn = Signed(Four).DepositedBy(Four, "2024-10-01", "TUR").Then(Four, Withdrew("HUN", "2024-11-01"), Deposited("TUR", "2024-12-02"));

        Assert.Null(withdrawn.EntryIntoForce(Four, Today));
        Assert.Equal(On("2024-11-01"), withdrawn.TrackOf(Code("HUN")).Withdrawn);

        var again = withdrawn.Then(Four, Deposited("HUN", "2025-02-03"));

        Assert.Equal(On("2025-02-03"), again.EntryIntoForce(Four, Today));
        Assert.Null(again.EntryIntoForce(Four, Date("2025-02-02")));
    }

    [Fact]
    public void a_party_that_withdrew_its_ratification_counts_as_pending_again()
    {
        var withdrawn = Signed(Four)
            .Then(Four, Approved("HUN", "2024-09-20"))
            .DepositedBy(Four, "2024-10-01", "TUR")
            .Then(Four, Withdrew("HUN", "2024-11-01"));

        var status = withdrawn.Evaluate(Four, Date("2024-11-15"));

        Assert.Equal([Code("HUN")], status.Pending);
        Assert.Equal([Code("TUR")], status.NotKnown);
        Assert.Equal(2, status.RatifiedCount);
    }

    [Fact]
    public void a_withdrawal_dated_before_entry_into_force_cannot_undo_a_membership_already_recorded()
    {
        var member = Signed(Four).DepositedBy(Four, "2024-10-01", "TUR")
            .Then(Four, Deposited("TUR", "2024-12-02"), InvitedToAccede("2024-12-03"), Acceded("2024-12-16"));

        var refusal = member.Refused(Four, Withdrew("HUN", "2024-11-01"));

        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
    }

    [Fact]
    public void a_protocol_pending_when_a_new_ally_joins_is_not_in_force_until_the_new_ally_deposits_as_finland_ratified_swedens()
    {
        var pending = Signed(Four).DepositedBy(Four, "2024-10-01", "TUR");
        var withAustria = Four.Admit("AUT", "Austria", "2024-11-04");
        var allOriginalParties = pending.Then(withAustria, Deposited("TUR", "2024-12-02"));

        Assert.Equal(On("2024-12-02"), allOriginalParties.EntryIntoForce(Four, Today));
        Assert.Null(allOriginalParties.EntryIntoForce(withAustria, Today));
        Assert.Equal([Code("AUT")], allOriginalParties.Evaluate(withAustria, Today).NotKnown);
        Assert.Equal(5, allOriginalParties.Evaluate(withAustria, Today).Parties.Count);
        Assert.Contains("Austria was not yet a Party on 2024-11-03", allOriginalParties.Refused(withAustria, Deposited("AUT", "2024-11-03")).Reason, StringComparison.Ordinal);

        var austriaDeposited = allOriginalParties.Then(withAustria, Deposited("AUT", "2025-01-15"));

        Assert.Equal(On("2025-01-15"), austriaDeposited.EntryIntoForce(withAustria, Today));
    }

    [Fact]
    public void an_ally_that_joins_after_entry_into_force_does_not_move_it()
    {
        var inForce = Signed(Four).DepositedBy(Four, "2024-10-01");
        var withAustria = Four.Admit("AUT", "Austria", "2024-11-04");

        Assert.Equal(On("2024-10-01"), inForce.EntryIntoForce(withAustria, Today));
        Assert.Equal(4, inForce.Evaluate(withAustria, Today).Parties.Count);
    }

    [Fact]
    public void swedens_protocol_needed_finlands_deposit_once_finland_had_joined()
    {
        var nato = Seats.NatoBody;
        var sweden = Opened("SWE", "Sweden").Then(nato, Invited("2022-06-29"), ProtocolSignedOn("2022-07-05"))
            .DepositedBy(nato, "2022-12-31", "HUN", "TUR")
            .Then(nato, Deposited("TUR", "2024-01-26"), Deposited("HUN", "2024-03-07"));

        Assert.Null(sweden.EntryIntoForce(nato, Date("2024-03-07")));
        Assert.Equal([Code("FIN")], sweden.Evaluate(nato, Date("2024-03-07")).NotKnown);
        Assert.Equal(31, sweden.Evaluate(nato, Date("2024-03-07")).Parties.Count);
        Assert.Equal(30, sweden.Evaluate(nato, Date("2023-04-03")).Parties.Count);

        var withFinland = sweden.Then(nato, Deposited("FIN", "2023-04-04"));

        Assert.Null(withFinland.EntryIntoForce(nato, Date("2024-03-06")));
        Assert.Equal(On("2024-03-07"), withFinland.EntryIntoForce(nato, Date("2024-03-07")));
        Assert.Equal(31, withFinland.Evaluate(nato, Date("2024-03-07")).Parties.Count);
    }

    [Fact]
    public void a_protocol_with_no_parties_never_enters_into_force()
    {
        var empty = Council();
        var signed = Signed(empty);

        Assert.Null(signed.EntryIntoForce(empty, Today));
    }
    private static RecordAccessionStepCommand InForce(string date) => new(AccessionStep.ProtocolInForce, On(date), "depositary notice", "official", null);

    [Fact]
    public void a_recorded_entry_into_force_wins_over_the_bounds_the_deposits_give_and_keeps_them_bounds()
    {
        var bounded = Signed(Four).Then(Four, [.. new[] { "CAN", "HUN", "TUR", "USA" }.Select(p => Stage(p, RatificationStage.Deposit, OnOrBefore("2025-03-01")))]);

        var recorded = bounded.Then(Four, InForce("2025-02-20"));

        Assert.Equal(OnOrBefore("2025-03-01"), bounded.EntryIntoForce(Four, Today));
        Assert.Equal(On("2025-02-20"), recorded.EntryIntoForce(Four, Today));
        Assert.Null(recorded.EntryIntoForce(Four, Date("2025-02-19")));
        Assert.Equal(OnOrBefore("2025-03-01"), recorded.Evaluate(Four, Today).Parties.Single(p => p.Party == Code("HUN")).Deposited);
    }

    [Fact]
    public void an_entry_into_force_is_refused_when_a_party_deposited_after_it_or_the_deposits_bring_it_in_force_earlier()
    {
        var deposited = Signed(Four).DepositedBy(Four, "2024-10-01", "TUR").Then(Four, Deposited("TUR", "2024-12-02"));

        var tooEarly = deposited.Refused(Four, InForce("2024-11-01"));
        var tooLate = deposited.Refused(Four, InForce("2024-12-10"));

        Assert.Equal(("date", "Türkiye's deposit is recorded on 2024-12-02, after 2024-11-01: the protocol cannot have been in force then."), (tooEarly.Field, tooEarly.Reason));
        Assert.Equal(("date", "The deposits recorded bring the protocol into force on 2024-12-02, before 2024-12-10."), (tooLate.Field, tooLate.Reason));
        Assert.Equal(On("2024-12-02"), deposited.Then(Four, InForce("2024-12-02")).EntryIntoForce(Four, Today));
    }

    [Fact]
    public void once_an_entry_into_force_is_recorded_no_party_of_that_day_can_deposit_or_approve_after_it()
    {
        var recorded = Signed(Four).Then(Four, InForce("2024-12-02"));

        var refusal = recorded.Refused(Four, Deposited("TUR", "2024-12-05"));

        Assert.Equal("date", refusal.Field);
        Assert.Contains("recorded in force on 2024-12-02", refusal.Reason, StringComparison.Ordinal);
        Assert.Equal(OnOrBefore("2024-12-02"), recorded.Then(Four, Stage("TUR", RatificationStage.Deposit, OnOrBefore("2024-12-02"))).TrackOf(Code("TUR")).Deposit?.Date);
    }

    [Fact]
    public void an_ally_that_joined_while_the_protocol_was_pending_has_its_days_to_ratify_counted_from_the_day_it_joined()
    {
        // Signed on 2024-09-02; Austria joins on 2024-11-04 while Türkiye has not deposited, and approves ten days later.
        var withAustria = Four.Admit("AUT", "Austria", "2024-11-04");
        var state = Signed(Four).DepositedBy(Four, "2024-10-01", "TUR").Then(withAustria, Approved("AUT", "2024-11-14"));

        var austria = state.Evaluate(withAustria, Today).Parties.Single(p => p.Party == Code("AUT"));

        Assert.Equal(10, austria.DaysToRatify);
        Assert.Equal(29, state.Evaluate(withAustria, Today).Parties.Single(p => p.Party == Code("CAN")).DaysToRatify);
    }

    [Fact]
    public void a_recorded_entry_into_force_shows_every_party_of_that_day_ratified_by_its_bound_where_the_sources_date_no_deposit()
    {
        var recorded = Signed(Four).Then(Four, Approved("CAN", "2024-10-01"), InForce("2024-12-02"));

        var status = recorded.Evaluate(Four, Today);

        Assert.Equal(4, status.RatifiedCount);
        Assert.Empty(status.NotKnown);
        Assert.Equal(OnOrBefore("2024-12-02"), status.Parties.Single(p => p.Party == Code("HUN")).Deposited);
        Assert.Equal(RatificationState.RatifiedByBound, status.Parties.Single(p => p.Party == Code("HUN")).State);
        Assert.Equal((On("2024-10-01"), RatificationState.Ratified), (status.Parties.Single(p => p.Party == Code("CAN")).Ratified, status.Parties.Single(p => p.Party == Code("CAN")).State));
        Assert.Equal(3, recorded.Evaluate(Four, Date("2024-12-01")).NotKnown.Count);
    }
}
