using System.CommandLine;
using System.Globalization;
using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features;
using Concord.Features.Assistance;
using NodaTime;

namespace Concord.Cli.Commands;

/// <summary>
/// <c>concord assistance show [PLEDGE] [--donor D] [--as-of DATE]</c>, <c>concord assistance delays [--by donor|category|month]
/// [--as-of DATE]</c> and <c>concord assistance export FILE [--format csv|json]</c>.
/// </summary>
public static class AssistanceCommands
{
    /// <summary>The <c>assistance</c> command. Other parts of issue 6 add their subcommands to the list below, one line each.</summary>
    public static Command Create(StoreChoice store, Terminal terminal)
    {
        var command = new Command("assistance", "Pledges of assistance, their deliveries and delays, as of any date.");
        Command[] subcommands =
        [
            Show(store, terminal),
            Delays(store, terminal),
            Export(store, terminal),
            AssistanceImportCommands.Create(store, terminal),
            AssistancePlanCommand.Create(store, terminal),
        ];
        foreach (var sub in subcommands) command.Subcommands.Add(sub);
        return command;
    }

    private static Option<string?> AsOfOption() =>
        new("--as-of") { Description = "As it stood at the end of that day (YYYY-MM-DD); today by default.", HelpName = "DATE" };

    private static Command Show(StoreChoice store, Terminal terminal)
    {
        var pledge = new Argument<string?>("PLEDGE") { Description = "A pledge id, e.g. DEU-iris-t-slm-2022-06; without it, the list.", Arity = ArgumentArity.ZeroOrOne };
        var donor = new Option<string?>("--donor") { Description = "Only this donor's pledges (ISO 3166-1 alpha-3).", HelpName = "CODE" };
        var asOf = AsOfOption();
        var command = new Command("show", "The pledges with status, delivered and outstanding; or one pledge with its lines and history.") { pledge, donor, asOf };
        command.SetAction((parse, ct) =>
        {
            var date = DateOf(parse.GetValue(asOf));
            if (date.Refusal is { } refusal) return Task.FromResult(terminal.Fail(refusal.Reason));
            return store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
            {
                if (parse.GetValue(pledge) is { } id)
                {
                    var one = await GetPledge.Handle(s.Db, s.Clock, id, date.Value, ct);
                    if (one.Refusal is { } r) return terminal.Fail(r.Reason);
                    WritePledge(terminal, one.Value!);
                    return ExitCodes.Ok;
                }
                var list = await ListPledges.Handle(s.Db, s.Clock, new PledgeFilter(Donor: parse.GetValue(donor)), date.Value, ct);
                if (list.Refusal is { } lr) return terminal.Fail(lr.Reason);
                if (list.Value!.Count == 0) { terminal.Say("No pledges."); return ExitCodes.Ok; }
                terminal.Say(Row("PLEDGE", "DONOR", "ANNOUNCED", "STATUS", "DELIVERED", "OUTSTANDING"));
                foreach (var p in list.Value!)
                    terminal.Say(Row(p.Id, p.Donor, Day(p.Announced), Domain.Words.Of(p.Status), Lines(p.Items, l => l.Delivered), Lines(p.Items, l => l.Outstanding)));
                return ExitCodes.Ok;
            }, ct);
        });
        return command;
    }

    private static Command Delays(StoreChoice store, Terminal terminal)
    {
        var by = new Option<string?>("--by") { Description = "Group by donor (default), category or month of announcement.", HelpName = "donor|category|month" };
        var asOf = AsOfOption();
        var command = new Command("delays", "Days from announcement to first delivery (median and percentiles), missed promises, backlog and funding events.") { by, asOf };
        command.SetAction((parse, ct) =>
        {
            var date = DateOf(parse.GetValue(asOf));
            if (date.Refusal is { } refusal) return Task.FromResult(terminal.Fail(refusal.Reason));
            return store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
            {
                var result = await PledgeDelays.Handle(s.Db, s.Clock, date.Value, parse.GetValue(by), ct);
                if (result.Refusal is { } r) return terminal.Fail(r.Reason.Replace("'by'", "--by", StringComparison.Ordinal));
                var view = result.Value!;
                terminal.Say($"Delays as of {Day(view.AsOf)}, by {Domain.Words.Of(view.By)}:");
                terminal.Say(Row(Domain.Words.Of(view.By).ToUpperInvariant(), "PLEDGES", "FIRST", "FULL", "CANCELLED", "MEDIAN", "P25", "P75", "P90", "LATE", "BACKLOG"));
                foreach (var g in view.Groups)
                    // Over deliveries dated by a confirmation (an upper bound), the percentiles are bounds: "≤ 61".
                    terminal.Say(Row(g.Key, Num(g.Pledges), Num(g.FirstDelivered), Num(g.FullyDelivered), Num(g.Cancelled),
                        Bound(g.MedianDaysToFirstDelivery, g.AtMostDaysToFirstDelivery?.Median), Bound(g.P25DaysToFirstDelivery, g.AtMostDaysToFirstDelivery?.P25),
                        Bound(g.P75DaysToFirstDelivery, g.AtMostDaysToFirstDelivery?.P75), Bound(g.P90DaysToFirstDelivery, g.AtMostDaysToFirstDelivery?.P90),
                        Num(g.Late), Backlog(g.Backlog)));
                foreach (var l in view.Late)
                    terminal.Say(l.DeliveredOn is { } on
                        ? $"Late: {l.Id} delivered {Day(on)}, {l.DaysLate} days after the promised {Day(l.PromisedBy)}."
                        : $"Late: {l.Id} still outstanding, {l.DaysLate} days after the promised {Day(l.PromisedBy)}.");
                foreach (var f in view.FundingEvents)
                    terminal.Say($"Funding: {Day(f.On)} {f.Donor} {f.Event}{(f.AmountUsdBn is { } bn ? $" (USD {Num(bn)} bn)" : "")}");
                foreach (var e in view.DelayEvents ?? [])
                    terminal.Say($"Delay event: {Day(e.On)} {e.Actor} ({e.Kind}) {e.Summary}{(e.Source is { } src ? $" [{src}]" : "")}");
                return ExitCodes.Ok;
            }, ct);
        });
        return command;
    }

    private static Command Export(StoreChoice store, Terminal terminal)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Where to write the ledger." };
        var format = new Option<string?>("--format") { Description = "csv (default) or json; columns in docs/data-formats.md.", HelpName = "csv|json" };
        var asOf = AsOfOption();
        var command = new Command("export", "Write the ledger, one row per pledge: status, items, delivered, outstanding, value, source, basis.") { file, format, asOf };
        command.SetAction((parse, ct) =>
        {
            var date = DateOf(parse.GetValue(asOf));
            if (date.Refusal is { } refusal) return Task.FromResult(terminal.Fail(refusal.Reason));
            return store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
            {
                var result = await LedgerExport.Handle(s.Db, s.Clock, parse.GetValue(format), date.Value, ct);
                if (result.Refusal is { } r) return terminal.Fail(r.Reason.Replace("'format'", "--format", StringComparison.Ordinal));
                var path = parse.GetValue(file)!;
                await File.WriteAllTextAsync(path.FullName, result.Value!, ct);
                var rows = (await ListPledges.Handle(s.Db, s.Clock, new PledgeFilter(), date.Value, ct)).Value!.Count;
                terminal.Say($"Wrote {Cli.Words.Count(rows, "pledge")} to {path.FullName}.");
                return ExitCodes.Ok;
            }, ct);
        });
        return command;
    }

    private static void WritePledge(Terminal terminal, PledgeView p)
    {
        terminal.Say($"{p.Id}: {p.Donor} to {p.Recipient}, {Domain.Words.Of(p.Category)}, announced {Day(p.Announced)} (as of {Day(p.AsOf)})");
        var reached = p.StatusWindow ?? Domain.DateWindow.On(p.StatusOn);
        terminal.Say($"Status: {Domain.Words.Of(p.Status)} {(reached.IsExact ? "since " : "")}{reached}" + (p.CancelReason is { } why ? $" ({why})" : ""));
        if (p.Value is { } v) terminal.Say($"Value: {v.Currency} {Num(v.Amount)}, outstanding {v.Currency} {Num(p.OutstandingValue?.Amount)}");
        if (p.PromisedBy is { } promised) terminal.Say($"Promised by: {Day(promised)}");
        terminal.Say($"Days to first delivery: {Num(p.DaysToFirstDelivery)}; to full delivery: {Num(p.DaysToFullDelivery)}");
        if (p.Joint) terminal.Say($"Joint pledge of {string.Join(", ", p.Donors ?? [])} (counted once)");
        foreach (var u in p.Undisclosed ?? []) terminal.Say($"Undisclosed quantity: {u.Item} ({u.Unit}), in no total");
        if (p.FirstDeliveryWindow is { } first) terminal.Say($"First delivery {first.ToPhrase()}; {p.Delay}");
        terminal.Say(Row("ITEM", "UNIT", "PLEDGED", "DELIVERED", "OUTSTANDING"));
        foreach (var l in p.Items) terminal.Say(Row(l.Item, l.Unit, Num(l.Pledged), Num(l.Delivered), Num(l.Outstanding)));
        terminal.Say("History:");
        foreach (var h in p.History ?? []) terminal.Say($"  {Day(h.On)} {h.Kind} (entered by {h.RecordedBy})");
    }

    private static Result<LocalDate?> DateOf(string? text)
    {
        if (text is null) return new Result<LocalDate?>(null, null);
        var d = Input.Date(text, "--as-of");
        if (d.Refusal is { } r) return r;
        return new Result<LocalDate?>(d.Value, null);
    }

    private static string Row(params string[] cells) => string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(i == 0 ? 24 : 10))).TrimEnd();

    private static string Lines(IEnumerable<PledgeLine> lines, Func<PledgeLine, decimal> quantity) =>
        string.Join("; ", lines.Select(l => $"{Num(quantity(l))} {l.Unit}"));

    private static string Backlog(Backlog b) =>
        b.Pledges == 0 ? "-" : string.Join("; ", b.Items.Select(i => $"{Num(i.Outstanding)} {i.Unit} {i.Item}").Concat(b.Value.Select(v => $"{v.Key} {Num(v.Value)}")));

    private static string Day(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Num(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-";

    private static string Bound(decimal? exact, decimal? atMost) => exact is not null ? Num(exact) : atMost is { } m ? "≤ " + Num(m) : "-";

    private static string Num(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
