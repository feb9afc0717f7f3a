using System.CommandLine;
using System.Globalization;
using Concord.Features.Forecasting;
using Spectre.Console;

namespace Concord.Cli.Commands;

/// <summary>
/// <c>concord forecast backtest [--fast] [--out FILE]</c>: the rolling-origin backtest of the accession forecast over every
/// accession in the store, printed as a table and written as Markdown (docs/forecasting.md, "Backtest and calibration").
/// </summary>
public static class BacktestCommand
{
    public const string DefaultFile = "forecast-backtest.md";

    public static Command Create(StoreChoice store, Terminal terminal)
    {
        var fast = new Option<bool>("--fast") { Description = $"Origins every {Backtest.FastStepDays} days instead of every {Backtest.FullStepDays} (what CI runs)." };
        var output = new Option<string?>("--out") { Description = $"Where to write the Markdown report (default {DefaultFile} in the current directory).", HelpName = "FILE" };
        var command = new Command("backtest", "Scores the accession forecast as it would have been made at each origin over every accession in force, against two baselines.")
        {
            fast, output,
        };
        command.SetAction((parse, ct) => store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
        {
            var isFast = parse.GetValue(fast);
            var report = await Backtest.Run(s.Db, s.Clock, isFast ? Backtest.FastStepDays : Backtest.FullStepDays, ct);
            var path = Path.GetFullPath(parse.GetValue(output) ?? DefaultFile);
            await File.WriteAllTextAsync(path, BacktestMarkdown.Write(report, isFast ? "concord forecast backtest --fast" : "concord forecast backtest"), ct);
            Write(terminal, report);
            terminal.Say($"Report written to {path}");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static void Write(Terminal terminal, BacktestReport r)
    {
        terminal.Say(string.Create(CultureInfo.InvariantCulture,
            $"Backtest of the accession forecast (a model's, not a fact): {r.Accessions.Count} accessions ({string.Join(" ", r.Accessions)}), origins every {r.StepDays} days, {r.Origins} forecasts, {r.PartyObservations} Party observations, {r.Seconds:0.0} s."));
        var table = new Table().AddColumns("Forecaster", "50%", "80%", "95%", "Brier 30 d", "Brier 90 d", "Brier 180 d", "CRPS (days)");
        foreach (var f in r.Forecasters)
            table.AddRow(Markup.Escape(f.Name), Cell(f, 0), Cell(f, 1), Cell(f, 2), BacktestMarkdown.Brier(f, 0), BacktestMarkdown.Brier(f, 1), BacktestMarkdown.Brier(f, 2),
                BacktestMarkdown.Crps(f));
        terminal.Out.Write(table);
        var m = r.Model;
        terminal.Say(string.Create(CultureInfo.InvariantCulture,
            $"Undetermined (a window on both sides): coverage {m.Coverage[0].Undetermined}/{m.Coverage[1].Undetermined}/{m.Coverage[2].Undetermined}, Brier {m.Brier[0].Undetermined}/{m.Brier[1].Undetermined}/{m.Brier[2].Undetermined}, CRPS {m.Crps.Undetermined} of {m.Crps.Count + m.Crps.Undetermined}."));
    }

    private static string Cell(ForecasterScores f, int level) => Markup.Escape(BacktestMarkdown.Coverage(f, level));
}
