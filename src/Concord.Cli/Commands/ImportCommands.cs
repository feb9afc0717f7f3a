using System.CommandLine;
using System.Text.Json;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Features.Accessions;
using Concord.Features.Decisions;
using Concord.Features.EventLog;
using Concord.Features.Importing;
using Concord.Features.Members;
using Concord.Features.Summits;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Commands;

/// <summary>
/// <c>concord import sources|members|summits|decisions|positions|accession|procedures|statements|log FILE</c>: the same importers the
/// data pack goes through. A file is taken whole or not at all: on any bad row every one is listed ("line N, column: message") and nothing is loaded.
/// </summary>
public static class ImportCommands
{
    private delegate Task<ImportReport> Importer(ParseResult parse, Store store, TextReader file, CancellationToken ct);

    public static Command Create(StoreChoice store, Terminal terminal) => new("import", "Load a CSV file (or an accession as JSON), or a whole exported log.")
    {
        CsvCommand(store, terminal, "sources", "Register the sources of a CSV file (docs/sources.md); those already registered alike are skipped.",
            (_, s, file, ct) => Features.Sources.ImportSources.Handle(s.Db, s.Clock, file, s.Writer, ct)),
        Members(store, terminal),
        CsvCommand(store, terminal, "summits", "Schedule the summits of a CSV file.",
            (_, s, file, ct) => ImportSummits.Handle(s.Db, s.Clock, file, s.Writer, ct)),
        CsvCommand(store, terminal, "decisions", "Open the decisions of a CSV file (those already open are left as they are).",
            (_, s, file, ct) => ImportDecisions.Handle(s.Db, s.Clock, file, s.Writer, ct)),
        Positions(store, terminal),
        Accession(store, terminal),
        CsvCommand(store, terminal, "procedures", "Configure the Parties' national ratification procedures from a CSV file (the latest setting applies).",
            (_, s, file, ct) => Procedures.Import(s.Db, s.Clock, file, s.Writer, ct)),
        CsvCommand(store, terminal, "statements", "Record the statements, visits, meetings, communiqués and votes of a CSV file (docs/data-formats.md).",
            (_, s, file, ct) => Features.Statements.ImportStatements.Handle(s.Db, s.Clock, file, s.Writer, ct)),
        Log(store, terminal),
    };

    private static Command Members(StoreChoice store, Terminal terminal)
    {
        var body = new Option<string>("--body") { Description = "The body whose seats these are.", DefaultValueFactory = _ => Body.Nato, HelpName = "CODE" };
        return CsvCommand(store, terminal, "members", "Admit the members (seats) listed in a CSV file.",
            (parse, s, file, ct) => ImportMembers.Handle(s.Db, s.Clock, file, parse.GetValue(body)!, s.Writer, ct),
            body, parse => string.IsNullOrWhiteSpace(parse.GetValue(body)) ? "--body needs the code of a body, such as NATO or EU." : null);
    }

    private static Command Positions(StoreChoice store, Terminal terminal)
    {
        var decision = new Option<string>("--decision") { Description = "The decision the positions are on.", Required = true, HelpName = "ID" };
        return CsvCommand(store, terminal, "positions", "Record the Allies' positions on one decision from a CSV file.",
            (parse, s, file, ct) => ImportPositions.Handle(s.Db, s.Clock, file, DecisionId.Parse(parse.GetValue(decision)!), s.Writer, ct),
            decision, parse => DecisionId.TryParse(parse.GetValue(decision)) is null ? Arguments.NotADecisionId(parse.GetValue(decision)) : null);
    }

    private static Command CsvCommand(StoreChoice store, Terminal terminal, string name, string description, Importer import,
        Option? option = null, Func<ParseResult, string?>? problem = null)
    {
        var file = Arguments.File("A CSV file with a header row (docs/data-formats.md).");
        var command = new Command(name, description) { file };
        if (option is not null) command.Add(option);
        command.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if ((Arguments.MissingFile(path) ?? problem?.Invoke(parse)) is { } p) return Task.FromResult(terminal.Fail(p));
            return store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
            {
                using var reader = path.OpenText();
                return Report(terminal, path, await import(parse, s, reader, ct));
            }, ct);
        });
        return command;
    }

    private static Command Accession(StoreChoice store, Terminal terminal)
    {
        var file = Arguments.File("A CSV file with a header row, or JSON when the name ends in .json (docs/data-formats.md).");
        var command = new Command("accession", "Record one candidate's path to membership: its steps and every Party's ratification stages.") { file };
        command.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (Arguments.MissingFile(path) is { } p) return Task.FromResult(terminal.Fail(p));
            return store.Run(parse, terminal, Seeding.WhenEmpty, s => ImportAccessionFile(terminal, s, path, ct), ct);
        });
        return command;
    }

    /// <summary>
    /// Imports one accession; on success says how many events were recorded (opening a new accession is one of them,
    /// so rows and events are not compared) and where the accession now stands, membership date included.
    /// </summary>
    private static async Task<int> ImportAccessionFile(Terminal terminal, Store store, FileInfo path, CancellationToken ct)
    {
        var before = (await ListAccessions.Handle(store.Db, store.Clock, ct)).ToDictionary(a => a.Candidate, a => a.Version);
        var json = path.Extension.Equals(".json", StringComparison.OrdinalIgnoreCase);
        ImportReport report;
        using (var reader = path.OpenText())
            report = await ImportAccession.Handle(store.Db, store.Clock, reader, json, store.Writer, ct);
        if (!report.Succeeded) return Report(terminal, path, report);
        terminal.Say(report.Added == 0 ? $"Loaded {path.Name}: {Words.Count(report.Rows, "row")}, nothing new: every step is already in the store."
            : $"Loaded {path.Name}: {Words.Count(report.Rows, "row")}, {Words.Count(report.Added, "event")} recorded.");
        foreach (var changed in (await ListAccessions.Handle(store.Db, store.Clock, ct)).Where(a => before.GetValueOrDefault(a.Candidate) != a.Version))
        {
            var view = await GetAccession.Handle(store.Db, store.Clock, MemberCode.Parse(changed.Candidate), null, ct);
            if (view.Value is { } accession) terminal.Say($"{accession.Status.Candidate}: {accession.Status.Summary}");
        }
        return ExitCodes.Ok;
    }

    private static int Report(Terminal terminal, FileInfo file, ImportReport report)
    {
        if (report.Succeeded)
        {
            var skipped = report.Rows - report.Added;
            terminal.Say($"Loaded {file.Name}: {Words.Count(report.Rows, "row")}, {report.Added} added" +
                (skipped > 0 ? $", {skipped} already in the store." : "."));
            return ExitCodes.Ok;
        }
        foreach (var error in report.Errors)
            terminal.Complain(error.Line > 0 ? error.ToString() : error.Message);
        return terminal.Fail($"Nothing was loaded from {file.Name}: {Words.Count(report.Errors.Count, "problem")}.");
    }

    private static Command Log(StoreChoice store, Terminal terminal)
    {
        var file = Arguments.File("A JSON-lines export written by `concord export`.");
        var command = new Command("log", "Load a whole exported log into an EMPTY store, reproducing every event and hash.") { file };
        command.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (Arguments.MissingFile(path) is { } p) return Task.FromResult(terminal.Fail(p));
            return store.Run(parse, terminal, Seeding.Never, s => ImportLog(terminal, s, path, ct), ct);
        });
        return command;
    }

    private static async Task<int> ImportLog(Terminal terminal, Store store, FileInfo path, CancellationToken ct)
    {
        using var reader = path.OpenText();
        try
        {
            var result = await LogOperations.Import(store.Db, store.Clock, reader, ct);
            if (result.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
        }
        catch (JsonException e)
        {
            return terminal.Fail($"{path.Name} is not a Concord export: {e.Message}");
        }
        var events = await store.Db.Events.CountAsync(ct);
        terminal.Say($"Imported {Words.Count(events, "event")} from {path.Name}; every hash was reproduced.");
        return ExitCodes.Ok;
    }
}
