using System.CommandLine;
using Concord.Features.Access;
using Concord.Features.Sources;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Commands;

/// <summary><c>concord sources show ID</c>, <c>concord sources list</c> and <c>concord sources add --id ... --kind ... --publisher ... --title ...</c>.</summary>
public static class SourceCommands
{
    public static Command Create(StoreChoice store, Terminal terminal) => new("sources", "The documents facts cite: one record per document, and what cites it.")
    {
        Show(store, terminal),
        List(store, terminal),
        Add(store, terminal),
    };

    private static Command Show(StoreChoice store, Terminal terminal)
    {
        var id = new Argument<string>("ID") { Description = "A source id, e.g. S33 (an id split into several documents shows each) or S33-1." };
        var command = new Command("show", "A source's publisher, title, date and address, and the facts that cite it.") { id };
        command.SetAction((parse, ct) => store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
        {
            var result = await GetSource.Handle(s.Db, parse.GetValue(id)!, Reader.System, ct);
            if (result.Refusal is { } r) return terminal.Fail(r.Reason.Replace("GET /api/v1/sources lists them", "concord sources list lists them", StringComparison.Ordinal));
            var detail = result.Value!;
            foreach (var d in detail.Documents) Write(terminal, d);
            terminal.Say(detail.CitedBy.Count == 0 ? "cited by: nothing" : $"cited by ({detail.CitedBy.Count}):");
            foreach (var c in detail.CitedBy) terminal.Say($"  {c.Subject} · {c.What}{(c.Date is { } date ? $" · {date}" : "")}");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>One document, one field per line: what a reader needs to find it again.</summary>
    public static void Write(Terminal terminal, SourceView d)
    {
        terminal.Say($"{d.Id}{(d.AliasOf is { } a ? $" (split from {a})" : "")}: {d.Kind}");
        terminal.Say($"  publisher  {d.Publisher}");
        terminal.Say($"  title      {d.Title}");
        terminal.Say($"  published  {d.Published ?? "no date shown"}");
        terminal.Say($"  address    {d.Url ?? "none recorded"}");
        if (d.ArchivedUrl is { } archived) terminal.Say($"  archived   {archived}");
        if (d.Language is { } language) terminal.Say($"  language   {language}");
    }

    private static Command List(StoreChoice store, Terminal terminal)
    {
        var command = new Command("list", "Every registered source by id: publisher, title, date.");
        command.SetAction((parse, ct) => store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
        {
            var rows = (await s.Db.Sources.AsNoTracking().ToListAsync(ct)).OrderBy(r => r.Id, StringComparer.Ordinal).Select(SourceView.Of).ToList();
            if (rows.Count == 0) terminal.Say("No sources.");
            foreach (var r in rows) terminal.Say($"{r.Id,-12} {r.Line}");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Add(StoreChoice store, Terminal terminal)
    {
        Option<string?> Opt(string name, string description) => new(name) { Description = description };
        var id = Opt("--id", "The source's id: letters, digits, '.', '_', '-', with at least one digit (e.g. S90).");
        var kind = Opt("--kind", "official, press, claim or analysis.");
        var publisher = Opt("--publisher", "Who published it.");
        var title = Opt("--title", "The document's title.");
        var published = Opt("--published", "Its publication date, YYYY-MM-DD or YYYY-MM.");
        var url = Opt("--url", "Its address (http or https).");
        var alias = Opt("--alias-of", "The older id it was split from.");
        var language = Opt("--language", "Its language, ISO 639-1 (e.g. en).");
        var archived = Opt("--archived-url", "The address of an archived copy.");
        var command = new Command("add", "Register a source. The same record again stores nothing; another record under a registered id is refused.")
        {
            id, kind, publisher, title, published, url, alias, language, archived,
        };
        command.SetAction((parse, ct) => store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
        {
            var request = new SourceRequest(parse.GetValue(id), parse.GetValue(alias), parse.GetValue(kind), parse.GetValue(publisher), parse.GetValue(title),
                parse.GetValue(published), parse.GetValue(url), parse.GetValue(language), parse.GetValue(archived));
            var result = await RegisterSource.Handle(s.Db, s.Clock, request, s.Writer, ct);
            if (result.Refusal is { } r) return terminal.Fail(r.Field is { } f ? $"--{Kebab(f)}: {r.Reason}" : r.Reason);
            terminal.Say(result.Value.Created ? $"Registered {result.Value.Source.Id}." : $"{result.Value.Source.Id} is already registered with this record; nothing stored.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static string Kebab(string field) => string.Concat(field.Select(c => char.IsAsciiLetterUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));
}
