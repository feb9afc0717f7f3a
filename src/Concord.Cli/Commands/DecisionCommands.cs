using System.CommandLine;
using Concord.Domain.Decisions;
using Concord.Features;
using Concord.Features.Decisions;
using NodaTime;

namespace Concord.Cli.Commands;

/// <summary><c>concord decision show ID [--as-of DATE]</c> and <c>concord decision list</c>.</summary>
public static class DecisionCommands
{
    public static Command Create(StoreChoice store, Terminal terminal) => new("decision", "Read decisions: where each stands and why.")
    {
        Show(store, terminal),
        List(store, terminal),
    };

    private static Command Show(StoreChoice store, Terminal terminal)
    {
        var id = new Argument<string>("ID") { Description = "The decision, e.g. invite-ukraine-washington-2024." };
        var asOf = new Option<string?>("--as-of")
        {
            Description = "Show the decision as it stood then: a date (the end of that day in Brussels) or an ISO instant.", HelpName = "DATE",
        };
        var knownOn = new Option<string?>("--known-on")
        {
            Description = "Show only what had been published by that day (YYYY-MM-DD): no position, note, source or conclusion published later.", HelpName = "DATE",
        };
        var command = new Command("show", "Every eligible Ally's position, the outcome, who blocks and what it would take.") { id, asOf, knownOn };
        command.SetAction((parse, ct) =>
        {
            var decision = DecisionId.TryParse(parse.GetValue(id));
            if (decision is null) return Task.FromResult(terminal.Fail(Arguments.NotADecisionId(parse.GetValue(id))));
            var at = parse.GetValue(asOf) is { } text ? Input.AsOf(text, "--as-of") : (Result<Instant>?)null;
            var known = parse.GetValue(knownOn) is { } k ? Input.Date(k, "--known-on") : (Result<LocalDate>?)null;
            if ((at?.Refusal ?? known?.Refusal) is { } refusal) return Task.FromResult(terminal.Fail(refusal.Reason));
            return store.Run(parse, terminal, Seeding.WhenEmpty, s => ShowDecision(terminal, s, decision.Value, at?.Value, known?.Value, ct), ct);
        });
        return command;
    }

    private static async Task<int> ShowDecision(Terminal terminal, Store store, DecisionId id, Instant? asOf, LocalDate? knownOn, CancellationToken ct)
    {
        var result = await GetDecision.Handle(store.Db, store.Clock, id, asOf, Features.Access.Reader.System, ct, knownOn);
        if (result.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
        var view = result.Value!;
        DecisionRendering.Write(terminal.Out, view, await Features.Sources.SourceBook.For(store.Db, view.Positions.Select(p => p.Source), ct));
        return ExitCodes.Ok;
    }

    private static Command List(StoreChoice store, Terminal terminal)
    {
        var command = new Command("list", "Every decision, newest first, with its outcome and the Allies blocking it.");
        command.SetAction((parse, ct) => store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
        {
            var decisions = await ListDecisions.Handle(s.Db, s.Clock, null, Features.Access.Reader.System, ct);
            if (decisions.Count == 0) terminal.Say("No decisions.");
            else terminal.Out.Write(DecisionRendering.Table(decisions));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
