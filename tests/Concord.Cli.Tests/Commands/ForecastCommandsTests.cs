namespace Concord.Cli.Tests.Commands;

public sealed class ForecastCommandsTests : IDisposable
{
    private readonly TempStore _store = new(seeded: true);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task forecast_accession_prints_the_chance_of_entry_into_force_by_the_next_summit_and_says_it_is_a_model()
    {
        var run = await _store.Run("forecast", "accession", "FIN", "--as-of", "2022-10-01");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Finland (FIN): forecast as of 2022-10-01, by 2023-07-11 (the next summit (Vilnius Summit, 2023-07-11)).", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"Entry into force by 2023-07-11: \d+%; median \d{4}-\d\d-\d\d, 80% interval", run.Output);
        Assert.Contains("│ TUR", run.Output, StringComparison.Ordinal);
        Assert.Contains("A model, not a fact", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_forecast_before_the_signature_is_refused_in_words()
    {
        var run = await _store.Run("forecast", "accession", "FIN", "--as-of", "2022-06-01");

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("was not signed by 2022-06-01", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task forecast_backtest_fast_prints_the_scores_of_the_model_and_both_baselines_and_writes_the_markdown_report_where_asked()
    {
        var file = _store.FilePath("backtest.md");

        var run = await _store.Run("forecast", "backtest", "--fast", "--out", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("15 accessions (ALB BGR CZE EST FIN HRV HUN LTU LVA MKD MNE POL ROU SVK SVN), origins every 90 days", run.Output, StringComparison.Ordinal);
        Assert.Contains("│ Alliance-wide", run.Output, StringComparison.Ordinal);
        Assert.Contains("│ Ally's own median", run.Output, StringComparison.Ordinal);
        Assert.Contains($"Report written to {file}", run.Output, StringComparison.Ordinal);
        var markdown = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        Assert.StartsWith("# Accession forecast: rolling-origin backtest", markdown, StringComparison.Ordinal);
        Assert.Contains("A model's backtest, not a fact.", markdown, StringComparison.Ordinal);
        Assert.Contains("`concord forecast backtest --fast`", markdown, StringComparison.Ordinal);
        Assert.Matches(@"\| Model \| \d+\.\d% \(\d+/\d+\) \| \d+\.\d% \(\d+/\d+\) \| \d+\.\d% \(\d+/\d+\) \| 0\.\d{3} \| 0\.\d{3} \| 0\.\d{3} \| \d+\.\d \|", markdown);
        Assert.Contains("| Ally's own median | n/a | n/a | n/a |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task forecast_decision_prints_the_members_it_waits_on_with_the_judgments_and_names_those_unjudged()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var s = await _store.Open())
        {
            var id = Concord.Domain.Decisions.DecisionId.Parse("cli-judged");
            Assert.Null((await Concord.Features.Decisions.OpenDecision.Handle(s.Db, s.Clock,
                new Concord.Features.Decisions.OpenDecision.Request(id.Value, "Judged from the command line", Classification: "PUBLIC"), Concord.Features.WriteContext.System, ct)).Refusal);
            var by = Concord.Domain.Zones.BrusselsDate(s.Clock.GetCurrentInstant()).PlusDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Null((await Concord.Features.Decisions.RecordJudgment.Handle(s.Db, s.Clock, id,
                new Concord.Features.Decisions.RecordJudgment.Request("TUR", 0.25, by, "Its parliament has not scheduled a vote.", "https://example.org/report"),
                new Concord.Features.WriteContext("analyst"), ct)).Refusal);
        }

        var run = await _store.Run("forecast", "decision", "cli-judged");
        var concluded = await _store.Run("forecast", "decision", "invite-ukraine-washington-2024");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No probability: no judgment of", run.Output, StringComparison.Ordinal);
        Assert.Contains("│ TUR", run.Output, StringComparison.Ordinal);
        Assert.Contains("Its parliament has not scheduled a vote.", run.Output, StringComparison.Ordinal);
        Assert.Contains("A model, not a fact", run.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, concluded.ExitCode);
        Assert.Contains("is concluded: its outcome is a fact, not a forecast", concluded.Error, StringComparison.Ordinal);
    }
}
