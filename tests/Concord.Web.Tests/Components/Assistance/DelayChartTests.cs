using System.Text.Json;
using Concord.Web.Components.Assistance;
using Vizor.ECharts;

namespace Concord.Web.Tests.Components.Assistance;

public sealed class DelayChartTests
{
    [Fact]
    public void the_five_numbers_interpolate_between_ranks()
    {
        // Sorted 10, 20, 40, 100: Q1 at rank 0.75 = 10 + 0.75 x 10 = 17.5; median at 1.5 = 30; Q3 at 2.25 = 40 + 0.25 x 60 = 55.
        Assert.Equal(new FiveNumbers(10, 17.5, 30, 55, 100), DelayChart.Summarise([100, 10, 40, 20]));
        Assert.Equal(new FiveNumbers(7, 7, 7, 7, 7), DelayChart.Summarise([7]));
    }

    [Fact]
    public void each_donor_is_one_box_labelled_with_its_count_and_donors_without_deliveries_are_left_out()
    {
        DonorDelays[] donors = [new("DEU", "Germany", [30, 90, 60]), new("FRA", "France", []), new("USA", "United States", [5])];

        var options = DelayChart.Options(donors, "described");
        var box = options.Series!.Cast<BoxplotSeries>().Single();

        var axis = JsonSerializer.Serialize(options.YAxis!.Data);
        Assert.Contains("\"Germany (n=3)\"", axis);
        Assert.Contains("\"United States (n=1)\"", axis);
        Assert.DoesNotContain("France", axis);
        Assert.Equal("[[30,45,60,75,90],[5,5,5,5,5]]", JsonSerializer.Serialize(box.Data));
    }
}
