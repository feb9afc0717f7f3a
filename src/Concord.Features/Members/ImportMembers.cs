using System.Globalization;
using Concord.Domain.Members;
using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Members;

/// <summary>
/// <c>concord import members FILE [--body CODE]</c>: seats from a CSV (docs/data-formats.md). Columns:
/// iso_alpha3 (or code), country (or name), accession_date (or since); optional population, permanent, source_ids, notes.
/// </summary>
public static class ImportMembers
{
    /// <summary>A row of a members file, as text.</summary>
    public sealed record Row(string? Code, string? Country, string? Since, string? Population, string? Permanent, string? Sources, string? Notes);

    public static readonly CsvFormat<Row> Format = new(
        [
            new("iso_alpha3", Required: true, Aliases: "code"), new("country", Required: true, Aliases: "name"),
            new("accession_date", Required: true, Aliases: "since"), new("population"), new("permanent"), new("source_ids"), new("notes"),
        ],
        r => new Row(r["iso_alpha3"], r["country"], r["accession_date"], r["population"], r["permanent"], r["source_ids"], r["notes"]),
        // The data pack's members.csv carries these for people; Concord does not load them.
        Carried: ["iso_alpha2", "enlargement_round", "round_year", "date_basis"]);

    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, string body, WriteContext who, CancellationToken ct)
    {
        var table = CsvFile.Read(file, Format);
        var errors = table.Errors.ToList();
        var admitted = new List<(int Line, MemberAdmitted Seat)>();
        var today = clock.GetCurrentInstant().InUtc().Date;
        var book = await Sources.SourceBook.For(db, table.Rows.Select(r => r.Value.Sources), ct);
        foreach (var (line, row) in table.Rows)
        {
            var code = Input.Member(row.Code, "iso_alpha3");
            var since = Input.Date(row.Since, "accession_date");
            var nameText = Input.Name(row.Country, "country", 200, required: true);
            var name = nameText.Value;
            if (nameText.Refusal is { } nr) errors.Add(new(line, "country", nr.Reason));
            if (code.Refusal is { } c) errors.Add(new(line, "iso_alpha3", c.Reason));
            if (since.Refusal is { } s) errors.Add(new(line, "accession_date", s.Reason));
            else if (since.Value > today) errors.Add(new(line, "accession_date", $"{since.Value:yyyy-MM-dd} is in the future."));
            long population = 0;
            if (row.Population is { } p && !long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out population))
                errors.Add(new(line, "population", $"'{p}' is not a whole number."));
            // The same limits as any text a write stores; a citation names registered sources (or is free text).
            var sources = Input.Source(row.Sources, "source_ids", 2000);
            if (sources.Refusal is { } sr) errors.Add(new(line, "source_ids", sr.Reason));
            else if (book.Check(sources.Value, "source_ids") is { } uncited) errors.Add(new(line, "source_ids", uncited.Reason));
            var notes = Input.Text(row.Notes, "notes", 2000);
            if (notes.Refusal is { } no) errors.Add(new(line, "notes", no.Reason));
            var permanent = Permanent(row.Permanent);
            if (permanent is null) errors.Add(new(line, "permanent", $"'permanent' is true, yes or 1, or false, no, 0 or empty; got '{row.Permanent}'."));
            if (code.Refusal is null && admitted.Any(a => a.Seat.Member == code.Value))
                errors.Add(new(line, "iso_alpha3", $"{code.Value} appears twice in the file."));
            if (code.Refusal is null && since.Refusal is null && name is not null)
                admitted.Add((line, new MemberAdmitted(body, code.Value, name, since.Value, population, permanent ?? false, sources.Value, notes.Value)));
        }
        if (errors.Count > 0) return new ImportReport(table.Count, 0, [.. errors.Select(table.InFileNames)]);
        var (added, refused) = await AdmitMembers.Handle(db, clock, body, admitted, who, ct);
        return refused.Count > 0
            ? new ImportReport(table.Count, 0, [.. refused.Select(r => table.InFileNames(new ImportError(r.Line, "iso_alpha3", r.Refusal.Reason)))])
            : new ImportReport(table.Count, added, []);
    }

    private static bool? Permanent(string? text) => text?.ToLowerInvariant() switch
    {
        null or "false" or "no" or "0" => false,
        "true" or "yes" or "1" => true,
        _ => null,
    };
}
