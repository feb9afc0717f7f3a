using System.Text.Json;
using Concord.Web.Components.Assistance;
using Vizor.ECharts;

namespace Concord.Web.Tests.Components.Assistance;

public sealed class ReadinessChartTests
{
    [Fact]
    public void a_stock_below_its_floor_says_below_floor_in_words()
    {
        var line = new StockLine("Air defence", 6m, 8m, "systems");

        Assert.True(line.BelowFloor);
        Assert.Equal(75, line.PercentOfFloor);
        Assert.Equal("Air defence: 6 systems against a floor of 8, below floor by 2", line.Words);
        Assert.Equal("155 mm ammunition: 300,000 rounds against a floor of 250,000, 50,000 above floor",
            new StockLine("155 mm ammunition", 300_000m, 250_000m, "rounds").Words);
    }

    [Fact]
    public void each_bar_is_the_stock_as_a_percentage_of_its_floor_with_its_words()
    {
        StockLine[] lines = [new("Air defence", 6m, 8m, "systems"), new("Armour", 150m, 100m, "vehicles")];

        var options = ReadinessChart.Options(lines, "described");
        var bars = ((List<object>)options.Series!.Cast<BarSeries>().Single().Data!).Cast<BarSeriesData>().ToList();

        Assert.Equal([75d, 150d], bars.Select(b => (double)b.Value!));
        Assert.Equal(["75%: below floor", "150%: at or above floor"], bars.Select(b => b.Label!.Formatter!.Value));
        Assert.NotNull(bars[0].ItemStyle!.Decal);
        Assert.Null(bars[1].ItemStyle!.Decal);
    }
}
