using System.CommandLine;
using Concord.Features.Access;
using Concord.Features.Statements;

namespace Concord.Cli.Commands;

/// <summary>
/// <c>concord statements list [--actor ID] [--state CODE] [--stance S] [--accession CODE] [--decision ID]</c>: what any actor
/// said and did around the decisions and accessions, with sources.
/// </summary>
public static class StatementCommands
{
    public static Command Create(StoreChoice store, Terminal terminal) => new("statements", "Statements, visits, meetings, communiqués and votes of any actor.")
    {
        List(store, terminal),
    };

    private static Command List(StoreChoice store, Terminal terminal)
    {
        var actor = new Option<string?>("--actor") { Description = "A person's id, e.g. jens-stoltenberg." };
        var state = new Option<string?>("--state") { Description = "A state (ISO 3166-1 alpha-3) or NATO, EUU." };
        var stance = new Option<string?>("--stance") { Description = "supports, opposes, conditions or neutral." };
        var accession = new Option<string?>("--accession") { Description = "A candidate's code, e.g. UKR." };
        var decision = new Option<string?>("--decision") { Description = "A decision's id." };
        var command = new Command("list", "In date order, with each statement's sources.") { actor, state, stance, accession, decision };
        command.SetAction((parse, ct) => store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
        {
            var result = await ListStatements.Handle(s.Db, s.Clock, new StatementFilter(parse.GetValue(actor), parse.GetValue(state), parse.GetValue(stance),
                Decision: parse.GetValue(decision), Accession: parse.GetValue(accession)), Reader.System, ct);
            if (result.Refusal is { } r) return terminal.Fail(r.Reason);
            var statements = result.Value!;
            if (statements.Count == 0) { terminal.Say("No statements."); return ExitCodes.Ok; }
            var book = await Features.Sources.SourceBook.For(s.Db, statements.Select(x => x.Source), ct);
            foreach (var x in statements)
            {
                terminal.Say($"{x.Date}  {string.Join("; ", x.Actors.Select(a => $"{a.Name} ({a.For})"))} · {x.Kind} · {x.Stance} on {x.Subject}");
                terminal.Say($"  {x.Summary}");
                foreach (var line in CitationRendering.Lines(book, x.Source)) terminal.Say("  source: " + line);
            }
            terminal.Say($"{statements.Count} statements. A statement is never a position: it changes no decision.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
