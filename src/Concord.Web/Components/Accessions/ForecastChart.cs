using System.Globalization;
using Concord.Features.Forecasting;
using NodaTime;
using Vizor.ECharts;

namespace Concord.Web.Components.Accessions;

/// <summary>
/// The forecast of entry into force as an Apache ECharts chart: the probability that the protocol is in force by each
/// week (the distribution function of the last deposit), shaded, with the horizon and the 80% interval marked. Plain data
/// options; the words beside it say the same.
/// </summary>
public static class ForecastChart
{
    public const string Series = "Probability the protocol is in force by then";
    public const int Height = 280;

    public static string Summary(AccessionForecast f) => (f.InForce
        ? $"The protocol was in force by {Iso(f.AsOf)}."
        : $"Entry into force by {Iso(f.By)} ({f.Horizon}): {Percent(f.EntryIntoForceBy)}. Median {Day(f.Median)}; 80% interval {Day(f.Low80)} to {Day(f.High80)}.")
        + Membership(f);

    /// <summary>Membership, which follows the candidate's own deposit: by the horizon, and its median when it has one.</summary>
    public static string Membership(AccessionForecast f) => f.Member ? $" A member by {Iso(f.AsOf)}."
        : f.MembershipBy is { } p ? $" Membership by {Iso(f.By)}: {Percent(p)}{(f.MembershipMedian is { } m ? $"; median {Iso(m)}" : "")}." : "";

    public static ChartOptions Options(AccessionForecast f)
    {
        var band = f.Low80 is { } low && f.High80 is { } high
            ? new MarkArea
            {
                Silent = true,
                ItemStyle = new ItemStyle { Color = new Color("rgba(21, 101, 192, 0.10)") },
                Label = new Label { Show = true, Position = LabelPosition.InsideTop, Color = new Color("#0d47a1"), FontSize = 11 },
                Data = new List<object> { new object[] { new { name = "80% interval", xAxis = Iso(low) }, new { xAxis = Iso(high) } } },
            }
            : null;
        return new ChartOptions
        {
            Aria = new { enabled = true, label = new { enabled = true, description = Summary(f) } },
            Animation = false,
            Tooltip = new Tooltip { Trigger = TooltipTrigger.Axis },
            Grid = new Grid { Left = 10, Right = 30, Top = 30, Bottom = 30, ContainLabel = true },
            XAxis = new XAxis { Type = AxisType.Time },
            YAxis = new YAxis { Type = AxisType.Value, Min = 0, Max = 100, Name = "% in force by then" },
            Series =
            [
                new LineSeries
                {
                    Name = Series,
                    ShowSymbol = false,
                    LineStyle = new LineStyle { Color = new Color("#1565c0"), Width = 2.5 },
                    ItemStyle = new ItemStyle { Color = new Color("#1565c0") },
                    AreaStyle = new AreaStyle { Color = ["rgba(21, 101, 192, 0.18)"] },
                    Data = f.EntryIntoForce.Select(p => (object)new object[] { Iso(p.Date), Math.Round(100 * p.Probability, 1) }).ToList(),
                    MarkArea = band,
                    MarkLine = new MarkLine
                    {
                        Silent = true,
                        Symbol = new[] { "none", "none" },
                        LineStyle = new LineStyle { Color = new Color("#6d4c41"), Type = LineTypeStyle.Dashed, Width = 1.5 },
                        Label = new Label { Show = true, Color = new Color("#3e2723"), FontSize = 11 },
                        Data = new List<object> { new { xAxis = Iso(f.By), name = "horizon", label = new { formatter = $"{Iso(f.By)}: {Percent(f.EntryIntoForceBy)}", position = "insideEndTop" } } },
                    },
                },
            ],
        };
    }

    public static string Percent(double? p) => p is { } v ? v.ToString("0%", CultureInfo.InvariantCulture) : "";

    public static string Day(LocalDate? d) => d is { } day ? Iso(day) : "beyond three years";

    private static string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
