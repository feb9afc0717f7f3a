using Vizor.ECharts;

namespace Concord.Web.Components.Assistance;

/// <summary>One donor's delays: days from announcement to first delivery, one entry per delivered pledge.</summary>
public sealed record DonorDelays(string Donor, string Name, IReadOnlyList<int> Days);

/// <summary>Minimum, lower quartile, median, upper quartile, maximum (linear interpolation between ranks, as ECharts does).</summary>
public readonly record struct FiveNumbers(double Min, double Q1, double Median, double Q3, double Max);

/// <summary>
/// The distribution of delays per donor as an Apache ECharts boxplot (days from announcement to first delivery), with
/// each donor's count of pledges in its axis label and a text table beside it. Plain data options.
/// </summary>
public static class DelayChart
{
    public const string Series = "Days from announcement to first delivery";
    public const int RowHeight = 44, Chrome = 90;

    public static int Height(int donors) => Math.Max(1, donors) * RowHeight + Chrome;

    public static FiveNumbers Summarise(IReadOnlyList<int> days)
    {
        if (days.Count == 0) throw new ArgumentException("No delays to summarise.", nameof(days));
        var sorted = days.Order().Select(d => (double)d).ToArray();
        double Quantile(double p)
        {
            var rank = p * (sorted.Length - 1);
            var low = (int)Math.Floor(rank);
            var high = (int)Math.Ceiling(rank);
            return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
        }
        return new FiveNumbers(sorted[0], Quantile(0.25), Quantile(0.5), Quantile(0.75), sorted[^1]);
    }

    public static string Label(DonorDelays donor) => $"{donor.Name} (n={donor.Days.Count})";

    public static ChartOptions Options(IReadOnlyList<DonorDelays> donors, string description)
    {
        var shown = donors.Where(d => d.Days.Count > 0).ToList();
        return new ChartOptions
        {
            Aria = new { enabled = true, label = new { enabled = true, description } },
            Animation = false,
            Tooltip = new Tooltip { Trigger = TooltipTrigger.Item },
            Grid = new Grid { Left = 10, Right = 30, Top = 20, Bottom = 40, ContainLabel = true },
            XAxis = new XAxis
            {
                Type = AxisType.Value,
                Name = "days from announcement to first delivery",
                NameLocation = NameLocation.Middle,
                NameGap = 26,
                Min = 0,
            },
            YAxis = new YAxis
            {
                Type = AxisType.Category,
                Inverse = true,
                Data = shown.Select(d => (AxisData)Label(d)).ToList(),
            },
            Series =
            [
                new BoxplotSeries
                {
                    Name = Series,
                    Layout = "horizontal",
                    ItemStyle = new ItemStyle { Color = new Color("#bbdefb"), BorderColor = new Color("#0d47a1"), BorderWidth = 1.5 },
                    Data = shown.Select(d => Summarise(d.Days) is var f ? (object)new[] { f.Min, f.Q1, f.Median, f.Q3, f.Max } : null!).ToList(),
                },
            ],
        };
    }
}
