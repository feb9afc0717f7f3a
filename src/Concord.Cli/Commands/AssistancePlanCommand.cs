using System.CommandLine;
using System.Globalization;
using Concord.Features.Assistance.Planning;
using static Concord.Cli.Commands.ReadinessCommands;

namespace Concord.Cli.Commands;

/// <summary>
/// <c>concord assistance plan --item air-defence=12 --item ammunition-155mm=500000 --by 2025-06-30 [--share gdp|stocks]
/// [--speed-weight 0.3] [--recipient UKR]</c>: proposes how donors could meet a request from the readiness data
/// (OR-Tools; the objective is stated on <see cref="Planner"/>). Nothing is recorded.
/// </summary>
public static class AssistancePlanCommand
{
    public static Command Create(StoreChoice store, Terminal terminal)
    {
        var items = new Option<string[]>("--item") { Description = "CATEGORY=QUANTITY, repeated for each item.", Required = true, HelpName = "CATEGORY=N", AllowMultipleArgumentsPerToken = false };
        var by = new Option<string>("--by") { Description = "The date the request is for (YYYY-MM-DD).", Required = true, HelpName = "DATE" };
        var share = new Option<string>("--share") { Description = "Share the burden by gdp or by stocks.", DefaultValueFactory = _ => "gdp", HelpName = "gdp|stocks" };
        var weight = new Option<double>("--speed-weight") { Description = "Priority of speed over readiness, 0 to 1 (0: every floor is kept).", DefaultValueFactory = _ => 0, HelpName = "W" };
        var recipient = new Option<string>("--recipient") { Description = "Who receives (ISO 3166-1 alpha-3).", DefaultValueFactory = _ => "UKR", HelpName = "CODE" };
        var command = new Command("plan", "Propose how donors could meet a request, respecting their readiness floors or trading them for speed.")
            { items, by, share, weight, recipient };
        command.SetAction((parse, ct) =>
        {
            var lines = new List<PlanAssistance.Item>();
            foreach (var text in parse.GetValue(items) ?? [])
            {
                var parts = text.Split('=', 2);
                if (parts.Length != 2 || !int.TryParse(parts[1].Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var q))
                    return Task.FromResult(terminal.Fail($"--item must be CATEGORY=QUANTITY, e.g. air-defence=12; got '{text}'."));
                lines.Add(new PlanAssistance.Item(parts[0], q));
            }
            var request = new PlanAssistance.Request(parse.GetValue(recipient), lines, parse.GetValue(by), parse.GetValue(share), parse.GetValue(weight));
            return store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
            {
                var answer = await PlanAssistance.Handle(s.Db, s.Clock, request, ct);
                if (answer.Refusal is { } r) return terminal.Fail(r.Field is null ? r.Reason : $"{r.Field}: {r.Reason}");
                Write(terminal, answer.Value!);
                return answer.Value!.Plan.Feasible ? ExitCodes.Ok : ExitCodes.Refused;
            }, ct);
        });
        return command;
    }

    private static void Write(Terminal terminal, PlanAssistance.Answer answer)
    {
        var plan = answer.Plan;
        terminal.Say(plan.Summary);
        if (plan.Feasible)
        {
            terminal.Say(Row("DONOR", "CATEGORY", "QUANTITY", "DELIVERED ON", "DAYS LATE", "STOCK AFTER", "FLOOR", "BELOW FLOOR BY"));
            foreach (var l in plan.Lines)
                terminal.Say(Row(l.Donor.Value, l.Category.Value, N(l.Quantity), l.DeliveredOn.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
                    N(l.DaysLate), N(l.StockAfter), N(l.Floor), N(l.BelowFloorBy)));
            terminal.Say(Row("DONOR", "BURDEN %", "FAIR SHARE %"));
            foreach (var b in plan.Burden)
                terminal.Say(Row(b.Donor.Value, b.SharePct.ToString("0.##", CultureInfo.InvariantCulture), b.FairSharePct.ToString("0.##", CultureInfo.InvariantCulture)));
            var o = plan.Objective!;
            terminal.Say(string.Create(CultureInfo.InvariantCulture,
                $"Objective ({plan.Solver}): readiness {o.Readiness:0.####} + lateness {o.Lateness:0.####} + burden {o.Burden:0.####} = {o.Total:0.####}"));
        }
        if (answer.Notice is { } notice) terminal.Say("NOTE: " + notice);
    }
}
