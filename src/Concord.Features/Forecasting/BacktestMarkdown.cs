using System.Globalization;
using System.Text;

namespace Concord.Features.Forecasting;

/// <summary>The backtest's report as a Markdown file: the method, the figures of the model and both baselines, and what could not be told.</summary>
public static class BacktestMarkdown
{
    public static string Write(BacktestReport r, string command)
    {
        var md = new StringBuilder();
        md.AppendLine("# Accession forecast: rolling-origin backtest").AppendLine();
        md.AppendLine(Invariant($"A model's backtest, not a fact. Made on {r.AsOf:yyyy-MM-dd} by `{command}` in {r.Seconds:0.0} s: origins every {r.StepDays} days, {r.Origins} forecasts ({r.RoundOrigins} distinct round origins), {r.PartyObservations} Party observations."));
        md.AppendLine().AppendLine("## Method").AppendLine().AppendLine(r.Method).AppendLine();
        md.AppendLine("- Coverage: the share of Party dates inside the central 50%, 80% and 95% intervals of the forecast (on whole days, as the forecast shows them). A date known only within a window counts when the window lies wholly inside or wholly outside the interval; otherwise it is undetermined.");
        md.AppendLine("- Brier: the mean of (p − outcome)² for \"done within 30, 90, 180 days of the origin\", each pending Party; determined when the Party's window lies wholly on one side of that day. Lower is better.");
        md.AppendLine("- CRPS: ∫ (F(t) − 1{t ≥ entry into force})² dt in days, of the entry-into-force date at each origin (the last Party's time drawn with the round's shared pace, as the served forecast draws it: 20,000 seeded trajectories), summed day by day for up to 20 years; an entry into force known only within a window is undetermined. Lower is better; for a point forecast it is the absolute error.");
        md.AppendLine("- Baselines: **alliance-wide**, the same model fitted with every Ally's offset held at 0; **Ally's own median**, a point forecast (median of the Ally's own past times in completed rounds, a window counted by its midpoint; else the median of all past times; else the prior's 60 days; the day after the origin for an Ally already pending that long). A point forecast has no interval (coverage n/a), probability 0 or 1 for the Brier events, and its absolute error as CRPS.");
        md.AppendLine().AppendLine("## Accessions covered").AppendLine();
        md.AppendLine(string.Join(", ", r.Accessions)).AppendLine();
        md.AppendLine("## Scores").AppendLine();
        md.AppendLine("| Forecaster | 50% coverage | 80% coverage | 95% coverage | Brier 30 d | Brier 90 d | Brier 180 d | CRPS (days) |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var f in r.Forecasters)
            md.AppendLine($"| {f.Name} | {Coverage(f, 0)} | {Coverage(f, 1)} | {Coverage(f, 2)} | {Brier(f, 0)} | {Brier(f, 1)} | {Brier(f, 2)} | {Crps(f)} |");
        md.AppendLine().AppendLine("Observations counted and undetermined (the same for every forecaster):").AppendLine();
        var m = r.Model;
        md.AppendLine(Invariant($"- coverage: 50% {m.Coverage[0].Count} counted, {m.Coverage[0].Undetermined} undetermined; 80% {m.Coverage[1].Count}, {m.Coverage[1].Undetermined}; 95% {m.Coverage[2].Count}, {m.Coverage[2].Undetermined}"));
        md.AppendLine(Invariant($"- Brier: 30 days {m.Brier[0].Count} counted, {m.Brier[0].Undetermined} undetermined; 90 days {m.Brier[1].Count}, {m.Brier[1].Undetermined}; 180 days {m.Brier[2].Count}, {m.Brier[2].Undetermined}"));
        md.AppendLine(Invariant($"- CRPS: {m.Crps.Count} counted, {m.Crps.Undetermined} undetermined (entry into force known only within a window)"));
        md.AppendLine(Invariant($"- {r.Undated} Party observations with no dated ratification at all; {r.KnownLater} whose ratification, dated in hindsight, fell before the day the forecast counted the Party pending from (the record as known then had not published it)."));
        md.AppendLine().AppendLine("## By round").AppendLine();
        md.AppendLine("| Round (signed) | Accessions | Origins | 80% coverage: model / alliance-wide | Brier 90 d: model / alliance-wide / own median | CRPS: model / alliance-wide / own median |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var x in r.Rounds)
        {
            var (a, b, c) = (x.Forecasters[0], x.Forecasters[1], x.Forecasters[2]);
            md.AppendLine(Invariant($"| {x.Signed:yyyy-MM-dd} | {string.Join(" ", x.Accessions)} | {x.Origins} | {Coverage(a, 1)} / {Coverage(b, 1)} | {Brier(a, 1)} / {Brier(b, 1)} / {Brier(c, 1)} | {Crps(a)} / {Crps(b)} / {Crps(c)} |"));
        }
        md.AppendLine().AppendLine("## PIT histogram (model)").AppendLine();
        md.AppendLine("The forecast's F at each exact Party date, in tenths: flat when calibrated, heavy at both ends when too sure.").AppendLine();
        md.AppendLine("| " + string.Join(" | ", Enumerable.Range(0, 10).Select(i => Invariant($"{i / 10.0:0.0}–{(i + 1) / 10.0:0.0}"))) + " |");
        md.AppendLine("|" + string.Concat(Enumerable.Repeat(" --- |", 10)));
        md.AppendLine("| " + string.Join(" | ", m.Pit.Select(n => n.ToString(CultureInfo.InvariantCulture))) + " |");
        md.AppendLine().AppendLine("## Reliability (model, the three Brier events together)").AppendLine();
        md.AppendLine("| Forecast probability | Forecasts | Mean forecast | Observed frequency |");
        md.AppendLine("| --- | --- | --- | --- |");
        foreach (var bin in m.Reliability)
            md.AppendLine(Invariant($"| {bin.From:0.0}–{bin.To:0.0} | {bin.Count} | {Share(bin.MeanForecast)} | {Share(bin.Observed)} |"));
        return md.ToString();
    }

    /// <summary>"52.2% (84/161)", or "n/a" for a point forecast, or "—" with nothing counted.</summary>
    public static string Coverage(ForecasterScores f, int level) =>
        f.Coverage.Count == 0 ? "n/a" : f.Coverage[level] is { Rate: { } rate } c ? Invariant($"{rate:0.0%} ({c.Inside}/{c.Count})") : "—";

    public static string Brier(ForecasterScores f, int horizon) => f.Brier[horizon].Score is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "—";

    public static string Crps(ForecasterScores f) => f.Crps.MeanDays is { } d ? d.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    private static string Share(double? p) => p is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
