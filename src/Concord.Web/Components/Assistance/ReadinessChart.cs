using System.Globalization;
using Vizor.ECharts;

namespace Concord.Web.Components.Assistance;

/// <summary>One category of an Ally's stock against its readiness floor.</summary>
public sealed record StockLine(string Category, decimal Stock, decimal Floor, string Unit)
{
    public bool BelowFloor => Stock < Floor;

    /// <summary>Stock as a percentage of the floor (100 = at the floor); a zero floor counts as met.</summary>
    public double PercentOfFloor => Floor <= 0 ? 100 : Math.Round((double)(Stock / Floor) * 100, 1);

    public string Words => $"{Category}: {Number(Stock)} {Unit} against a floor of {Number(Floor)}"
        + (BelowFloor ? $", below floor by {Number(Floor - Stock)}" : Stock == Floor ? ", at the floor" : $", {Number(Stock - Floor)} above floor");

    public static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// An Ally's readiness as bullet bars: each category's stock as a percentage of its floor, a line at 100% marking the
/// floor, bars below it hatched and labelled "below floor" in words. Plain data options.
/// </summary>
public static class ReadinessChart
{
    public const string Series = "Stock as % of the readiness floor";
    public const int RowHeight = 34, Chrome = 70;

    public static int Height(int categories) => Math.Max(1, categories) * RowHeight + Chrome;

    public static ChartOptions Options(IReadOnlyList<StockLine> lines, string description) => new()
    {
        Aria = new { enabled = true, label = new { enabled = true, description } },
        Animation = false,
        Tooltip = new Tooltip { Trigger = TooltipTrigger.Item },
        Grid = new Grid { Left = 10, Right = 150, Top = 16, Bottom = 34, ContainLabel = true },
        XAxis = new XAxis { Type = AxisType.Value, Min = 0, Name = "% of floor", NameLocation = NameLocation.Middle, NameGap = 22 },
        YAxis = new YAxis { Type = AxisType.Category, Inverse = true, Data = lines.Select(l => (AxisData)l.Category).ToList() },
        Series =
        [
            new BarSeries
            {
                Name = Series,
                BarMaxWidth = 18,
                Data = lines.Select(l => (object)new BarSeriesData
                {
                    Value = l.PercentOfFloor,
                    Name = l.Category,
                    ItemStyle = l.BelowFloor
                        ? new ItemStyle { Color = new Color("#ef9a9a"), BorderColor = new Color("#b71c1c"), BorderWidth = 1, Decal = new Decal { Symbol = "rect", Color = "rgba(183, 28, 28, 0.5)", DashArrayX = new double[] { 1, 0 }, DashArrayY = new double[] { 2, 3 }, Rotation = Math.PI / 4 } }
                        : new ItemStyle { Color = new Color("#a5d6a7"), BorderColor = new Color("#1b5e20"), BorderWidth = 1 },
                    Label = new Label
                    {
                        Show = true,
                        Position = LabelPosition.Right,
                        Color = new Color("#212121"),
                        FontSize = 11,
                        Formatter = l.BelowFloor ? $"{l.PercentOfFloor}%: below floor" : $"{l.PercentOfFloor}%: at or above floor",
                    },
                }).ToList(),
                MarkLine = new MarkLine
                {
                    Silent = true,
                    Symbol = new[] { "none", "none" },
                    LineStyle = new LineStyle { Color = new Color("#212121"), Type = LineTypeStyle.Solid, Width = 2 },
                    Label = new Label { Show = true, Formatter = "floor", Color = new Color("#212121") },
                    Data = new List<object> { new { xAxis = 100 } },
                },
            },
        ],
    };
}
