using Concord.Domain.Assistance;
using Xunit;
using static Concord.Domain.Tests.Assistance.Ledger;

namespace Concord.Domain.Tests.Assistance;

public sealed class DelaysTests
{
    [Fact]
    public void days_to_first_and_full_delivery_are_counted_from_the_announcement_and_null_while_not_reached()
    {
        var delays = AsOf("2023-12-31").Select(Delays.Of).ToDictionary(d => d.Id.Value);
        Assert.Equal((50, 211), (delays["DEU-iris-t"].DaysToFirstDelivery, delays["DEU-iris-t"].DaysToFullDelivery));
        Assert.Equal((60, (int?)null), (delays["USA-shells"].DaysToFirstDelivery, delays["USA-shells"].DaysToFullDelivery));
        Assert.Equal(((int?)null, (int?)null), (delays["DEU-leopard"].DaysToFirstDelivery, delays["DEU-leopard"].DaysToFullDelivery));
        Assert.Equal((8, 8), (delays["GBR-challenger"].DaysToFirstDelivery, delays["GBR-challenger"].DaysToFullDelivery));
    }

    [Fact]
    public void as_of_a_date_before_a_delivery_the_delivery_is_not_reached()
    {
        var iris = Delays.Of(AsOf("2023-02-28").Single(p => p.Id.Value == "DEU-iris-t"));
        Assert.Null(iris.DaysToFirstDelivery);
        Assert.Equal(PledgeStatus.Announced, iris.Status);
    }

    [Fact]
    public void the_backlog_sums_what_is_outstanding_per_item_and_value_per_currency()
    {
        var backlog = Delays.BacklogOf(AsOf("2023-05-31"));
        Assert.Equal(3, backlog.Pledges);
        Assert.Equal([new BacklogLine("155 mm shells", "rounds", 70_000), new BacklogLine("IRIS-T SLM", "systems", 2), new BacklogLine("Leopard 1", "vehicles", 10)], backlog.Items);
        Assert.Equal(new Dictionary<string, decimal> { ["EUR"] = 250, ["USD"] = 300 }, backlog.Value);
    }

    [Fact]
    public void a_cancelled_pledge_leaves_the_backlog()
    {
        var backlog = Delays.BacklogOf(AsOf("2023-12-31"));
        Assert.Equal(1, backlog.Pledges);
        Assert.Equal([new BacklogLine("155 mm shells", "rounds", 70_000)], backlog.Items);
        Assert.Equal(new Dictionary<string, decimal> { ["USD"] = 300 }, backlog.Value);
    }

    [Fact]
    public void a_missed_promise_is_counted_to_the_as_of_date_while_outstanding_and_to_the_delivery_once_it_came()
    {
        var overdue = Assert.Single(Delays.Late(AsOf("2023-07-31"), On("2023-07-31")));
        Assert.Equal(("DEU-iris-t", 31), (overdue.Id.Value, overdue.DaysLate));
        Assert.Null(overdue.DeliveredOn);

        var late = Assert.Single(Delays.Late(AsOf("2023-12-31"), On("2023-12-31")));
        Assert.Equal(On("2023-08-09"), late.DeliveredOn);
        Assert.Equal(40, late.DaysLate);
        Assert.Equal(On("2023-06-30"), late.PromisedBy);
    }

    [Fact]
    public void per_donor_the_counts_median_and_backlog_match_the_ledger()
    {
        var groups = Delays.By(AsOf("2023-12-31"), DelayGrouping.Donor, On("2023-12-31")).ToDictionary(g => g.Key);
        Assert.Equal(["DEU", "GBR", "USA"], groups.Keys);
        var deu = groups["DEU"];
        Assert.Equal((2, 1, 1, 1, 50m, 1), (deu.Pledges, deu.FirstDelivered, deu.FullyDelivered, deu.Cancelled, deu.MedianDaysToFirstDelivery, deu.Late));
        Assert.Equal(0, deu.Backlog.Pledges);
        Assert.Equal((60m, 1), (groups["USA"].MedianDaysToFirstDelivery, groups["USA"].Backlog.Pledges));
    }

    [Fact]
    public void per_category_and_per_month_groups_are_keyed_by_the_category_and_the_month_of_announcement()
    {
        var categories = Delays.By(AsOf("2023-12-31"), DelayGrouping.Category, On("2023-12-31"));
        Assert.Equal(["airDefence", "ammunition155mm", "armour"], categories.Select(g => g.Key));
        Assert.Equal((2, 8m, 1), (categories[2].Pledges, categories[2].MedianDaysToFirstDelivery, categories[2].Cancelled));

        var months = Delays.By(AsOf("2023-12-31"), DelayGrouping.Month, On("2023-12-31"));
        Assert.Equal(["2023-01", "2023-02", "2023-03", "2023-05"], months.Select(g => g.Key));
    }

    [Fact]
    public void percentiles_interpolate_between_ranks_and_the_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        int[] days = [60, 8, 100, 50];
        Assert.Equal(55m, Delays.Percentile(days, 0.5m));
        Assert.Equal(39.5m, Delays.Percentile(days, 0.25m));
        Assert.Equal(88m, Delays.Percentile(days, 0.9m));
        Assert.Null(Delays.Percentile([], 0.5m));
    }
}
