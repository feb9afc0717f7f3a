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
    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, string body, WriteContext who, CancellationToken ct)
    {
        var rows = Csv.Read(file);
        var errors = new List<ImportError>();
        var admitted = new List<(int Line, MemberAdmitted Seat)>();
        var today = clock.GetCurrentInstant().InUtc().Date;
        foreach (var row in rows)
        {
            var code = Input.Member(row.Get("iso_alpha3", "code"), "iso_alpha3");
            var since = Input.Date(row.Get("accession_date", "since"), "accession_date");
            var nameText = Input.Name(row.Get("country", "name"), "country", 200, required: true);
            var name = nameText.Value;
            if (nameText.Refusal is { } nr) errors.Add(new(row.Line, "country", nr.Reason));
            if (code.Refusal is { } c) errors.Add(new(row.Line, "iso_alpha3", c.Reason));
            if (since.Refusal is { } s) errors.Add(new(row.Line, "accession_date", s.Reason));
            else if (since.Value > today) errors.Add(new(row.Line, "accession_date", $"{since.Value:yyyy-MM-dd} is in the future."));
            long population = 0;
            if (row.Get("population") is { } p && !long.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out population))
                errors.Add(new(row.Line, "population", $"'{p}' is not a whole number."));
            var permanent = row.Get("permanent") is { } perm && (perm.Equals("true", StringComparison.OrdinalIgnoreCase) || perm == "1" || perm.Equals("yes", StringComparison.OrdinalIgnoreCase));
            if (code.Refusal is null && admitted.Any(a => a.Seat.Member == code.Value))
                errors.Add(new(row.Line, "iso_alpha3", $"{code.Value} appears twice in the file."));
            if (code.Refusal is null && since.Refusal is null && name is not null)
                admitted.Add((row.Line, new MemberAdmitted(body, code.Value, name, since.Value, population, permanent, row.Get("source_ids", "sources"), row.Get("notes"))));
        }
        if (errors.Count > 0) return new ImportReport(rows.Count, 0, errors);
        var (added, refused) = await AdmitMembers.Handle(db, clock, body, admitted, who, ct);
        return refused.Count > 0
            ? new ImportReport(rows.Count, 0, [.. refused.Select(r => new ImportError(r.Line, "iso_alpha3", r.Refusal.Reason))])
            : new ImportReport(rows.Count, added, []);
    }
}
