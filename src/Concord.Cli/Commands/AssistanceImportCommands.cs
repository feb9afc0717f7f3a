using System.CommandLine;
using Concord.Domain;
using Concord.Features.Assistance.Importing;
using Concord.Features.Importing;

namespace Concord.Cli.Commands;

/// <summary>
/// <c>concord assistance import timeline|pledges|pledge-amendments|delays|kiel|kiel-monthly|iati FILE [--release R]</c>: assistance data from public
/// sources (docs/data-formats.md, "Assistance imports"). A file is taken whole or not at all: on any bad row or element
/// every one is listed ("line N, column: message") and nothing is loaded.
/// </summary>
public static class AssistanceImportCommands
{
    private delegate Task<ImportReport> Importer(Store store, TextReader file, string? release, CancellationToken ct);

    public static Command Create(StoreChoice store, Terminal terminal) => new("import", "Load assistance data: a funding timeline, a Kiel tracker release or an IATI activity file.")
    {
        Sub(store, terminal, "timeline", "Record the dated funding events of a CSV file (date, event, amount_usd_bn, vote, source).", false,
            (s, file, _, ct) => ImportTimeline.Handle(s.Db, s.Clock, file, s.Writer, ct)),
        Sub(store, terminal, "pledges", "Record pledges of specific systems, one row per pledge (data/assistance/pledges.csv): announcement, promise, first and full delivery.", false,
            (s, file, _, ct) => ImportPledges.Handle(s.Db, s.Clock, file, s.Writer, ct)),
        Sub(store, terminal, "pledge-amendments", "Record later changes to imported pledges (data/assistance/pledge_amendments.csv); import the pledges first.", false,
            (s, file, _, ct) => ImportPledgeAmendments.Handle(s.Db, s.Clock, file, s.Writer, ct)),
        Sub(store, terminal, "delays", "Record dated events that caused, revealed or ended delays (data/assistance/delay_events.csv).", false,
            (s, file, _, ct) => ImportDelayEvents.Handle(s.Db, s.Clock, file, s.Writer, ct)),
        Sub(store, terminal, "kiel", "Record the Kiel Ukraine Support Tracker's item-level rows of one release as pledges.", true,
            (s, file, release, ct) => ImportKiel.Handle(s.Db, s.Clock, file, release!, s.Writer, ct)),
        Sub(store, terminal, "kiel-monthly", "Record the Kiel tracker's monthly aggregates (data_explorer.csv) of one release.", true,
            (s, file, release, ct) => ImportKielMonthly.Handle(s.Db, s.Clock, file, release!, s.Writer, ct)),
        Sub(store, terminal, "iati", "Record the pledges, commitments and disbursements of an IATI activity file (XML v2.03).", false,
            (s, file, _, ct) => ImportIati.Handle(s.Db, s.Clock, file, s.Writer, ct)),
    };

    private static Command Sub(StoreChoice store, Terminal terminal, string name, string description, bool needsRelease, Importer import)
    {
        var file = Arguments.File(name == "iati" ? "An IATI activity XML file (v2.03)." : "A CSV file with a header row (docs/data-formats.md).");
        var release = new Option<string>("--release") { Description = "The tracker release the file comes from, e.g. 2024-02.", Required = needsRelease, HelpName = "R" };
        var command = new Command(name, description) { file };
        if (needsRelease) command.Add(release);
        command.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (Arguments.MissingFile(path) is { } p) return Task.FromResult(terminal.Fail(p));
            return store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
            {
                using var reader = path.OpenText();
                return Report(terminal, path, await import(s, reader, needsRelease ? parse.GetValue(release) : null, ct));
            }, ct);
        });
        return command;
    }

    private static int Report(Terminal terminal, FileInfo file, ImportReport report)
    {
        if (report.Succeeded)
        {
            terminal.Say($"Loaded {file.Name}: {Words.Count(report.Rows, "row")}, {Words.Count(report.Added, "event")} added" +
                (report.Added == 0 ? " (all already in the store)." : "."));
            return ExitCodes.Ok;
        }
        foreach (var error in report.Errors)
            terminal.Complain(error.Line > 0 ? error.ToString() : error.Message);
        return terminal.Fail($"Nothing was loaded from {file.Name}: {Words.Count(report.Errors.Count, "problem")}.");
    }
}
