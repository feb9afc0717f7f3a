using System.Globalization;
using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Features;
using Concord.Features.Accessions;
using Concord.Features.Storage;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Concord.Cli.Commands;

/// <summary>
/// How <c>concord accession</c> shows accessions, like a ratification tracker: the candidate's path, one row per Party,
/// then where it stands and the analytics. Data is plain text, never read as markup.
/// </summary>
public static class AccessionRendering
{
    /// <summary>Marks a date known only as a bound in tables: "≤ 2020-03-19" is "on or before 2020-03-19".</summary>
    public const string OnOrBefore = "≤";

    /// <summary>Marks a date known only as a lower bound in tables: "≥ 2020-03-19" is "on or after 2020-03-19".</summary>
    public const string OnOrAfter = "≥";

    /// <summary>The heading, the steps of the path, the ratification table and its legend, the summary, then the analytics and the next step.</summary>
    public static void Write(IAnsiConsole console, AccessionView view, Features.Sources.SourceBook? book = null)
    {
        var status = view.Status;
        console.Write(new Markup($"[bold]{status.Candidate}[/]: {Markup.Escape(status.Name)}"));
        console.WriteLine();
        console.WriteLine($"stage {status.Stage} · as of {Day(status.AsOf)}{(view.KnownOn is { } known ? $" · as known on {Day(known)} (nothing published later)" : "")}");
        if (Path(view) is { } path) console.Write(path);
        if (status.ProtocolSigned is { } signed && status.Parties.Count > 0)
        {
            console.Write(Ratifications(status, signed));
            console.WriteLine(Legend(status, signed));
        }
        console.Write(new Markup($"[bold]{Markup.Escape(status.Summary)}[/]"));
        console.WriteLine();
        console.Write(Analytics(status));
        if (book is not null) WriteSources(console, view, book);
    }

    /// <summary>Every source the steps shown cite, once, with publisher, title, date and address; free text marked unregistered.</summary>
    private static void WriteSources(IAnsiConsole console, AccessionView view, Features.Sources.SourceBook book)
    {
        var cited = view.Steps.SelectMany(s => book.Resolve(s.Source)).DistinctBy(c => c.Text).OrderBy(c => c.Text, StringComparer.Ordinal).ToList();
        if (cited.Count == 0) return;
        console.WriteLine("sources:");
        foreach (var line in cited.SelectMany(CitationRendering.Lines)) console.WriteLine($"  {line}");
    }

    /// <summary>The steps other than the Parties' stages (those are in the table), in the order they happened.</summary>
    private static Grid? Path(AccessionView view)
    {
        var steps = view.Steps.Where(s => s.Step != AccessionStep.Ratification).ToList();
        if (steps.Count == 0) return null;
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var step in steps)
            grid.AddRow(Cells(Input.Camel(step.Step.ToString()), step.Date.ToString(), step.Party ?? step.Decision ?? step.Summit));
        return grid;
    }

    /// <summary>One row per Party of the day: ratified Parties in the order they ratified, then the pending ones.</summary>
    public static Table Ratifications(AccessionStatus status, DateWindow signed)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var heading in new[] { "Ally", "Name", "Ratified", "Days", "Deposited", "Stages" })
            table.AddColumn(new TableColumn(heading) { NoWrap = heading != "Stages" });
        var rows = status.Parties.OrderBy(p => p.Ratified is null).ThenBy(p => p.NotKnown).ThenBy(p => p.Ratified?.Placed).ThenBy(p => p.Party.Value, StringComparer.Ordinal);
        foreach (var party in rows)
            table.AddRow(
                new Text(party.Party.Value), new Text(party.Name),
                party switch
                {
                    { Pending: true } => new Markup("[bold yellow]pending[/]"),
                    { State: RatificationState.InWindow, Window: { } window } => new Markup($"[dim]not known ({Markup.Escape(window.ToShortString())})[/]"),
                    { NotKnown: true } => new Markup("[dim]not known[/]"),
                    _ => new Text(Cell(party.Ratified) + (party.Party == status.LastRatifier ? " (last)" : "")),
                },
                new Text(Days(party, signed, status.DaysPending)), new Text(Cell(party.Deposited)), new Text(Stages(party)));
        return table;
    }

    /// <summary>Each recorded stage but the deposit, with its date; for a pending Party, the stages its procedure still expects.</summary>
    private static string Stages(PartyStatus party)
    {
        var lines = party.Stages.Where(s => s.Stage != RatificationStage.Deposit).Select(s => $"{Cell(s.Date)} {Input.Camel(s.Stage.ToString())}").ToList();
        var expected = party.Procedure.Stages.Where(stage => party.Stages.All(s => s.Stage != stage)).Select(s => Input.Camel(s.ToString())).ToList();
        if (party.Pending && expected.Count > 0) lines.AddRange(["to come:", .. expected]);
        return string.Join("\n", lines);
    }

    /// <summary>
    /// Days from the signature to ratification; for a ratification known only within a window, its bounds ("≤ N", "N–M"),
    /// never a day; "N so far" while pending.
    /// </summary>
    private static string Days(PartyStatus party, DateWindow signed, int? daysPending) => party switch
    {
        { Pending: true } => daysPending is { } d ? $"{d} so far" : "",
        { DaysToRatify: { } days } => days.ToString(CultureInfo.InvariantCulture),
        { Ratified: { IsExact: false, Latest: { } latest } bound } when signed.IsExact => bound.Earliest is { } earliest
            ? $"{Between(signed.Placed, earliest)}–{Between(signed.Placed, latest)}"
            : $"{OnOrBefore} {Between(signed.Placed, latest)}",
        _ => "",
    };

    private static int Between(LocalDate from, LocalDate to) => Period.Between(from, to, PeriodUnits.Days).Days;

    private static string Legend(AccessionStatus status, DateWindow signed)
    {
        var legend = $"Days: from the signature of the protocol ({signed}), or for an Ally that joined while it was pending from the day it joined, to the Party's national approval (or its deposit when no approval is recorded); a ratification known only within a window shows its bounds, and the statistics leave it out.";
        var bounded = status.Parties.SelectMany(p => p.Stages.Select(s => s.Date)).Any(d => !d.IsExact) || status.Parties.Any(p => p.Window is not null);
        return bounded ? legend + $" {OnOrBefore} date: on or before that date; {OnOrAfter} date: on or after it; a – b: between two days; YYYY-MM: within that month; the exact day is not known." : legend;
    }

    private static Grid Analytics(AccessionStatus status)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow(Cells("Protocol signed", status.ProtocolSigned?.ToString() ?? "not yet"));
        grid.AddRow(Cells("Entry into force", status.EnteredIntoForce?.ToString() ?? "not yet"));
        grid.AddRow(Cells("Member since", status.MemberSince?.ToString() ?? "not yet"));
        if (status.ProtocolSigned is not null)
        {
            grid.AddRow(Cells("Ratified", $"{status.RatifiedCount} of {status.Parties.Count} Parties"));
            grid.AddRow(Cells("Pending", Pending(status)));
            if (status.NotKnown.Count > 0)
                grid.AddRow(Cells("Not known", $"{status.NotKnown.Count} Parties: no ratification dated by this day in the sources, and no act of their procedure after it"));
            grid.AddRow(Cells("Days to ratify", Spread(status.Spread)));
            grid.AddRow(Cells("Ratified within", Within(status.Spread)));
            grid.AddRow(Cells("Last ratifier", LastRatifier(status)));
            if (status.CriticalPath.Count > 0)
                grid.AddRow(Cells(status.Pending.Count == 0 && status.NotKnown.Count == 0 ? "Critical path" : "Latest to ratify", CriticalPath(status)));
        }
        grid.AddRow(Cells("Next step", status.NextStep));
        return grid;
    }

    private static string Pending(AccessionStatus status) => status.Pending.Count == 0 ? "none"
        : $"{string.Join(", ", status.Pending.Select(p => Named(status, p.Value)))}: {status.DaysPending} days since the signature";

    private static string Spread(RatificationSpread spread) => spread is { MedianDays: { } median, MinDays: { } min, MaxDays: { } max }
        ? $"median {median.ToString("0.#", CultureInfo.InvariantCulture)}, fastest {min}, slowest {max} (over {ExactDates(spread.Count)})"
        : "no Party has an exact ratification date yet";

    private static string Within(RatificationSpread spread) => spread.Count == 0 ? "-"
        : $"30 days: {spread.Within30} · 90 days: {spread.Within90} · 180 days: {spread.Within180} (of {ExactDates(spread.Count)})";

    private static string ExactDates(int count) => count == 1 ? "1 Party with an exact date" : $"{count} Parties with exact dates";

    /// <summary>
    /// The Party that ratified last, with its date. The domain names it only where the dates prove the order; when
    /// every Party has ratified but the last day is only a bound or is shared, this says so rather than guess.
    /// </summary>
    private static string LastRatifier(AccessionStatus status)
    {
        if (status.LastRatifier is { } last)
        {
            var party = status.Parties.First(p => p.Party == last);
            return $"{party.Name} ({party.Party}), {party.Ratified!.Value}" + (status.CriticalPath is [{ DelayDays: null }, ..] ? ", as a source records it" : "");
        }
        if (status.Parties.Count == 0 || status.Pending.Count > 0) return "none yet";
        if (status.NotKnown.Count > 0) return "not known: some Parties are not known to have ratified by this day";
        var day = status.Parties.Max(p => p.Ratified!.Value.Placed);
        var tied = status.Parties.Count(p => p.Ratified?.Placed == day);
        return $"not known: {tied} Parties are known only to have ratified on or before {Day(day)}";
    }

    /// <summary>The last Parties to ratify, latest first, each with the days after the Party before it (exact dates only).</summary>
    private static string CriticalPath(AccessionStatus status)
    {
        var lines = status.CriticalPath.Select((h, i) => $"{h.Name} ({h.Party}) ratified {h.Ratified}: " + h switch
        {
            { After: { } after, DelayDays: { } days } => $"{Words.Count(days, "day")} after {after}"
                + (i == 0 && status.Pending.Count == 0 && status.NotKnown.Count == 0 ? ", alone holding up completion" : ""),
            { DelayDays: null } => "last, as a source records it (the dates cannot tell how long after the others)",
            _ => "the first ratification",
        }).ToList();
        var bounded = status.Parties.Count(p => p.Ratified is { IsExact: false });
        if (bounded > 0) lines.Add($"(from exact dates only; {bounded} of {status.Parties.Count} ratification dates are known only within a window)");
        return string.Join("\n", lines);
    }

    private static string Named(AccessionStatus status, string code) =>
        status.Parties.FirstOrDefault(p => p.Party.Value == code) is { } party ? $"{party.Name} ({code})" : code;

    /// <summary>Accessions, in progress first: candidate, name, stage, ratified/parties, pending, protocol signed, entry into force, member since.</summary>
    public static Table Table(IEnumerable<AccessionSummary> accessions)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("Candidate", "Name", "Stage", "Ratified", "Pending", "Protocol signed", "Entered into force", "Member since");
        foreach (var a in accessions)
            table.AddRow(Cells(a.Candidate, a.Name, a.Stage, a.Parties == 0 ? null : $"{a.Ratified}/{a.Parties}",
                a.Pending.Length == 0 ? null : a.Pending.Replace(",", ", ", StringComparison.Ordinal), Cell(a.ProtocolSigned), Cell(a.EnteredIntoForce), Cell(a.MemberSince)));
        return table;
    }

    /// <summary>A date in a table cell: the day, or its window marked ("≤ day", "≥ day", "day – day", "YYYY-MM").</summary>
    private static string Cell(DateWindow? date) => date?.ToShortString() ?? "";

    /// <summary>A read-model date (a date window written out) in a table cell, windows marked the same way.</summary>
    private static string? Cell(string? date) => date switch
    {
        null => null,
        _ when date.StartsWith("on or before ", StringComparison.Ordinal) => $"{OnOrBefore} {date["on or before ".Length..]}",
        _ when date.StartsWith("on or after ", StringComparison.Ordinal) => $"{OnOrAfter} {date["on or after ".Length..]}",
        _ when date.StartsWith("between ", StringComparison.Ordinal) => date["between ".Length..].Replace(" and ", " – ", StringComparison.Ordinal),
        _ => date,
    };

    private static string Day(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static IRenderable[] Cells(params string?[] values) => [.. values.Select(v => new Text(v ?? ""))];
}
