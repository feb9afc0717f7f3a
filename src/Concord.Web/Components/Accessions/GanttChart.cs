using Concord.Domain.Accession;
using NodaTime;
using Vizor.ECharts;

namespace Concord.Web.Components.Accessions;

/// <summary>
/// The ratification timeline as an Apache ECharts chart: one horizontal bar per Party, in days from the protocol's
/// signature, stacked from what is certain (deposited, ratified, still pending) and, for a date known only as a
/// bound, a hatched "on or before" end. Colour is never the only signal: each kind has its own pattern, its own
/// legend word, and the bar is labelled in words.
/// </summary>
public static class GanttChart
{
    public const string Deposited = "Deposited";
    public const string Ratified = "Ratified, no deposit date";
    public const string Pending = "Pending";
    public const string Bound = "End known only as “on or before” (≤)";

    /// <summary>Pixels per Party row, and the room the axes and legend take.</summary>
    public const int RowHeight = 24, Chrome = 110;

    public static int Height(GanttLayout layout) => layout.Bars.Count * RowHeight + Chrome;

    /// <summary>The bar lengths in days for each series, in the layout's Party order; null where the series has no part.</summary>
    public static IReadOnlyDictionary<string, double?[]> Segments(GanttLayout layout)
    {
        var scale = Period.DaysBetween(layout.Start, layout.End) / layout.Width;
        double Days(double x) => Math.Round(x * scale);
        var bars = layout.Bars;
        return new Dictionary<string, double?[]>
        {
            [Deposited] = [.. bars.Select(b => b.End == BarEnd.Deposited ? Days(b.Solid) : (double?)null)],
            [Ratified] = [.. bars.Select(b => b.End == BarEnd.Ratified ? Days(b.Solid) : (double?)null)],
            [Pending] = [.. bars.Select(b => b.End == BarEnd.Pending ? Days(b.Width) : (double?)null)],
            [Bound] = [.. bars.Select(b => b.Bounded ? Days(b.Width) - Days(b.Solid) : (double?)null)],
        };
    }

    public static ChartOptions Options(GanttLayout layout, string description)
    {
        var segments = Segments(layout);
        var last = layout.Bars.Select((b, i) => b.Bounded ? Bound : b.End switch
        {
            BarEnd.Deposited => Deposited,
            BarEnd.Ratified => Ratified,
            _ => Pending,
        }).ToList();

        BarSeries Series(string name, string color, Decal? decal) => new()
        {
            Name = name,
            Stack = "party",
            BarMaxWidth = 16,
            ItemStyle = new ItemStyle { Color = new Color(color), BorderColor = new Color("#37474f"), BorderWidth = 0.5, Decal = decal },
            Data = segments[name].Select((days, i) => days is null
                ? (object)"-"
                : new BarSeriesData
                {
                    Value = days.Value,
                    Name = layout.Bars[i].Name,
                    // The words at the end of each bar: what the end is and when.
                    Label = last[i] == name
                        ? new Label { Show = true, Position = LabelPosition.Right, Formatter = layout.Bars[i].Label, Color = new Color("#212121"), FontSize = 11 }
                        : null,
                }).ToList(),
        };

        return new ChartOptions
        {
            Aria = new { enabled = true, label = new { enabled = true, description } },
            Animation = false,
            Tooltip = new Tooltip { Trigger = TooltipTrigger.Item, Formatter = "{b}<br/>{a}: {c} days" },
            Legend = new Legend { Top = 0, Left = 0 },
            Grid = new Grid { Left = 10, Right = 190, Top = 40, Bottom = 30, ContainLabel = true },
            XAxis = new XAxis
            {
                Type = AxisType.Value,
                Name = "days since the protocol was signed",
                NameLocation = NameLocation.Middle,
                NameGap = 24,
                Min = 0,
            },
            YAxis = new YAxis
            {
                Type = AxisType.Category,
                Inverse = true,
                Data = layout.Bars.Select(b => (AxisData)b.Name).ToList(),
            },
            Series =
            [
                Series(Deposited, "#2e7d32", null),
                Series(Ratified, "#1565c0", null),
                Series(Pending, "#ffcc80", new Decal { Symbol = "rect", Color = "rgba(230, 81, 0, 0.55)", DashArrayX = new double[] { 1, 0 }, DashArrayY = new double[] { 2, 3 }, Rotation = Math.PI / 4 }),
                Series(Bound, "#c8e6c9", new Decal { Symbol = "circle", SymbolSize = 0.5, Color = "rgba(27, 94, 32, 0.7)" }),
            ],
        };
    }
}
