using Concord.Domain.Assistance;
using Concord.Domain.Members;
using Concord.Domain.Readiness;
using NodaTime;
using Xunit;

namespace Concord.Domain.Tests.Readiness;

public class DonationImpactTests
{
    private static readonly MemberCode Deu = MemberCode.Parse("DEU");
    private static readonly StockCategory AirDefence = StockCategory.Parse("air-defence");

    private static AllyReadiness Germany(decimal stock, decimal? floor) => AllyReadiness.Replay(Deu,
        new IReadinessEvent[] { new StockReported(Deu, AirDefence, stock, "systems", new LocalDate(2025, 1, 1), "test", FigureBasis.Reported, 30) }
            .Concat(floor is { } f ? [new ReadinessFloorSet(Deu, AirDefence, f, "test")] : []));

    [Fact]
    public void a_donation_that_takes_the_stock_under_its_floor_says_so_in_words()
    {
        var impact = DonationImpact.Of(Germany(6, 4), "Germany", AirDefence, 4)!;
        Assert.Equal("Germany's air-defence stock would fall to 2, below its floor of 4.", impact.Words);
        Assert.True(impact.BelowFloor);
        Assert.Equal(6, impact.Before);
        Assert.Equal(2, impact.After);
    }

    [Fact]
    public void a_stock_left_equal_to_its_floor_still_meets_it()
    {
        var impact = DonationImpact.Of(Germany(6, 4), "Germany", AirDefence, 2)!;
        Assert.False(impact.BelowFloor);
        Assert.Equal("Germany's air-defence stock would fall to 4, still at or above its floor of 4.", impact.Words);
    }

    [Fact]
    public void a_donation_larger_than_the_stock_is_flagged()
    {
        var impact = DonationImpact.Of(Germany(3, null), "Germany", AirDefence, 5)!;
        Assert.True(impact.ExceedsStock);
        Assert.Null(DonationImpact.Of(Germany(3, null), "Germany", StockCategory.Parse("armour"), 1));
    }

    [Fact]
    public void a_later_stock_report_replaces_an_earlier_one()
    {
        var state = AllyReadiness.Evolve(Germany(6, 4),
            new StockReported(Deu, AirDefence, 9, "systems", new LocalDate(2025, 3, 1), "test", FigureBasis.Reported, 30));
        Assert.Equal(5, state.Headroom(AirDefence));
    }

    [Theory]
    [InlineData("Air Defence", "air-defence")]
    [InlineData("AirDefence", "air-defence")]
    [InlineData("ammunition_155mm", "ammunition-155mm")]
    [InlineData("Ammunition155mm", "ammunition-155mm")]
    public void categories_are_read_as_lower_case_words_joined_by_dashes(string text, string expected) =>
        Assert.Equal(expected, StockCategory.Parse(text).Value);
}
