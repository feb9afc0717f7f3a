using System.CommandLine;
using Concord.Features.Access;
using Concord.Features.Search;

namespace Concord.Cli.Commands;

/// <summary>
/// <c>concord search WORDS [--kind K] [--limit N]</c>: the store's full-text index, as <c>GET /api/v1/search</c> reads it.
/// The command line reads the store directly, as its operator, so it sees every marking; matched words show in [brackets].
/// </summary>
public static class SearchCommand
{
    public static Command Create(StoreChoice store, Terminal terminal)
    {
        var words = new Argument<string[]>("words") { Description = "The words to look for; every one is required (English stems: tanks finds tank).", Arity = ArgumentArity.OneOrMore };
        var kind = new Option<string?>("--kind") { Description = $"Only one kind: {string.Join(", ", SearchIndex.Kinds)}." };
        var limit = new Option<int?>("--limit") { Description = $"How many to show, 1 to {SearchIndex.MaxLimit} (20)." };
        var command = new Command("search", "Find decisions, positions' conditions and notes, accessions, statements, pledges and sources by their words.") { words, kind, limit };
        command.SetAction((parse, ct) => store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
        {
            var result = await SearchIndex.Handle(s.Db, string.Join(' ', parse.GetValue(words) ?? []), parse.GetValue(kind), parse.GetValue(limit), Reader.System, ct);
            if (result.Refusal is { } r) return terminal.Fail(r.Reason);
            var found = result.Value!;
            if (found.Total == 0) { terminal.Say($"Nothing holds every one of: {string.Join(", ", found.Words)}."); return ExitCodes.Ok; }
            foreach (var hit in found.Hits)
            {
                terminal.Say($"{hit.Kind,-9}  {Marked(hit.Title)}{(hit.On is { } on ? $"  ({on})" : "")}  [{hit.Classification}]");
                if (hit.Snippet.Count > 0) terminal.Say($"           {Marked(hit.Snippet).ReplaceLineEndings(" ")}");
                terminal.Say($"           {hit.Href}");
            }
            terminal.Say(found.Total > found.Hits.Count ? $"{found.Hits.Count} of {found.Total} shown, best first." : $"{found.Total} found, best first.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static string Marked(IEnumerable<Marked> pieces) => string.Concat(pieces.Select(m => m.Hit ? $"[{m.Text}]" : m.Text));
}
