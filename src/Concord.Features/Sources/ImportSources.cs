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
    /// <summary>A row of a sources file, as text.</summary>
    public sealed record Row(string? Id, string? AliasOf, string? Kind, string? Publisher, string? Title, string? Published, string? Url,
        string? Language, string? ArchivedUrl);

    public static readonly CsvFormat<Row> Format = new(
        [new("source_id", Required: true, Field: "id"), new("alias_of", Field: "aliasOf"), new("kind", Required: true), new("publisher", Required: true),
         new("title", Required: true), new("published"), new("url"), new("language"), new("archived_url", Field: "archivedUrl")],
        r => new Row(r["source_id"], r["alias_of"], r["kind"], r["publisher"], r["title"], r["published"], r["url"], r["language"], r["archived_url"]));

    private static readonly Dictionary<string, string> ColumnOf = Format.Columns.Where(c => c.Field is not null).ToDictionary(c => c.Field!, c => c.Name);

    /// <param name="keepRegistered">A newer data pack's file: a source registered with another record keeps it (<see cref="RegisterSources.Handle"/>).</param>
    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct,
        bool keepRegistered = false)
    {
        var table = CsvFile.Read(file, Format);
        var errors = table.Errors.ToList();
        var sources = new List<Domain.Sources.SourceRegistered>();
        foreach (var (line, row) in table.Rows)
        {
            var built = RegisterSources.Build(new SourceRequest(row.Id, row.AliasOf, row.Kind, row.Publisher, row.Title, row.Published, row.Url, row.Language, row.ArchivedUrl));
            if (built.Refusal is { } r) { errors.Add(table.InFileNames(new ImportError(line, Column(r.Field), r.Reason))); continue; }
            if (sources.Any(s => s.Id == built.Value!.Id)) { errors.Add(table.InFileNames(new ImportError(line, "source_id", $"Source '{built.Value!.Id}' is given twice in the file."))); continue; }
            sources.Add(built.Value!);
        }
        if (errors.Count > 0) return new ImportReport(table.Count, 0, errors);
        var result = await RegisterSources.Handle(db, clock, sources, who, ct, keepRegistered);
        return result.Refusal is { } refusal
            ? ImportReport.Failed(new ImportError(0, Column(refusal.Field), refusal.Reason))
            : new ImportReport(table.Count, result.Value, []);
    }

    private static string? Column(string? field) => field is null ? null : ColumnOf.GetValueOrDefault(field, field);
}
