using System.CommandLine;
using System.Globalization;
using Concord.Features.Importing;
using Concord.Features.Readiness;

namespace Concord.Cli.Commands;

/// <summary>
/// <c>concord readiness show [ALLY]</c>, <c>concord readiness impact ALLY --category C --quantity N</c>,
/// <c>concord readiness import FILE</c> (floors, stocks, GDP) and <c>concord readiness import-expenditure FILE</c>.
/// </summary>
public static class ReadinessCommands
{
    public static Command Create(StoreChoice store, Terminal terminal) => new("readiness", "Defence expenditure and stocks against readiness floors; the impact of a donation.")
    {
        Show(store, terminal),
        Impact(store, terminal),
        Import(store, terminal, "import", "Load floors, stocks and GDP from a CSV file (data/readiness).",
            (db, clock, file, who, ct) => ImportReadiness.Handle(db, clock, file, who, ct)),
        Import(store, terminal, "import-expenditure", "Load NATO defence-expenditure figures from a CSV file (data/nato/defence_expenditure_2024.csv).",
            (db, clock, file, who, ct) => ImportDefenceExpenditure.Handle(db, clock, file, who, ct)),
    };

    private static Command Show(StoreChoice store, Terminal terminal)
    {
        var ally = new Argument<string?>("ALLY") { Description = "An Ally (ISO 3166-1 alpha-3); without it, every Ally.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("show", "Each Ally's 2024 defence expenditure vs 2% and 20%, with sources; or one Ally's stocks vs floors.") { ally };
        command.SetAction((parse, ct) => store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
        {
            var overview = await QueryReadiness.All(s.Db, ct);
            if (parse.GetValue(ally) is { } code)
            {
                var one = await QueryReadiness.One(s.Db, code, ct);
                if (one.Refusal is { } r) return terminal.Fail(r.Reason);
                var view = one.Value!;
                WriteAlly(terminal, view, await Features.Sources.SourceBook.For(s.Db,
                    [.. view.Expenditure.SelectMany(e => new[] { e.Source, e.EquipmentSource }), .. view.Stocks.SelectMany(x => new[] { x.Source, x.FloorSource }), view.GdpSource], ct));
            }
            else
            {
                terminal.Say(Row("ALLY", "% GDP 2024", "2%", "EQUIPMENT %", "20%", "REVISED", "STOCKS BELOW FLOOR", "SOURCE"));
                foreach (var a in overview.Allies)
                {
                    var est = a.Expenditure.FirstOrDefault(e => e.Figure == Domain.Readiness.ExpenditureFigure.Estimate);
                    var rev = a.Expenditure.FirstOrDefault(e => e.Figure == Domain.Readiness.ExpenditureFigure.Revised);
                    terminal.Say(Row(a.Code, N(est?.PctGdp), YesNo(est?.Meets2Pct), N(est?.EquipmentSharePct), YesNo(est?.Meets20PctEquipment),
                        N(rev?.PctGdp), a.Stocks.Count == 0 ? "-" : a.Stocks.Count(x => x.BelowFloor).ToString(CultureInfo.InvariantCulture),
                        Clip(est?.Source ?? "-", 60)));
                }
            }
            if (overview.Notice is { } notice) terminal.Say("NOTE: " + notice);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static void WriteAlly(Terminal terminal, AllyReadinessView a, Features.Sources.SourceBook book)
    {
        terminal.Say($"{a.Name} ({a.Code})");
        void Cite(string label, string? source)
        {
            if (source is null) return;
            terminal.Say($"    {label}:");
            foreach (var line in CitationRendering.Lines(book, source)) terminal.Say("      " + line);
        }
        foreach (var e in a.Expenditure)
        {
            terminal.Say($"  {e.Year} {Domain.Words.Of(e.Figure)}: {N(e.PctGdp)}% of GDP ({(e.Meets2Pct is true ? "meets" : e.Meets2Pct is false ? "below" : "unknown vs")} 2%)"
                + (e.EquipmentSharePct is { } q ? $", {N(q)}% on equipment ({(e.Meets20PctEquipment is true ? "meets" : "below")} 20%)" : ""));
            Cite("source", e.Source);
            Cite("equipment share", e.EquipmentSource);
        }
        if (a.GdpUsdBn is { } gdp) { terminal.Say($"  GDP: USD {N(gdp)} bn"); Cite("source", a.GdpSource); }
        if (a.Stocks.Count == 0) { terminal.Say("  No stocks reported."); return; }
        terminal.Say(Row("  CATEGORY", "STOCK", "FLOOR", "HEADROOM", "BELOW FLOOR", "ON", "LEAD DAYS"));
        foreach (var s in a.Stocks)
            terminal.Say(Row("  " + s.Category, $"{N(s.Quantity)} {s.Unit}", N(s.Floor), N(s.Headroom), s.BelowFloor ? "yes" : "no",
                s.On.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), s.LeadDays?.ToString(CultureInfo.InvariantCulture) ?? "-"));
        foreach (var s in a.Stocks)
        {
            Cite($"{s.Category} stock", s.Source);
            if (s.FloorSource != s.Source) Cite($"{s.Category} floor", s.FloorSource);
        }
    }

    private static Command Impact(StoreChoice store, Terminal terminal)
    {
        var ally = new Argument<string>("ALLY") { Description = "The donor (ISO 3166-1 alpha-3)." };
        var category = new Option<string>("--category") { Description = "A stock category, e.g. air-defence.", Required = true, HelpName = "CATEGORY" };
        var quantity = new Option<string>("--quantity") { Description = "How many would be given.", Required = true, HelpName = "N" };
        var command = new Command("impact", "What a proposed donation would do to the donor's stock against its floor; nothing is recorded.") { ally, category, quantity };
        command.SetAction((parse, ct) => store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
        {
            var impact = await QueryReadiness.Impact(s.Db, parse.GetValue(ally)!, parse.GetValue(category), parse.GetValue(quantity), ct);
            if (impact.Refusal is { } r) return terminal.Fail(r.Reason);
            terminal.Say(impact.Value!.Words);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Import(StoreChoice store, Terminal terminal, string name, string description,
        Func<Features.Storage.ConcordDbContext, NodaTime.IClock, TextReader, Features.WriteContext, CancellationToken, Task<ImportReport>> import)
    {
        var file = Arguments.File("A CSV file with a header row (data/README.md).");
        var command = new Command(name, description) { file };
        command.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (Arguments.MissingFile(path) is { } p) return Task.FromResult(terminal.Fail(p));
            return store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
            {
                using var reader = path.OpenText();
                var report = await import(s.Db, s.Clock, reader, s.Writer, ct);
                if (report.Succeeded) { terminal.Say($"{path.Name}: {report.Rows} rows, {report.Added} facts recorded."); return ExitCodes.Ok; }
                foreach (var error in report.Errors) terminal.Complain($"{path.Name}: {error}");
                return terminal.Fail($"{path.Name} was not loaded: {report.Errors.Count} bad rows.");
            }, ct);
        });
        return command;
    }

    internal static string Row(params string[] cells) => string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(i == 0 ? 18 : 12)));

    internal static string N(decimal? d) => d?.ToString("#,0.##", CultureInfo.InvariantCulture) ?? "-";

    private static string YesNo(bool? b) => b switch { true => "yes", false => "no", null => "-" };

    private static string Clip(string s, int n) => s.Length > n ? s[..n] + "…" : s;
}
