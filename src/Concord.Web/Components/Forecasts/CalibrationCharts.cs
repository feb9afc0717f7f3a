using System.Globalization;
using Concord.Features.Forecasting;
using Vizor.ECharts;

namespace Concord.Web.Components.Forecasts;

/// <summary>
/// The backtest's two calibration charts as Apache ECharts options: the reliability diagram (forecast probability of
/// "done within 30/90/180 days" against how often it happened) and the PIT histogram (the forecast's F at each dated
/// truth: flat when calibrated). Plain data options; the tables beside them say the same.
/// </summary>
public static class CalibrationCharts
{
    public const int Height = 320;

    private static readonly string[] Colours = ["#1565c0", "#ef6c00", "#6a1b9a"];

    public static string ReliabilitySummary(BacktestReport r) =>
        "Reliability diagram: for each tenth of forecast probability, the share of Parties actually done within the horizon, "
        + string.Join("; ", r.Forecasters.Take(2).Select(f => $"{f.Name}: " + string.Join(", ", f.Reliability.Where(b => b.Count > 0)
            .Select(b => $"{Share(b.MeanForecast)} forecast, {Share(b.Observed)} observed (n={b.Count})")))) + ".";

    public static string PitSummary(BacktestReport r) =>
        "PIT histogram: how many dated truths fell in each tenth of the forecast's distribution (flat when calibrated): "
        + string.Join("; ", r.Forecasters.Where(f => f.Pit.Count > 0).Select(f => $"{f.Name}: {string.Join(", ", f.Pit)}")) + ".";

    public static ChartOptions Reliability(BacktestReport r) => new()
    {
        Aria = new { enabled = true, label = new { enabled = true, description = ReliabilitySummary(r) } },
        Animation = false,
        Tooltip = new Tooltip { Trigger = TooltipTrigger.Item },
        Legend = new Legend { Top = 0 },
        Grid = new Grid { Left = 36, Right = 30, Top = 40, Bottom = 40, ContainLabel = true },
        XAxis = new XAxis { Type = AxisType.Value, Min = 0, Max = 1, Name = "forecast probability", NameLocation = NameLocation.Middle, NameGap = 26 },
        YAxis = new YAxis { Type = AxisType.Value, Min = 0, Max = 1, Name = "observed frequency", NameLocation = NameLocation.Middle, NameGap = 36 },
        Series =
        [
            new LineSeries
            {
                Name = "Perfectly calibrated",
                ShowSymbol = false,
                LineStyle = new LineStyle { Color = new Color("#757575"), Type = LineTypeStyle.Dashed, Width = 1.5 },
                ItemStyle = new ItemStyle { Color = new Color("#757575") },
                Data = new List<object> { new object[] { 0, 0 }, new object[] { 1, 1 } },
            },
            .. r.Forecasters.Select((f, i) => new LineSeries
            {
                Name = f.Name,
                // A point forecast says only 0 or 1: its two points are not joined, as nothing lies between them.
                LineStyle = new LineStyle { Color = new Color(Colours[i]), Width = f.Pit.Count == 0 ? 0 : 2 },
                SymbolSize = 8,
                ItemStyle = new ItemStyle { Color = new Color(Colours[i]) },
                Data = f.Reliability.Where(b => b.Count > 0).Select(b => (object)new
                {
                    name = $"{f.Name}, forecasts {b.From:0.0}–{b.To:0.0}: {b.Count}",
                    value = new[] { Math.Round(b.MeanForecast!.Value, 3), Math.Round(b.Observed!.Value, 3) },
                }).ToList(),
            }),
        ],
    };

    public static ChartOptions Pit(BacktestReport r)
    {
        var shown = r.Forecasters.Where(f => f.Pit.Count > 0).ToList();
        var flat = shown.Count > 0 ? shown[0].Pit.Sum() / 10.0 : 0;
        return new ChartOptions
        {
            Aria = new { enabled = true, label = new { enabled = true, description = PitSummary(r) } },
            Animation = false,
            Tooltip = new Tooltip { Trigger = TooltipTrigger.Axis },
            Legend = new Legend { Top = 0 },
            Grid = new Grid { Left = 36, Right = 30, Top = 40, Bottom = 40, ContainLabel = true },
            XAxis = new XAxis
            {
                Type = AxisType.Category,
                Name = "the forecast's F at the truth",
                NameLocation = NameLocation.Middle,
                NameGap = 26,
                Data = Enumerable.Range(0, 10).Select(i => (AxisData)string.Create(CultureInfo.InvariantCulture, $"{i / 10.0:0.0}–{(i + 1) / 10.0:0.0}")).ToList(),
            },
            YAxis = new YAxis { Type = AxisType.Value, Min = 0, Name = "dated truths", NameLocation = NameLocation.Middle, NameGap = 36 },
            Series =
            [
                .. shown.Select((f, i) => new BarSeries
                {
                    Name = f.Name,
                    ItemStyle = new ItemStyle { Color = new Color(Colours[i]) },
                    Data = f.Pit.Select(n => (object)n).ToList(),
                    MarkLine = i > 0 ? null : new MarkLine
                    {
                        Silent = true,
                        Symbol = new[] { "none", "none" },
                        LineStyle = new LineStyle { Color = new Color("#3e2723"), Type = LineTypeStyle.Dashed, Width = 1.5 },
                        Label = new Label { Show = true, Color = new Color("#3e2723"), FontSize = 11 },
                        Data = new List<object> { new { yAxis = flat, name = "flat", label = new { formatter = "flat (calibrated)", position = "insideEndTop" } } },
                    },
                }),
            ],
        };
    }

    private static string Share(double? p) => p is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "—";
}
