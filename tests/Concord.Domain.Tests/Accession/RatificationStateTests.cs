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
        Assert.Equal("As of 2025-01-20, 3 of 4 Parties had ratified; for 1 Party the sources date no ratification by then (not known).", status.Summary);
    }

    [Fact]
    public void a_view_of_the_past_folded_to_its_date_takes_pending_from_the_acts_recorded_since()
    {
        var toTheDate = Signed(Four).Then(Four, Approved("CAN", "2024-10-01"));

        Assert.Equal(RatificationState.NotKnown, toTheDate.Evaluate(Four, Date("2025-01-10")).Parties.Single(p => p.Party == Code("TUR")).State);
        Assert.Equal(RatificationState.Pending, toTheDate.Evaluate(Four, Date("2025-01-10"), known: Known).Parties.Single(p => p.Party == Code("TUR")).State);
    }
}
