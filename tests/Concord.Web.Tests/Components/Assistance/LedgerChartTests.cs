using System.Text.Json;
using Concord.Web.Components.Assistance;
using NodaTime;
using Vizor.ECharts;

namespace Concord.Web.Tests.Components.Assistance;

public sealed class LedgerChartTests
{
    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    private static readonly LedgerFlow[] Flows =
    [
        new(D(2022, 6, 1), 100m, 0m),
        new(D(2022, 3, 1), 50m, 0m),
        new(D(2022, 6, 1), 20m, 30m),
        new(D(2023, 1, 15), 0m, 90m),
    ];

    [Fact]
    public void the_totals_run_in_date_order_with_one_point_per_day()
    {
        var points = LedgerChart.Cumulative(Flows);

        // 2022-03-01: 50 pledged; 2022-06-01: +120 pledged, +30 delivered; 2023-01-15: +90 delivered.
        Assert.Equal(
            [new CumulativePoint(D(2022, 3, 1), 50m, 0m), new CumulativePoint(D(2022, 6, 1), 170m, 30m), new CumulativePoint(D(2023, 1, 15), 170m, 120m)],
            points);
        Assert.Equal(50m, points[^1].Outstanding);
    }

    [Fact]
    public void the_summary_states_pledged_delivered_and_outstanding_in_words()
    {
        var summary = LedgerChart.Summary(LedgerChart.Cumulative(Flows), "EUR");

        Assert.Equal("By 2023-01-15: 170 EUR pledged, 120 EUR delivered (71%), 50 EUR outstanding; first pledge 2022-03-01.", summary);
    }

    [Fact]
    public void when_part_arrived_in_a_number_no_source_stated_the_delivered_total_is_a_floor_and_the_outstanding_a_ceiling()
    {
        var summary = LedgerChart.Summary(LedgerChart.Cumulative(Flows), "EUR", unstated: true);

        Assert.Equal("By 2023-01-15: 170 EUR pledged, at least 120 EUR delivered (at least 71%), at most 50 EUR outstanding "
            + "(part arrived in a number no source stated); first pledge 2022-03-01.", summary);
    }

    [Fact]
    public void a_funding_band_runs_from_the_first_to_the_last_event_with_its_length_in_days()
    {
        FundingMark[] marks = [new(D(2024, 4, 24), "signed into law"), new(D(2023, 10, 20), "request"), new(D(2024, 2, 13), "Senate passes")];

        var band = LedgerChart.Band(marks, "United States");

        Assert.Equal(new FundingBand(D(2023, 10, 20), D(2024, 4, 24), "United States: 2023-10-20 to 2024-04-24 (187 days)"), band);
    }

    [Fact]
    public void the_chart_is_plain_data_with_the_funding_events_in_words()
    {
        var points = LedgerChart.Cumulative(Flows);
        FundingMark[] marks = [new(D(2022, 12, 27), "Last drawdown before the gap")];

        var options = LedgerChart.Options(points, "EUR", marks, [new FundingBand(D(2022, 10, 1), D(2022, 12, 27), "gap")], "described");
        var json = JsonSerializer.Serialize(options, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        var series = options.Series!.Cast<LineSeries>().ToList();

        Assert.Equal([LedgerChart.Pledged, LedgerChart.Delivered], series.Select(s => s.Name));
        Assert.Equal("[[\"2022-03-01\",50],[\"2022-06-01\",170],[\"2023-01-15\",170]]", JsonSerializer.Serialize(series[0].Data));
        Assert.Equal("[[\"2022-03-01\",0],[\"2022-06-01\",30],[\"2023-01-15\",120]]", JsonSerializer.Serialize(series[1].Data));
        Assert.Contains("2022-12-27: Last drawdown before the gap", json);
        Assert.Contains("\"description\":\"described\"", json);
        Assert.DoesNotContain("function", json);
    }

    [Fact]
    public void the_lines_hold_their_totals_up_to_the_date_shown_and_the_axis_spans_the_funding_events()
    {
        var points = LedgerChart.Cumulative(Flows);

        var options = LedgerChart.Options(points, "EUR", [new FundingMark(D(2024, 4, 24), "law")], [], "described", through: D(2025, 1, 15));
        var pledged = options.Series!.Cast<LineSeries>().First();

        Assert.Equal("[[\"2022-03-01\",50],[\"2022-06-01\",170],[\"2023-01-15\",170],[\"2025-01-15\",170]]", JsonSerializer.Serialize(pledged.Data));
        Assert.Equal(1646092800000d, JsonSerializer.Deserialize<double>(JsonSerializer.Serialize(options.XAxis!.Min)));  // 2022-03-01 UTC
        Assert.Equal(1736899200000d, JsonSerializer.Deserialize<double>(JsonSerializer.Serialize(options.XAxis!.Max)));  // 2025-01-15 UTC
    }
}
