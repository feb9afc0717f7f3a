using System.CommandLine;
using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features;
using Concord.Features.Accessions;
using NodaTime;

namespace Concord.Cli.Commands;

/// <summary><c>concord accession show CANDIDATE [--as-of DATE]</c> and <c>concord accession list</c>.</summary>
public static class AccessionCommands
{
    public static Command Create(StoreChoice store, Terminal terminal) => new("accession", "Read accessions: a candidate's path to membership and every Party's ratification.")
    {
        Show(store, terminal),
        List(store, terminal),
    };

    private static Command Show(StoreChoice store, Terminal terminal)
    {
        var candidate = new Argument<string>("CANDIDATE") { Description = "The candidate's ISO 3166-1 alpha-3 code, e.g. FIN (any case)." };
        var asOf = new Option<string?>("--as-of") { Description = "Show the accession as it stood at the end of that day (YYYY-MM-DD).", HelpName = "DATE" };
        var knownOn = new Option<string?>("--known-on") { Description = "Show only what had been published by that day (YYYY-MM-DD): no step, note, source or bound published later.", HelpName = "DATE" };
        var command = new Command("show", "Every Party's ratification with its stages and dates, entry into force, membership, the analytics and the next step.")
        {
            candidate, asOf, knownOn,
        };
        command.SetAction((parse, ct) =>
        {
            var code = MemberCode.TryParse(parse.GetValue(candidate));
            if (code is null) return Task.FromResult(terminal.Fail(Arguments.NotACandidate(parse.GetValue(candidate))));
            var date = parse.GetValue(asOf) is { } text ? Input.Date(text, "--as-of") : (Result<LocalDate>?)null;
            if (date?.Refusal is { } refusal) return Task.FromResult(terminal.Fail(refusal.Reason));
            var known = parse.GetValue(knownOn) is { } k ? Input.Date(k, "--known-on") : (Result<LocalDate>?)null;
            if (known?.Refusal is { } bad) return Task.FromResult(terminal.Fail(bad.Reason));
            return store.Run(parse, terminal, Seeding.WhenEmpty, s => ShowAccession(terminal, s, code.Value, date?.Value, known?.Value, ct), ct);
        });
        return command;
    }

    private static async Task<int> ShowAccession(Terminal terminal, Store store, MemberCode candidate, LocalDate? asOf, LocalDate? knownOn, CancellationToken ct)
    {
        var result = await GetAccession.Handle(store.Db, store.Clock, candidate, asOf, ct, knownOn);
        // The handler's own not-found reason points at the HTTP API; here the way on is the list command.
        if (result.Refusal is { Kind: RefusalKind.NotFound }) return terminal.Fail(Arguments.NoAccession(candidate));
        if (result.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
        AccessionRendering.Write(terminal.Out, result.Value!, await Features.Sources.SourceBook.For(store.Db, result.Value!.Steps.Select(s => s.Source), ct));
        return ExitCodes.Ok;
    }

    private static Command List(StoreChoice store, Terminal terminal)
    {
        var asOf = new Option<string?>("--as-of") { Description = "Where each stood at the end of that day (YYYY-MM-DD); a path with no step by then is left out.", HelpName = "DATE" };
        var knownOn = new Option<string?>("--known-on") { Description = "Only what had been published by that day (YYYY-MM-DD).", HelpName = "DATE" };
        var command = new Command("list", "Every accession followed, in progress first, with its stage, ratifications and dates.") { asOf, knownOn };
        command.SetAction((parse, ct) =>
        {
            var date = parse.GetValue(asOf) is { } text ? Input.Date(text, "--as-of") : (Result<LocalDate>?)null;
            if (date?.Refusal is { } refusal) return Task.FromResult(terminal.Fail(refusal.Reason));
            var known = parse.GetValue(knownOn) is { } k ? Input.Date(k, "--known-on") : (Result<LocalDate>?)null;
            if (known?.Refusal is { } bad) return Task.FromResult(terminal.Fail(bad.Reason));
            return store.Run(parse, terminal, Seeding.WhenEmpty, async s =>
            {
                var accessions = await ListAccessions.Handle(s.Db, s.Clock, ct, date?.Value, known?.Value);
                if (accessions.Count == 0) terminal.Say("No accessions.");
                else terminal.Out.Write(AccessionRendering.Table(accessions));
                return ExitCodes.Ok;
            }, ct);
        });
        return command;
    }
}
