using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Sources;

/// <summary>
/// <c>concord import sources FILE</c>: the sources of a data pack (docs/sources.md), one document per row. Every bad row is
/// reported with its line and column; a column Concord does not know is an error (a misspelt optional column would
/// otherwise be dropped without a word); a file with any error registers nothing.
/// </summary>
public static class ImportSources
{
    public static readonly string[] Columns = ["source_id", "alias_of", "kind", "publisher", "title", "published", "url", "language", "archived_url"];

    private static readonly Dictionary<string, string> FieldColumns = new(StringComparer.Ordinal)
    {
        ["id"] = "source_id", ["aliasOf"] = "alias_of", ["archivedUrl"] = "archived_url",
    };

    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct)
    {
        var (header, rows) = SourceColumns.Read(await file.ReadToEndAsync(ct));
        var errors = SourceColumns.Check(header, Columns, required: ["source_id", "kind", "publisher", "title"]).ToList();
        var sources = new List<Domain.Sources.SourceRegistered>();
        if (errors.Count == 0)
            foreach (var row in rows)
            {
                var built = RegisterSources.Build(new SourceRequest(row.Get("source_id"), row.Get("alias_of"), row.Get("kind"), row.Get("publisher"),
                    row.Get("title"), row.Get("published"), row.Get("url"), row.Get("language"), row.Get("archived_url")));
                if (built.Refusal is { } r) { errors.Add(new ImportError(row.Line, Column(r.Field), r.Reason)); continue; }
                if (sources.Any(s => s.Id == built.Value!.Id)) { errors.Add(new ImportError(row.Line, "source_id", $"Source '{built.Value!.Id}' is given twice in the file.")); continue; }
                sources.Add(built.Value!);
            }
        if (errors.Count > 0) return new ImportReport(rows.Count, 0, errors);
        var result = await RegisterSources.Handle(db, clock, sources, who, ct);
        return result.Refusal is { } refusal
            ? ImportReport.Failed(new ImportError(0, Column(refusal.Field), refusal.Reason))
            : new ImportReport(rows.Count, result.Value, []);
    }

    private static string? Column(string? field) => field is null ? null : FieldColumns.GetValueOrDefault(field, field);
}
