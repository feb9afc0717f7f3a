using Concord.Domain.Accession;
using Xunit;
using static Concord.Domain.Tests.Accession.Candidacy;

namespace Concord.Domain.Tests.Accession;

/// <summary>What the evidence says of each Party on a date: unknown is not pending.</summary>
public sealed class RatificationStateTests
{
    // Signed on 2024-09-02. Canada approved on 2024-10-01; Hungary's deposit is known only as "on or before 2025-01-20";
    // Türkiye's parliament approved on 2025-01-15; nothing is recorded of the United States.
    private static readonly Concord.Domain.Accession.Accession Known = Signed(Four)
        .Then(Four, Approved("CAN", "2024-10-01"), Stage("HUN", RatificationStage.Deposit, OnOrBefore("2025-01-20")), Approved("TUR", "2025-01-15"));

    [Theory]
    [InlineData("CAN", RatificationState.Ratified)]
    [InlineData("HUN", RatificationState.NotKnown)]
    [InlineData("TUR", RatificationState.Pending)]
    [InlineData("USA", RatificationState.NotKnown)]
    public void on_a_date_a_party_is_ratified_pending_only_when_an_act_is_dated_after_it_and_otherwise_not_known(string party, RatificationState expected)
    {
        var status = Known.Evaluate(Four, Date("2025-01-10"));

        Assert.Equal(expected, status.Parties.Single(p => p.Party == Code(party)).State);
        Assert.Equal([Code("TUR")], status.Pending);
        Assert.Equal([Code("HUN"), Code("USA")], status.NotKnown);
    }

    [Fact]
    public void once_its_bound_has_fallen_a_party_known_only_by_a_bound_counts_as_ratified_by_that_bound()
    {
        var status = Known.Evaluate(Four, Date("2025-01-20"));

        Assert.Equal(RatificationState.RatifiedByBound, status.Parties.Single(p => p.Party == Code("HUN")).State);
        Assert.Equal(3, status.RatifiedCount);
        Assert.Equal("As of 2025-01-20, 3 of 4 Parties had ratified (3 of them as reported); for 1 Party the sources date no ratification by then (not known).", status.Summary);
    }

    [Fact]
    public void a_view_of_the_past_folded_to_its_date_takes_pending_from_the_acts_recorded_since()
    {
        var toTheDate = Signed(Four).Then(Four, Approved("CAN", "2024-10-01"));

        Assert.Equal(RatificationState.NotKnown, toTheDate.Evaluate(Four, Date("2025-01-10")).Parties.Single(p => p.Party == Code("TUR")).State);
        Assert.Equal(RatificationState.Pending, toTheDate.Evaluate(Four, Date("2025-01-10"), known: Known).Parties.Single(p => p.Party == Code("TUR")).State);
    }

    // Signed on 2024-09-02, seen on 2025-01-10. Canada approved on 2024-10-01; Denmark deposited some day between 2024-11-01 and
    // 2024-12-15; Belgium's parliament approved between 2025-01-05 and 2025-01-20; a source shows Hungary's deposit came on or
    // after 2025-01-15; nothing is recorded of Türkiye.
    private static readonly Concord.Domain.Accession.Accession Windows = Signed(Five).Then(Five,
        Approved("CAN", "2024-10-01"),
        Stage("DNK", RatificationStage.Deposit, Between("2024-11-01", "2024-12-15")),
        Stage("BEL", RatificationStage.ParliamentaryApproval, Between("2025-01-05", "2025-01-20")),
        Stage("HUN", RatificationStage.Deposit, OnOrAfter("2025-01-15")));

    [Theory]
    [InlineData("CAN", RatificationState.Ratified)]
    [InlineData("DNK", RatificationState.RatifiedByBound)]
    [InlineData("BEL", RatificationState.InWindow)]
    [InlineData("HUN", RatificationState.Pending)]
    [InlineData("TUR", RatificationState.NotKnown)]
    public void a_party_is_ratified_ratified_by_a_bound_in_a_window_pending_or_not_known(string party, RatificationState expected)
    {
        Assert.Equal(expected, Windows.Evaluate(Five, Date("2025-01-10")).Parties.Single(p => p.Party == Code(party)).State);
    }

    [Fact]
    public void a_party_whose_ratification_window_straddles_the_date_is_not_known_never_pending_and_shows_its_window()
    {
        var status = Windows.Evaluate(Five, Date("2025-01-10"));
        var belgium = status.Parties.Single(p => p.Party == Code("BEL"));

        Assert.True(belgium.NotKnown);
        Assert.False(belgium.Pending);
        Assert.Null(belgium.Ratified);
        Assert.Equal(Between("2025-01-05", "2025-01-20"), belgium.Window);
        Assert.Equal([Code("BEL"), Code("TUR")], status.NotKnown);
        Assert.DoesNotContain(Code("BEL"), status.Pending);
    }

    [Fact]
    public void a_party_whose_act_is_dated_on_or_after_a_day_after_the_date_is_pending_and_counts_its_days()
    {
        var status = Windows.Evaluate(Five, Date("2025-01-10"));

        Assert.Equal([Code("HUN")], status.Pending);
        Assert.Equal(130, status.DaysPending);
        Assert.Equal("As of 2025-01-10, 2 of 5 Parties had ratified (2 of them as reported); Hungary pending for 130 days; for 2 Parties the sources date no ratification by then (not known).",
            status.Summary);
    }

    [Fact]
    public void once_its_first_day_has_passed_a_deposit_known_only_on_or_after_a_day_is_not_known_and_a_window_that_has_ended_is_ratified_by_its_bound()
    {
        var status = Windows.Evaluate(Five, Date("2025-01-20"));

        Assert.Equal(RatificationState.NotKnown, status.Parties.Single(p => p.Party == Code("HUN")).State);
        Assert.Equal(RatificationState.RatifiedByBound, status.Parties.Single(p => p.Party == Code("BEL")).State);
        Assert.Equal(Between("2025-01-05", "2025-01-20"), status.Parties.Single(p => p.Party == Code("BEL")).Ratified);
        Assert.Empty(status.Pending);
    }

    [Fact]
    public void a_window_is_never_counted_as_a_day_in_the_days_to_ratify()
    {
        var status = Windows.Evaluate(Five, Date("2025-01-20"));

        Assert.Equal([29], status.Parties.Select(p => p.DaysToRatify).OfType<int>());
        Assert.Equal(1, status.Spread.Count);
    }

    [Fact]
    public void a_month_that_includes_the_date_is_a_window_around_it()
    {
        var state = Signed(Five).Then(Five, Stage("DNK", RatificationStage.Deposit, DateWindow.InMonth(new NodaTime.YearMonth(2025, 1))));

        var denmark = state.Evaluate(Five, Date("2025-01-10")).Parties.Single(p => p.Party == Code("DNK"));

        Assert.Equal(RatificationState.InWindow, denmark.State);
        Assert.Equal("in January 2025", denmark.Window.ToString());
    }
}
