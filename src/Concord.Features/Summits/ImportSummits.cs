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
        var today = Domain.Zones.BrusselsDate(clock.GetCurrentInstant());
        foreach (var row in rows)
        {
            // A summit may be scheduled ahead: its dates are a plan, up to 100 years ahead.
            var nameText = Input.Name(row.Get("name"), "name", 200, required: true);
            var cityText = Input.Name(row.Get("city"), "city", 200, required: true);
            var name = nameText.Value;
            var city = cityText.Value;
            var start = Input.AheadDate(row.Get("start_date"), "start_date", today);
            var end = Input.AheadDate(row.Get("end_date") ?? row.Get("start_date"), "end_date", today);
            if (nameText.Refusal is { } nr) errors.Add(new(row.Line, "name", nr.Reason));
            if (cityText.Refusal is { } cr) errors.Add(new(row.Line, "city", cr.Reason));
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
