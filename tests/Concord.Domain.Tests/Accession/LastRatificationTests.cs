using Concord.Domain.Accession;
using Xunit;
using static Concord.Domain.Tests.Accession.Candidacy;

namespace Concord.Domain.Tests.Accession;

using Accession = global::Concord.Domain.Accession.Accession;

/// <summary>
/// A source names the last Party to ratify (its deposit was the last of all): Concord shows it, uses it for every other Party
/// (all had deposited by then), and refuses it where the dates already recorded contradict it.
/// </summary>
public sealed class LastRatificationTests
{
    /// <summary>Serbia's protocol signed on 2024-09-02; Canada, Hungary and the United States approved by November, Türkiye on 2024-11-28.</summary>
    private static readonly Accession Approved4 = Signed(Four).Then(Four,
        Approved("CAN", "2024-10-01"), Approved("HUN", "2024-10-15"), Approved("USA", "2024-11-01"), Approved("TUR", "2024-11-28"));

    [Fact]
    public void the_party_a_source_names_last_is_the_last_ratifier_where_the_deposits_are_only_bounds()
    {
        var bounded = Approved4.Then(Four, [.. Four.Seats.Select(s => Stage(s.Member.Value, RatificationStage.Deposit, OnOrBefore("2024-12-02")))]);
        var named = bounded.Then(Four, Last("TUR", Between("2024-11-28", "2024-12-02")));

        var status = named.Evaluate(Four, Today);

        Assert.Equal(Code("TUR"), status.LastRatifier);
        Assert.Equal(Code("TUR"), status.CriticalPath[0].Party);
        Assert.Equal(Between("2024-11-28", "2024-12-02"), status.Parties.Single(p => p.Party == Code("TUR")).Deposited);
    }

    [Fact]
    public void every_other_party_had_deposited_by_the_last_partys_deposit_so_the_protocol_was_in_force_then()
    {
        var state = Approved4.Then(Four, Deposited("TUR", "2024-12-02"), Last("TUR", On("2024-12-02")));

        var status = state.Evaluate(Four, Today);

        Assert.Equal(On("2024-12-02"), status.EnteredIntoForce);
        Assert.Equal(4, status.RatifiedCount);
        Assert.Empty(status.NotKnown);
        Assert.Equal(OnOrBefore("2024-12-02"), status.Parties.Single(p => p.Party == Code("CAN")).Deposited);
        Assert.Equal("As of 2025-06-01, 4 of 4 Parties had ratified (4 of them as reported); the protocol has been in force since 2024-12-02.", status.Summary);
        Assert.Null(Approved4.Then(Four, Deposited("TUR", "2024-12-02")).EntryIntoForce(Four, Today));
    }

    [Fact]
    public void a_source_naming_the_last_party_overrides_the_order_of_the_approvals_without_counting_days_it_cannot_prove()
    {
        var state = Approved4.Then(Four, (Approved("USA", "2024-11-30") with { Corrects = true }), Last("TUR", Between("2024-11-28", "2024-12-02")));

        var status = state.Evaluate(Four, Today);

        Assert.Equal(Code("TUR"), status.LastRatifier);
        var last = Assert.Single(status.CriticalPath);
        Assert.Equal((Code("TUR"), On("2024-11-28"), (int?)null, (string?)null), (last.Party, last.Ratified, last.DelayDays, last.After));
        Assert.Equal(Code("USA"), Approved4.Then(Four, (Approved("USA", "2024-11-30") with { Corrects = true })).Evaluate(Four, Today).LastRatifier);
    }

    [Fact]
    public void where_the_dates_prove_the_order_the_named_last_ratifier_keeps_its_days_after_the_one_before()
    {
        var status = Approved4.Then(Four, Last("TUR", Between("2024-11-28", "2024-12-02"))).Evaluate(Four, Today);

        Assert.Equal([("TUR", (int?)27, "United States"), ("USA", 17, "Hungary"), ("HUN", 14, "Canada")],
            status.CriticalPath.Select(h => (h.Party.Value, h.DelayDays, h.After)));
    }

    [Fact]
    public void before_its_window_the_last_party_is_pending_within_it_not_known_and_no_last_ratifier_is_named()
    {
        var state = Signed(Four).Then(Four, Last("TUR", Between("2024-12-01", "2024-12-05")));

        Assert.Equal(RatificationState.Pending, state.Evaluate(Four, Date("2024-11-20")).Parties.Single(p => p.Party == Code("TUR")).State);
        Assert.Equal(RatificationState.InWindow, state.Evaluate(Four, Date("2024-12-03")).Parties.Single(p => p.Party == Code("TUR")).State);
        Assert.Null(state.Evaluate(Four, Date("2024-12-03")).LastRatifier);
        Assert.Equal(Code("TUR"), state.Evaluate(Four, Date("2024-12-05")).LastRatifier);
    }

    [Fact]
    public void a_last_ratification_contradicting_a_later_deposit_is_refused_naming_the_party()
    {
        var state = Approved4.Then(Four, Deposited("CAN", "2024-12-10"));

        var refusal = state.Refused(Four, Last("TUR", On("2024-12-02")));

        Assert.Equal((RefusalKind.Unprocessable, "party"), (refusal.Kind, refusal.Field));
        Assert.Equal("Canada's deposit is recorded on 2024-12-10, after Türkiye's deposit (2024-12-02): Türkiye cannot have been the last Party to deposit.", refusal.Reason);
    }

    [Fact]
    public void a_last_ratification_contradicting_a_later_approval_is_refused_naming_the_party()
    {
        var refusal = Approved4.Refused(Four, Last("HUN", On("2024-11-20")));

        Assert.Equal((RefusalKind.Unprocessable, "party"), (refusal.Kind, refusal.Field));
        Assert.StartsWith("Türkiye's approval is recorded on 2024-11-28", refusal.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AUT", "'AUT' is not an Ally, so not a Party to the protocol: it cannot be the last to ratify.")]
    [InlineData("SRB", "Serbia is the candidate, not a Party to its own protocol.")]
    public void a_last_ratifier_that_is_not_a_party_is_refused_naming_the_party(string party, string reason)
    {
        var refusal = Approved4.Refused(Four, Last(party, On("2024-12-02")));

        Assert.Equal((RefusalKind.Unprocessable, "party", reason), (refusal.Kind, refusal.Field, refusal.Reason));
    }

    [Fact]
    public void an_ally_that_joined_after_the_last_deposit_cannot_be_the_last_party()
    {
        var withAustria = Four.Admit("AUT", "Austria", "2025-01-10");

        var refusal = Approved4.Refused(withAustria, Last("AUT", On("2024-12-02")));

        Assert.Equal((RefusalKind.Unprocessable, "party"), (refusal.Kind, refusal.Field));
    }

    [Fact]
    public void a_last_deposit_before_the_partys_own_approval_or_away_from_its_own_deposit_is_refused_naming_the_date()
    {
        Assert.Equal("date", Approved4.Refused(Four, Last("TUR", On("2024-11-20"))).Field);
        Assert.Equal("date", Approved4.Then(Four, Deposited("TUR", "2024-12-02")).Refused(Four, Last("TUR", On("2024-12-03"))).Field);
    }

    [Fact]
    public void once_a_last_party_is_recorded_no_other_party_can_deposit_or_approve_after_its_deposit()
    {
        var state = Approved4.Then(Four, Last("TUR", On("2024-12-02")));

        var refusal = state.Refused(Four, Deposited("CAN", "2024-12-05"));

        Assert.Equal((RefusalKind.Unprocessable, "date"), (refusal.Kind, refusal.Field));
        Assert.Equal("Türkiye is recorded as the last Party to deposit (2024-12-02): Canada cannot deposit on 2024-12-05, after that.", refusal.Reason);
        Assert.Equal("date", state.Refused(Four, Approved("HUN", "2024-12-03")).Field);
        Assert.Equal("date", state.Refused(Four, Deposited("TUR", "2024-12-04")).Field);
    }

    [Fact]
    public void a_last_deposit_after_a_recorded_entry_into_force_is_refused()
    {
        var inForce = Approved4.Then(Four, new RecordAccessionStepCommand(AccessionStep.ProtocolInForce, On("2024-12-02"), "test", "reported", null));

        Assert.Equal("date", inForce.Refused(Four, Last("TUR", On("2024-12-03"))).Field);
        Assert.Null(inForce.Decide(Last("TUR", Between("2024-11-28", "2024-12-02")), Four, Today).Refusal);
    }
}
