using System.CommandLine;
using System.Globalization;
using Concord.Features.Forecasting;
using Spectre.Console;

namespace Concord.Cli.Commands;

/// <summary>
/// <c>concord forecast accession CANDIDATE [--as-of DATE] [--by DATE]</c>: a model's forecast, said to be one;
/// <c>concord forecast backtest</c>: BacktestCommand.cs.
/// </summary>
public static class ForecastCommands
{
    public static Command Create(StoreChoice store, Terminal terminal) => new("forecast", "A model's forecasts of when, from the history the store holds (docs/forecasting.md).")
    {
        Accession(store, terminal),
        Decision(store, terminal),
        BacktestCommand.Create(store, terminal),
    };

    private static Command Accession(StoreChoice store, Terminal terminal)
    {
        var candidate = new Argument<string>("CANDIDATE") { Description = "The candidate's ISO 3166-1 alpha-3 code, e.g. FIN." };
        var asOf = new Option<string?>("--as-of") { Description = "Forecast as of that day (YYYY-MM-DD), from what was known then (default today).", HelpName = "DATE" };
        var by = new Option<string?>("--by") { Description = "The horizon (YYYY-MM-DD): default the next summit after the as-of day, or 180 days on.", HelpName = "DATE" };
        var command = new Command("accession", "When the candidate's protocol enters into force, and each pending Party's chance of being done by the horizon.")
        {
            candidate, asOf, by,
        };
        command.SetAction((parse, ct) => store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
        {
            var result = await ForecastAccession.Handle(s.Db, s.Clock, parse.GetValue(candidate), parse.GetValue(asOf), parse.GetValue(by), ct);
            if (result.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
            Write(terminal, result.Value!);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Decision(StoreChoice store, Terminal terminal)
    {
        var id = new Argument<string>("ID") { Description = "The decision's id." };
        var by = new Option<string?>("--by") { Description = "The horizon (YYYY-MM-DD): default the summit it is due at, the next summit, or 180 days on.", HelpName = "DATE" };
        var command = new Command("decision", "The chance that a decision is adopted by the horizon, from the positions now and the analysts' judgments.")
        {
            id, by,
        };
        command.SetAction((parse, ct) => store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
        {
            var result = await ForecastDecision.Handle(s.Db, s.Clock, parse.GetValue(id), parse.GetValue(by), Concord.Features.Access.Reader.System, ct);
            if (result.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
            Write(terminal, result.Value!);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static void Write(Terminal terminal, DecisionForecast f)
    {
        terminal.Say($"{f.Subject} ({f.Decision}, {f.Rule}): forecast by {Day(f.By)} ({f.Horizon}).");
        if (f.Withheld)
        {
            terminal.Say(f.Basis);
            return;
        }
        terminal.Say(f.Probability is { } p ? $"Adopted by {Day(f.By)}: {(f.AtLeast ? "at least " : "")}{Percent(p)}." : $"No probability: no judgment of {string.Join(", ", f.Missing)}.");
        if (f.WhatItWouldTake.Count > 0)
        {
            var table = new Table().AddColumns("Member", "Position", $"Concurs by {Day(f.By)}", "If it surely did", "Judgment");
            foreach (var m in f.WhatItWouldTake)
                table.AddRow(Markup.Escape(m.Member), Markup.Escape(m.Position), (m.AtLeast && m.ChanceBy is not null ? "≥ " : "") + Percent(m.ChanceBy), (m.AtLeast && m.IfItConcurs is not null ? "≥ " : "") + Percent(m.IfItConcurs),
                    m.Judgment is { } j ? Markup.Escape($"{Percent(j.Probability)} by {Day(j.By)}, {j.RecordedBy} on {Day(Concord.Domain.Zones.BrusselsDate(j.Made))}: {j.Rationale}") : "none");
            terminal.Out.Write(table);
        }
        terminal.Say(f.Basis);
    }

    private static void Write(Terminal terminal, AccessionForecast f)
    {
        terminal.Say($"{f.Name} ({f.Candidate}): forecast as of {Day(f.AsOf)}, by {Day(f.By)} ({f.Horizon}).");
        terminal.Say(f.InForce
            ? $"The protocol was in force by {Day(f.AsOf)}."
            : $"Entry into force by {Day(f.By)}: {Percent(f.EntryIntoForceBy)}; median {Day(f.Median)}, 80% interval {Day(f.Low80)} to {Day(f.High80)}.");
        if (f.Member) terminal.Say($"{f.Name} was a member by {Day(f.AsOf)}.");
        else if (f.MembershipBy is { } member) terminal.Say($"Membership (after the candidate's own deposit) by {Day(f.By)}: {Percent(member)}; median {Day(f.MembershipMedian)}.");
        var table = new Table().AddColumns("Party", "Known then", "Past", $"Done by {Day(f.By)}", "Median", "80% interval");
        foreach (var p in f.Parties.Where(p => p.Known != "done"))
            table.AddRow(p.Party, p.Known, p.PastRatifications.ToString(CultureInfo.InvariantCulture), Percent(p.ByHorizon), Day(p.Median), $"{Day(p.Low80)} to {Day(p.High80)}");
        var done = f.Parties.Count(p => p.Known == "done");
        if (done < f.Parties.Count) terminal.Out.Write(table);
        terminal.Say($"{done} of {f.Parties.Count} Parties had ratified by {Day(f.AsOf)}.");
        terminal.Say(f.Basis);
    }

    private static string Day(NodaTime.LocalDate? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "beyond three years";

    private static string Percent(double? p) => p is { } v ? v.ToString("0%", CultureInfo.InvariantCulture) : "";
}
