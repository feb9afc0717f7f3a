using System.Globalization;
using Concord.Features.Forecasting;
using MathNet.Numerics.Distributions;

namespace Concord.Features.Tests.Forecasting;

/// <summary>The rolling-origin backtest over the shipped history, and its scoring rules by hand.</summary>
public sealed class BacktestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Shipped = ["ALB", "BGR", "CZE", "EST", "FIN", "HRV", "HUN", "LTU", "LVA", "MKD", "MNE", "POL", "ROU", "SVK", "SVN"];

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_fast_backtest_covers_every_shipped_accession_and_scores_the_model_and_both_baselines(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();

        var report = await Backtest.Run(db, store.Clock, Backtest.FastStepDays, Ct);
        TestContext.Current.TestOutputHelper?.WriteLine(Describe(report));

        Assert.Equal(Shipped, report.Accessions);
        Assert.Equal(["Model", "Alliance-wide", "Ally's own median"], report.Forecasters.Select(f => f.Name));
        Assert.True(report.RoundOrigins < report.Origins, "The rounds' packages count once per origin.");
        foreach (var f in report.Forecasters)
        {
            Assert.All(f.Brier, b => Assert.True(b.Score is >= 0 and <= 1 && b.Count > 0, $"{f.Name}: Brier {b.Days} days {b.Score} over {b.Count}"));
            Assert.True(f.Crps.MeanDays is > 0 && f.Crps.Count > 0, $"{f.Name}: CRPS {f.Crps.MeanDays} over {f.Crps.Count}");
        }
        var coverage80 = report.Model.Coverage.Single(c => c.Level == 0.8);
        Assert.InRange(coverage80.Rate!.Value, 0.5, 1.0);
        Assert.True(report.Forecasters[1].Coverage.Single(c => c.Level == 0.8).Count > 0);
        Assert.Empty(report.Forecasters[2].Coverage);
        // The 2009 round dates most approvals only within windows, and eleven not at all: those are counted, never guessed.
        Assert.True(report.Model.Coverage.All(c => c.Undetermined >= report.Undated) && report.Model.Coverage.All(c => c.Undetermined > 0));
        Assert.Equal(["1997-12-16", "2003-03-26", "2008-07-09", "2016-05-19", "2019-02-06", "2022-07-05"],
            report.Rounds.Select(r => r.Signed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.InRange(report.Model.Pit.Sum(), 1, report.Model.Coverage[0].Count);
        Assert.StartsWith("A model's backtest, not a fact.", report.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void an_exact_day_counts_inside_or_outside_and_a_window_only_when_wholly_on_one_side()
    {
        Assert.Equal(Verdict.Inside, Backtest.Covers(10, 50, 30, 30));
        Assert.Equal(Verdict.Inside, Backtest.Covers(10, 50, 10, 10));
        Assert.Equal(Verdict.Inside, Backtest.Covers(10, 50, 50, 50));
        Assert.Equal(Verdict.Outside, Backtest.Covers(10, 50, 51, 51));
        Assert.Equal(Verdict.Inside, Backtest.Covers(10, 50, 20, 40));
        Assert.Equal(Verdict.Outside, Backtest.Covers(10, 50, 60, 90));
        Assert.Equal(Verdict.Outside, Backtest.Covers(10, 50, 0, 9));
        Assert.Equal(Verdict.Undetermined, Backtest.Covers(10, 50, 40, 60));
        Assert.Equal(Verdict.Undetermined, Backtest.Covers(10, 50, 0, double.PositiveInfinity));
    }

    [Fact]
    public void done_within_a_horizon_is_determined_only_when_the_window_lies_wholly_on_one_side_of_it()
    {
        Assert.True(Backtest.DoneBy(20, 20, 30));
        Assert.True(Backtest.DoneBy(10, 30, 30));
        Assert.False(Backtest.DoneBy(31, 31, 30));
        Assert.False(Backtest.DoneBy(31, 60, 30));
        Assert.Null(Backtest.DoneBy(20, 40, 30));
        Assert.Equal(0.09, Backtest.BrierTerm(0.7, true), 12);
        Assert.Equal(0.49, Backtest.BrierTerm(0.7, false), 12);
    }

    [Fact]
    public void the_crps_of_a_point_forecast_is_its_absolute_error()
    {
        Assert.Equal(17, Backtest.Crps(Backtest.Point(40), 57, 7305), 12);
        Assert.Equal(17, Backtest.Crps(Backtest.Point(57), 40, 7305), 12);
        Assert.Equal(0, Backtest.Crps(Backtest.Point(40), 40, 7305), 12);
        Assert.Equal(25, Backtest.Crps(Backtest.Point(5), 30, 100, from: -20), 12);
    }

    [Fact]
    public void the_crps_of_an_exponential_time_matches_its_closed_form()
    {
        // CRPS(Exp(λ), y) = y + (2/λ) e^(−λy) − 3/(2λ) (Gneiting and Raftery 2007; scoringRules' crps_exp).
        var exponential = new Exponential(1.0 / 30);
        foreach (var y in new[] { 5.0, 45, 120 })
        {
            var closed = y + 60 * Math.Exp(-y / 30) - 45;
            Assert.Equal(closed, Backtest.Crps(t => t <= 0 ? 0 : exponential.CumulativeDistribution(t), y, 7305), 0.01);
        }
    }

    [Fact]
    public void the_own_median_baseline_takes_the_allys_median_then_the_alliances_then_the_prior_and_never_a_day_already_past()
    {
        List<PartyTime> history = [new("DEU", Observed.Exact(30)), new("DEU", Observed.Between(40, 60)), new("DEU", Observed.Exact(70)), new("FRA", Observed.Exact(200))];

        Assert.Equal(50, Backtest.OwnMedian(history, "DEU", 0));
        Assert.Equal(60, Backtest.OwnMedian(history, "ITA", 0));
        Assert.Equal(Backtest.PriorMedianDays, Backtest.OwnMedian([], "DEU", 0));
        Assert.Equal(121, Backtest.OwnMedian(history, "DEU", 120));
    }

    internal static string Describe(BacktestReport r) => string.Join(Environment.NewLine,
        [$"{r.Accessions.Count} accessions, {r.Origins} forecasts, {r.RoundOrigins} round origins, {r.PartyObservations} Party observations, {r.Undated} undated, {r.KnownLater} known later, {r.Seconds.ToString(CultureInfo.InvariantCulture)} s",
        .. r.Forecasters.Select(f => $"{f.Name}: coverage {string.Join(" ", f.Coverage.Select(c => $"{c.Level}={c.Rate:F3} ({c.Inside}/{c.Count}, {c.Undetermined} und.)"))}; "
            + $"Brier {string.Join(" ", f.Brier.Select(b => $"{b.Days}={b.Score:F4} (n={b.Count}, {b.Undetermined} und.)"))}; CRPS {f.Crps.MeanDays:F1} (n={f.Crps.Count}, {f.Crps.Undetermined} und.); "
            + $"PIT {string.Join(",", f.Pit)}"),
        .. r.Rounds.Select(x => $"  {x.Signed:yyyy-MM-dd} ({string.Join(" ", x.Accessions)}, {x.Origins} origins): "
            + string.Join("; ", x.Forecasters.Select(f => $"{f.Name} 80% {f.Coverage.Skip(1).FirstOrDefault()?.Rate:F2} ({f.Coverage.Skip(1).FirstOrDefault()?.Count}), B90 {f.Brier[1].Score:F3}, CRPS {f.Crps.MeanDays:F0} ({f.Crps.Count})")))]);
}
