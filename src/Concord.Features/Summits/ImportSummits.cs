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
    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct)
    {
        var rows = Csv.Read(file);
        var errors = new List<ImportError>();
        var summits = new List<(int Line, SummitScheduled Summit)>();
        foreach (var row in rows)
        {
            var name = row.Get("name");
            var city = row.Get("city");
            var start = Input.Date(row.Get("start_date"), "start_date");
            var end = Input.Date(row.Get("end_date") ?? row.Get("start_date"), "end_date");
            if (name is null) errors.Add(new(row.Line, "name", "'name' is required."));
            if (city is null) errors.Add(new(row.Line, "city", "'city' is required."));
            if (start.Refusal is { } s) errors.Add(new(row.Line, "start_date", s.Reason));
            if (end.Refusal is { } e) errors.Add(new(row.Line, "end_date", e.Reason));
            if (name is null || city is null || start.Refusal is not null || end.Refusal is not null) continue;
            if (end.Value < start.Value) { errors.Add(new(row.Line, "end_date", "The summit ends before it starts.")); continue; }
            var id = SummitIds.For(city, start.Value);
            if (summits.Any(x => x.Summit.Id == id)) { errors.Add(new(row.Line, "city", $"A second summit '{id}' in the same file.")); continue; }
            summits.Add((row.Line, new SummitScheduled(id, name, city, row.Get("host_country"), start.Value, end.Value, row.Get("type"),
                row.Get("enlargement_decisions"), row.Get("other_key_decisions"), row.Get("source_ids"), row.Get("notes"))));
        }
        if (errors.Count > 0) return new ImportReport(rows.Count, 0, errors);
        var result = await ScheduleSummits.Handle(db, clock, [.. summits.Select(x => x.Summit)], who, ct);
        return result.Refusal is { } refusal
            ? ImportReport.Failed(new ImportError(0, null, refusal.Reason))
            : new ImportReport(rows.Count, result.Value, []);
    }
}
