using Concord.Domain;
using Concord.Domain.Rules;
using Concord.Features;
using Concord.Features.Decisions;
using NodaTime.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Concord.Cli.Commands;

/// <summary>How <c>concord decision</c> shows decisions: Spectre tables of plain text (data is never read as markup).</summary>
public static class DecisionRendering
{
    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;

    /// <summary>The heading, every eligible Ally's position, then the verdict: outcome, explanation, blockers, who is to act, what it would take.</summary>
    public static void Write(IAnsiConsole console, DecisionView view, Features.Sources.SourceBook? book = null)
    {
        console.Write(new Markup($"[bold]{Markup.Escape(view.Id)}[/]: {Markup.Escape(view.Subject)}"));
        console.WriteLine();
        console.WriteLine(Heading(view));
        WritePositions(console, view, book);
        console.Write(Verdict(view));
    }

    private static string Heading(DecisionView view)
    {
        var parts = new List<string> { view.Body, Input.Camel(view.Rule.ToString()) };
        if (view.Summit is { } summit) parts.Add($"summit {summit}");
        parts.Add($"opened {Date.Format(Zones.BrusselsDate(view.Opened))}");
        if (view.SilenceDeadlineBrussels is { } deadline) parts.Add($"silence until {deadline}");
        parts.Add($"as of {Zones.Brussels(view.AsOf)}");
        if (view.KnownOn is { } known) parts.Add($"as known on {Date.Format(known)} (nothing published later)");
        return string.Join(" · ", parts);
    }

    /// <summary>One row per eligible Ally; each source is cited by number and written out beneath the table, once.</summary>
    public static void WritePositions(IAnsiConsole console, DecisionView view, Features.Sources.SourceBook? book = null)
    {
        var sources = view.Positions.Select(p => p.Source).OfType<string>().Distinct().ToList();
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var heading in new[] { "Ally", "Name", "Position", "Condition / note", "Source", "Confidence", "Effective" })
            table.AddColumn(new TableColumn(heading) { NoWrap = heading is "Ally" or "Name" or "Position" or "Source" or "Effective" });
        foreach (var p in view.Positions)
            table.AddRow(Cells(p.Member, p.Name, Input.Camel(p.Kind.ToString()), Join(p.Condition, p.Note),
                p.Source is null ? null : $"[{sources.IndexOf(p.Source) + 1}]", p.Confidence is { } level ? Domain.Words.Of(level) : null,
                p.Effective is { } e ? Date.Format(Zones.BrusselsDate(e)) : null));
        console.Write(table);
        if (sources.Count == 0) return;
        var notes = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var (source, i) in sources.Select((x, i) => (x, i)))
            notes.AddRow(Cells($"[{i + 1}]", book is null ? source : string.Join("\n", CitationRendering.Lines(book, source))));
        console.Write(notes);
    }

    private static Grid Verdict(DecisionView view)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow(new Markup("[bold]Outcome[/]"), new Markup($"[{Colour(view.Outcome)}]{Input.Camel(view.Outcome.ToString())}[/]"));
        grid.AddRow(Cells("Explanation", view.Explanation));
        if (view.Closed is { } closed)
            grid.AddRow(Cells("Closed", Date.Format(Zones.BrusselsDate(closed)) + (view.ConclusionSource is { } source ? $" · as recorded from: {source}" : "")));
        grid.AddRow(Cells("Blocking", Words.List(view.Blocking)));
        grid.AddRow(Cells("Still to act", Words.List(view.ToAct)));
        grid.AddRow(Cells("What it would take", WhatItWouldTake(view)));
        return grid;
    }

    private static string WhatItWouldTake(DecisionView view)
    {
        if (view.Outcome.IsAdopted()) return "nothing: it is adopted.";
        if (view.Outcome is Outcome.Lapsed or Outcome.Withdrawn) return "nothing can: the decision is closed.";
        if (view.WhatItWouldTake.Count == 0) return "no change of positions alone would adopt it.";
        return string.Join("; ", view.WhatItWouldTake.Select(c =>
            $"{c.Member.Value} from {Input.Camel(c.From.ToString())} to {Input.Camel(c.To.ToString())}"));
    }

    /// <summary>Decisions, newest first: id, subject, body, rule, summit, outcome and the Allies blocking.</summary>
    public static Table Table(IEnumerable<DecisionSummary> decisions)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Decision", "Subject", "Body", "Rule", "Summit", "Outcome", "Blocking");
        foreach (var d in decisions)
            table.AddRow(Cells(d.Id, d.Subject, d.Body, Input.Camel(d.Rule.ToString()), d.Summit, Input.Camel(d.Outcome.ToString()),
                d.Blocking.Count == 0 ? null : string.Join(", ", d.Blocking)));
        return table;
    }

    private static string Colour(Outcome outcome) => outcome switch
    {
        _ when outcome.IsAdopted() => "green",
        Outcome.Blocked => "red",
        Outcome.Pending => "yellow",
        _ => "grey",
    };

    private static string? Join(params string?[] parts) =>
        parts.Any(p => p is not null) ? string.Join("\n", parts.OfType<string>()) : null;

    private static IRenderable[] Cells(params string?[] values) => [.. values.Select(v => new Text(v ?? ""))];
}
