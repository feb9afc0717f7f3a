using Concord.Domain.Accession;
using Xunit;
using static Concord.Domain.Tests.Accession.Candidacy;

namespace Concord.Domain.Tests.Accession;

using Accession = global::Concord.Domain.Accession.Accession;

/// <summary>
/// Analytics on a small synthetic accession with known numbers. Serbia's protocol is signed on 2023-01-01 by five
/// Allies, which approve it 0, 20, 60, 120 and 200 days later and each deposit five days after approving.
/// </summary>
public sealed class AnalyticsTests
{
    private static readonly Accession Serbia = Opened()
        .Then(Five, Invited("2022-12-01"), ProtocolSignedOn("2023-01-01"),
            Approved("CAN", "2023-01-01"), Deposited("CAN", "2023-01-06"),
            Approved("DNK", "2023-01-21"), Deposited("DNK", "2023-01-26"),
            Approved("BEL", "2023-03-02"), Deposited("BEL", "2023-03-07"),
            Approved("HUN", "2023-05-01"), Deposited("HUN", "2023-05-06"),
            Approved("TUR", "2023-07-20"), Deposited("TUR", "2023-07-25"));

    [Fact]
    public void a_summary_resting_only_on_official_records_is_said_plainly_and_otherwise_says_how_many_are_known_how()
    {
        static RecordAccessionStepCommand As(RecordAccessionStepCommand command, string? confidence) => command with { Confidence = confidence };
        var official = Opened().Then(Five, Invited("2022-12-01"), ProtocolSignedOn("2023-01-01"),
            As(Approved("CAN", "2023-01-01"), "official"), As(Approved("DNK", "2023-01-21"), "official"));
        var mixed = official.Then(Five, As(Approved("BEL", "2023-03-02"), "claimed"), As(Approved("HUN", "2023-05-01"), null),
            As(Approved("TUR", "2023-05-02"), "reported"));

        Assert.Equal("As of 2023-02-01, 2 of 5 Parties had ratified; for 3 Parties the sources date no ratification by then (not known).",
            official.Evaluate(Five, Date("2023-02-01")).Summary);
        Assert.Equal("As of 2023-06-01, 5 of 5 Parties had ratified (1 of them as reported, 1 as claimed, 1 unlabelled).",
            mixed.Evaluate(Five, Date("2023-06-01")).Summary);
    }

    [Fact]
    public void days_from_signature_to_each_allys_ratification_are_counted_to_its_national_approval()
    {
        var status = Serbia.Evaluate(Five, Today);

        Assert.Equal([60, 0, 20, 120, 200], status.Parties.Select(p => p.DaysToRatify));
        Assert.Equal(["BEL", "CAN", "DNK", "HUN", "TUR"], status.Parties.Select(p => p.Party.Value));
        Assert.Equal(On("2023-03-07"), status.Parties[0].Deposited);
    }

    [Fact]
    public void the_spread_gives_the_median_the_extremes_and_how_many_were_done_within_30_90_and_180_days()
    {
        var spread = Serbia.Evaluate(Five, Today).Spread;

        Assert.Equal(new RatificationSpread(Count: 5, MedianDays: 60, MinDays: 0, MaxDays: 200, Within30: 2, Within90: 3, Within180: 4), spread);
    }

    [Fact]
    public void the_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        var spread = Serbia.Evaluate(Five, Date("2023-06-01")).Spread;

        Assert.Equal(new RatificationSpread(4, 40, 0, 120, 2, 3, 4), spread);
    }

    [Fact]
    public void a_ratification_on_day_30_counts_within_30_days()
    {
        var state = Opened().Then(Five, Invited("2022-12-01"), ProtocolSignedOn("2023-01-01"), Approved("CAN", "2023-01-31"), Approved("DNK", "2023-02-01"));

        var spread = state.Evaluate(Five, Today).Spread;

        Assert.Equal((30, 31), (spread.MinDays, spread.MaxDays));
        Assert.Equal(1, spread.Within30);
        Assert.Equal(2, spread.Within90);
    }

    [Fact]
    public void the_critical_path_names_the_last_ratifiers_and_how_many_days_each_held_up_completion()
    {
        var status = Serbia.Evaluate(Five, Today);

        Assert.Equal("TUR", status.LastRatifier?.Value);
        Assert.Equal(
            [("TUR", "Türkiye", On("2023-07-20"), 80), ("HUN", "Hungary", On("2023-05-01"), 60), ("BEL", "Belgium", On("2023-03-02"), 40)],
            status.CriticalPath.Select(h => (h.Party.Value, h.Name, h.Ratified, h.DelayDays)));
    }

    [Fact]
    public void the_first_ratifier_alone_held_up_nothing()
    {
        var state = Opened().Then(Five, Invited("2022-12-01"), ProtocolSignedOn("2023-01-01"), Approved("CAN", "2023-01-31"));

        Assert.Equal(0, Assert.Single(state.Evaluate(Five, Today).CriticalPath).DelayDays);
    }

    [Fact]
    public void there_is_no_last_ratifier_while_a_party_is_pending()
    {
        Assert.Null(Serbia.Evaluate(Five, Date("2023-06-01")).LastRatifier);
    }

    [Fact]
    public void a_ratification_known_only_by_a_bound_counts_as_ratified_but_has_no_days_and_no_place_on_the_critical_path()
    {
        var state = Opened().Then(Five, Invited("2022-12-01"), ProtocolSignedOn("2023-01-01"),
            Approved("CAN", "2023-01-11"), Stage("DNK", RatificationStage.Deposit, OnOrBefore("2023-06-01")));

        var status = state.Evaluate(Five, Today);

        Assert.Equal(2, status.RatifiedCount);
        Assert.Null(status.Parties.Single(p => p.Party == Code("DNK")).DaysToRatify);
        Assert.Equal(1, status.Spread.Count);
        Assert.DoesNotContain(status.CriticalPath, h => h.Party == Code("DNK"));
    }

    [Theory]
    [InlineData("2023-01-01", "As of 2023-01-01, 1 of 5 Parties had ratified (1 of them as reported); Belgium, Denmark, Hungary and Türkiye pending for 0 days.")]
    [InlineData("2023-02-01", "As of 2023-02-01, 2 of 5 Parties had ratified (2 of them as reported); Belgium, Hungary and Türkiye pending for 31 days.")]
    [InlineData("2023-04-01", "As of 2023-04-01, 3 of 5 Parties had ratified (3 of them as reported); Hungary and Türkiye pending for 90 days.")]
    [InlineData("2023-06-01", "As of 2023-06-01, 4 of 5 Parties had ratified (4 of them as reported); Türkiye pending for 151 days.")]
    [InlineData("2023-07-22", "As of 2023-07-22, 5 of 5 Parties had ratified (5 of them as reported).")]
    [InlineData("2023-08-01", "As of 2023-08-01, 5 of 5 Parties had ratified (5 of them as reported); the protocol has been in force since 2023-07-25.")]
    public void the_summary_says_how_many_parties_had_ratified_and_who_is_pending_for_how_long(string asOf, string summary)
    {
        Assert.Equal(summary, Serbia.Evaluate(Five, Date(asOf)).Summary);
    }

    [Fact]
    public void before_the_protocol_is_signed_the_summary_says_so_and_the_next_step_is_the_invitation()
    {
        var status = Opened().Then(Five, Applied("2022-10-01")).Evaluate(Five, Date("2022-11-01"));

        Assert.Equal("As of 2022-11-01, Serbia has no accession protocol.", status.Summary);
        Assert.Equal("applied", status.Stage);
        Assert.Equal("A political invitation by consensus of the Allies.", status.NextStep);
    }

    [Fact]
    public void the_next_step_follows_the_path()
    {
        Assert.Equal("Ratification by Hungary and Türkiye, then every deposit with the depositary.", Serbia.Evaluate(Five, Date("2023-04-01")).NextStep);
        Assert.Equal("The Secretary General invites Serbia to accede; Serbia then deposits its instrument of accession.", Serbia.Evaluate(Five, Today).NextStep);
        var invited = Serbia.Then(Five, InvitedToAccede("2023-07-26"));
        Assert.Equal("Serbia deposits its instrument of accession with the US Government.", invited.Evaluate(Five, Today).NextStep);
        Assert.Equal("None: the accession is complete.", invited.Then(Five, Acceded("2023-08-15")).Evaluate(Five, Today).NextStep);
    }
}
