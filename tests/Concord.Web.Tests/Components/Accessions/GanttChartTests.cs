using System.Text.Json;
using Bunit;
using Concord.Domain.Accession;
using Concord.Web.Components.Accessions;
using MudBlazor.Services;
using NodaTime;
using Vizor.ECharts;
using static Concord.Web.Tests.Components.Accessions.TrackerLayoutTests;

namespace Concord.Web.Tests.Components.Accessions;

public sealed class GanttChartTests : BunitContext
{
    public GanttChartTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static AccessionStatus SixtyDaysIn() => Status(new LocalDate(2022, 9, 3),
        Party("HUN", "Hungary", true),
        Party("DEU", "Germany", false, At(RatificationStage.ParliamentaryApproval, 2022, 7, 8), At(RatificationStage.Deposit, 2022, 8, 4)),
        Party("ALB", "Albania", false, At(RatificationStage.ParliamentaryApproval, 2022, 7, 7), At(RatificationStage.Deposit, 2022, 9, 1, bounded: true)));

    [Fact]
    public void each_bar_is_measured_in_days_from_the_signature_and_a_bounded_end_is_a_separate_segment()
    {
        var layout = GanttLayout.Build(SixtyDaysIn(), 1000)!;

        var segments = GanttChart.Segments(layout);

        Assert.Equal(["ALB", "DEU", "HUN"], layout.Bars.Select(b => b.Party.Value));
        Assert.Equal([2, 30, null], segments[GanttChart.Deposited]);   // Albania certain up to its ratification; Germany deposited
        Assert.Equal([56, null, null], segments[GanttChart.Bound]);    // ... then up to "on or before" 2022-09-01: 58 days in all
        Assert.Equal([null, null, 60], segments[GanttChart.Pending]);  // Hungary pending up to the date shown
        Assert.All(segments[GanttChart.Ratified], Assert.Null);
    }

    [Fact]
    public void the_chart_says_in_words_and_patterns_what_colour_shows()
    {
        var layout = GanttLayout.Build(SixtyDaysIn(), 1000)!;

        var options = GanttChart.Options(layout, "From the signature on 2022-07-05: 2 of 3 Parties ratified.");
        var json = JsonSerializer.Serialize(options.Aria);
        var series = options.Series!.Cast<BarSeries>().ToDictionary(s => s.Name!);

        Assert.Contains("2 of 3 Parties ratified", json);
        Assert.NotNull(series[GanttChart.Pending].ItemStyle!.Decal);
        Assert.NotNull(series[GanttChart.Bound].ItemStyle!.Decal);
        var labels = series.Values.SelectMany(s => ((List<object>)s.Data!).OfType<BarSeriesData>())
            .Where(d => d.Label?.Show == true).Select(d => $"{d.Name}: {d.Label!.Formatter!.Value}").Order().ToList();
        Assert.Equal(["Albania: ratified 2022-07-07, deposited ≤ 2022-09-01", "Germany: ratified 2022-07-08, deposited 2022-08-04", "Hungary: pending, 60 days"], labels);
    }

    [Fact]
    public void the_timeline_states_its_summary_in_text_beside_the_chart()
    {
        var cut = Render<RatificationGantt>(p => p.Add(c => c.Status, SixtyDaysIn()));

        Assert.Equal("From the signature on 2022-07-05: 2 of 3 Parties ratified, the first Albania (ratified 2022-07-07, deposited ≤ 2022-09-01), "
            + "the last Germany (ratified 2022-07-08, deposited 2022-08-04); still pending: Hungary.", cut.Find("[data-testid=gantt-summary]").TextContent);
    }
}
