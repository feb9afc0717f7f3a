using Concord.Domain.Summits;
using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Summits;

/// <summary>
/// <c>concord import summits FILE</c>: columns name, city, start_date, end_date; optional host_country, type,
/// enlargement_decisions, other_key_decisions, source_ids, notes. The id is the city's first word and the year.
/// </summary>
public static class ImportSummits
{
    /// <summary>A row of a summits file, as text.</summary>
    public sealed record Row(string? Name, string? City, string? HostCountry, string? StartDate, string? EndDate, string? Type,
        string? EnlargementDecisions, string? OtherKeyDecisions, string? SourceIds, string? Notes);

    public static readonly CsvFormat<Row> Format = new(
        [
            new("name", Required: true), new("city", Required: true), new("host_country"), new("start_date", Required: true), new("end_date"),
            new("type"), new("enlargement_decisions"), new("other_key_decisions"), new("source_ids"), new("notes"),
        ],
        r => new Row(r["name"], r["city"], r["host_country"], r["start_date"], r["end_date"], r["type"], r["enlargement_decisions"],
            r["other_key_decisions"], r["source_ids"], r["notes"]));

    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct)
    {
        var table = CsvFile.Read(file, Format);
        var errors = table.Errors.ToList();
        var summits = new List<(int Line, SummitScheduled Summit)>();
        var today = Domain.Zones.BrusselsDate(clock.GetCurrentInstant());
        var book = await Sources.SourceBook.For(db, table.Rows.Select(r => r.Value.SourceIds), ct);
        foreach (var (line, row) in table.Rows)
        {
            // A summit may be scheduled ahead: its dates are a plan, up to 100 years ahead.
            var nameText = Input.Name(row.Name, "name", 200, required: true);
            var cityText = Input.Name(row.City, "city", 200, required: true);
            var name = nameText.Value;
            var city = cityText.Value;
            var start = Input.AheadDate(row.StartDate, "start_date", today);
            var end = Input.AheadDate(row.EndDate ?? row.StartDate, "end_date", today);
            if (nameText.Refusal is { } nr) errors.Add(new(line, "name", nr.Reason));
            if (cityText.Refusal is { } cr) errors.Add(new(line, "city", cr.Reason));
            if (start.Refusal is { } s) errors.Add(new(line, "start_date", s.Reason));
            if (end.Refusal is { } e) errors.Add(new(line, "end_date", e.Reason));
            // Free text is held to the limits of any text a write stores, each fault on its line and column.
            var texts = new (string Column, string? Value, int Max)[]
            {
                ("host_country", row.HostCountry, 200), ("type", row.Type, 200), ("enlargement_decisions", row.EnlargementDecisions, 2000),
                ("other_key_decisions", row.OtherKeyDecisions, 2000), ("notes", row.Notes, 2000),
            }.Select(t => (t.Column, Checked: Input.Text(t.Value, t.Column, t.Max))).ToDictionary(t => t.Column, t => t.Checked);
            foreach (var (column, bad) in texts.Where(t => t.Value.Refusal is not null)) errors.Add(new(line, column, bad.Refusal!.Reason));
            var cited = Input.Source(row.SourceIds, "source_ids", 2000);
            if (cited.Refusal is { } sr) errors.Add(new(line, "source_ids", sr.Reason));
            else if (book.Check(cited.Value, "source_ids") is { } uncited) errors.Add(new(line, "source_ids", uncited.Reason));
            if (name is null || city is null || start.Refusal is not null || end.Refusal is not null || cited.Refusal is not null
                || texts.Values.Any(t => t.Refusal is not null)) continue;
            if (end.Value < start.Value) { errors.Add(new(line, "end_date", "The summit ends before it starts.")); continue; }
            var id = SummitIds.For(city, start.Value);
            if (summits.Any(x => x.Summit.Id == id)) { errors.Add(new(line, "city", $"A second summit '{id}' in the same file.")); continue; }
            summits.Add((line, new SummitScheduled(id, name, city, texts["host_country"].Value, start.Value, end.Value, texts["type"].Value,
                texts["enlargement_decisions"].Value, texts["other_key_decisions"].Value, cited.Value, texts["notes"].Value)));
        }
        if (errors.Count > 0) return new ImportReport(table.Count, 0, errors);
        var result = await ScheduleSummits.Handle(db, clock, [.. summits.Select(x => x.Summit)], who, ct);
        return result.Refusal is { } refusal
            ? ImportReport.Failed(new ImportError(0, null, refusal.Reason))
            : new ImportReport(table.Count, result.Value, []);
    }
}
