using Concord.Domain;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Vizor.ECharts;

namespace Concord.Web.Components.Assistance;

/// <summary>What a day added to the ledger in one unit (a currency or a unit such as "rounds"): pledged and delivered.</summary>
public sealed record LedgerFlow(LocalDate On, decimal Pledged, decimal Delivered);

/// <summary>The running totals at the end of a day.</summary>
public sealed record CumulativePoint(LocalDate On, decimal Pledged, decimal Delivered)
{
    public decimal Outstanding => Pledged - Delivered;
}

/// <summary>A dated funding event drawn as a vertical line with its words, e.g. "Senate passes H.R. 815".</summary>
public sealed record FundingMark(LocalDate On, string Words);

/// <summary>A period drawn as a shaded band with its words, e.g. the US supplemental from request to law.</summary>
public sealed record FundingBand(LocalDate From, LocalDate To, string Words);

/// <summary>
/// Cumulative pledged against cumulative delivered over time, in one unit, as an Apache ECharts line chart (step
/// lines: a total changes on the day something is announced or delivered). Funding events are vertical lines and a
/// funding period a shaded band, each with its words; pledged is solid, delivered dashed, so colour is never the
/// only signal. Options are plain data (no JavaScript functions: the CSP forbids eval).
/// </summary>
public static class LedgerChart
{
    public const string Pledged = "Pledged (cumulative)";
    public const string Delivered = "Delivered (cumulative)";
    public const int Height = 420;

    /// <summary>The running totals, one point per day on which anything changed, in date order.</summary>
    public static IReadOnlyList<CumulativePoint> Cumulative(IEnumerable<LedgerFlow> flows)
    {
        decimal pledged = 0, delivered = 0;
        var points = new List<CumulativePoint>();
        foreach (var day in flows.GroupBy(f => f.On).OrderBy(g => g.Key))
        {
            pledged = Quantities.Add(pledged, Quantities.Sum(day.Select(f => f.Pledged)));
            delivered = Quantities.Add(delivered, Quantities.Sum(day.Select(f => f.Delivered)));
            points.Add(new CumulativePoint(day.Key, pledged, delivered));
        }
        return points;
    }

    /// <summary>The bands of a donor's funding events: from its first to its last event, with the words of both ends.</summary>
    public static FundingBand? Band(IReadOnlyList<FundingMark> marks, string donorName)
    {
        if (marks.Count < 2) return null;
        var ordered = marks.OrderBy(m => m.On).ToList();
        var from = ordered[0].On;
        var to = ordered[^1].On;
        return from == to ? null : new FundingBand(from, to, $"{donorName}: {Iso(from)} to {Iso(to)} ({Period.DaysBetween(from, to)} days)");
    }

    public static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static string Amount(decimal value, string unit) =>
        $"{value.ToString("#,0.##", CultureInfo.InvariantCulture)} {unit}";

    /// <summary>The same facts as the chart, in a sentence.</summary>
    /// <param name="unstated">
    /// True when part of what is drawn arrived in a number no source stated: the delivered total is then a floor and the
    /// outstanding one a ceiling, and the sentence says so rather than give them as counts.
    /// </param>
    public static string Summary(IReadOnlyList<CumulativePoint> points, string unit, bool unstated = false)
    {
        if (points.Count == 0) return $"Nothing pledged in {unit} yet.";
        var last = points[^1];
        var share = last.Pledged == 0 ? 0 : Math.Round(100 * last.Delivered / last.Pledged);
        var (least, most) = unstated ? ("at least ", "at most ") : ("", "");
        return $"By {Iso(last.On)}: {Amount(last.Pledged, unit)} pledged, {least}{Amount(last.Delivered, unit)} delivered ({least}{share}%), "
            + $"{most}{Amount(last.Outstanding, unit)} outstanding{(unstated ? " (part arrived in a number no source stated)" : "")}; first pledge {Iso(points[0].On)}.";
    }

    public static ChartOptions Options(IReadOnlyList<CumulativePoint> points, string unit, IReadOnlyList<FundingMark> marks,
        IReadOnlyList<FundingBand> bands, string description, LocalDate? through = null)
    {
        // The totals hold until the date shown, so the lines reach it and the funding events after the last change sit on the axis.
        var drawn = through is { } end && points.Count > 0 && end > points[^1].On ? [.. points, points[^1] with { On = end }] : points;
        List<object> Data(Func<CumulativePoint, decimal> value) =>
            [.. drawn.Select(p => (object)new object[] { Iso(p.On), (double)value(p) })];
        var first = new[] { points.Count > 0 ? points[0].On : (LocalDate?)null, marks.Count > 0 ? marks.Min(m => m.On) : null, bands.Count > 0 ? bands.Min(b => b.From) : null }
            .Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty(through ?? new LocalDate(2022, 1, 1)).Min();
        var last = new[] { drawn.Count > 0 ? drawn[^1].On : (LocalDate?)null, marks.Count > 0 ? marks.Max(m => m.On) : null, bands.Count > 0 ? bands.Max(b => b.To) : null }
            .Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty(first).Max();

        var pledged = new LineSeries
        {
            Name = Pledged,
            Step = Step.End,
            ShowSymbol = true,
            Symbol = "circle",
            LineStyle = new LineStyle { Color = new Color("#1565c0"), Width = 3, Type = LineTypeStyle.Solid },
            ItemStyle = new ItemStyle { Color = new Color("#1565c0") },
            Data = Data(p => p.Pledged),
            MarkLine = marks.Count == 0 ? null : new MarkLine
            {
                Silent = true,
                Symbol = new[] { "none", "none" },
                LineStyle = new LineStyle { Color = new Color("#6d4c41"), Type = LineTypeStyle.Dotted, Width = 1.5 },
                Label = new Label { Show = true, Color = new Color("#3e2723"), FontSize = 10 },
                // With many events the first and the last carry their words on the chart (the rest would overlap); the list beside it has all.
                Data = marks.OrderBy(m => m.On).Select((m, i) => (object)new
                {
                    xAxis = Iso(m.On),
                    name = $"{Iso(m.On)}: {m.Words}",
                    label = new { show = marks.Count <= 3 || i == 0 || i == marks.Count - 1, formatter = $"{Iso(m.On)}: {Short(m)}", position = "insideEndTop" },
                }).ToList(),
            },
            MarkArea = bands.Count == 0 ? null : new MarkArea
            {
                Silent = true,
                ItemStyle = new ItemStyle { Color = new Color("rgba(255, 160, 0, 0.15)"), BorderColor = new Color("#e65100"), BorderWidth = 1, BorderType = LineTypeStyle.Dashed },
                Label = new Label { Show = true, Position = LabelPosition.InsideTop, Color = new Color("#bf360c"), FontSize = 11 },
                Data = bands.Select(b => (object)new object[] { new { name = b.Words, xAxis = Iso(b.From) }, new { xAxis = Iso(b.To) } }).ToList(),
            },
        };
        var delivered = new LineSeries
        {
            Name = Delivered,
            Step = Step.End,
            ShowSymbol = true,
            Symbol = "triangle",
            LineStyle = new LineStyle { Color = new Color("#2e7d32"), Width = 3, Type = LineTypeStyle.Dashed },
            ItemStyle = new ItemStyle { Color = new Color("#2e7d32") },
            AreaStyle = new AreaStyle { Color = ["rgba(46, 125, 50, 0.12)"] },
            Data = Data(p => p.Delivered),
        };

        return new ChartOptions
        {
            Aria = new { enabled = true, label = new { enabled = true, description } },
            Animation = false,
            Tooltip = new Tooltip { Trigger = TooltipTrigger.Axis },
            Legend = new Legend { Top = 0, Left = 0 },
            Grid = new Grid { Left = 10, Right = 30, Top = 40, Bottom = 30, ContainLabel = true },
            XAxis = new XAxis { Type = AxisType.Time, Min = Millis(first), Max = Millis(last) },
            YAxis = new YAxis { Type = AxisType.Value, Name = unit, Min = 0 },
            Series = [pledged, delivered],
        };
    }

    private static double Millis(LocalDate date) => date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().ToUnixTimeMilliseconds();

    private static string Short(FundingMark mark) => mark.Words.Length <= 40 ? mark.Words : mark.Words[..39] + "…";
}
