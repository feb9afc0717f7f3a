using Concord.Domain.Members;
using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>
/// <c>concord import accession FILE</c>: one candidate's path from a CSV or JSON file (docs/data-formats.md).
/// Every fault is reported in one pass, each on its line (CSV) or entry number (JSON): unknown columns or keys, rows that
/// cannot be read, and steps the path refuses; a file with any error loads nothing.
/// </summary>
public static class ImportAccession
{
    /// <summary>A row of an accession file: the candidate it is for, and the step as text.</summary>
    public sealed record Row(string? Candidate, string? CandidateName, StepRequest Step);

    public static readonly CsvFormat<Row> Format = new(
        [
            new("candidate", Required: true), new("candidate_name"), new("step", Required: true), new("party"), new("stage"),
            new("date", Required: true), new("date_qualifier", Field: "dateQualifier"), new("decision"), new("summit"), new("signatories"),
            new("source"), new("confidence"), new("note"), new("corrects"),
        ],
        r => new Row(r["candidate"], r["candidate_name"], new StepRequest(r["step"], r["date"], r["date_qualifier"], r["party"], r["stage"],
            r["decision"], r["summit"], r["signatories"], r["source"], r["confidence"], r["note"], r["corrects"])));

    /// <param name="correctsRecorded">
    /// The file is a newer version of one the store loaded (a data pack's upgrade): a row that gives another date for a step
    /// already recorded corrects it, with the row's own source, as if marked <c>corrects</c>.
    /// </param>
    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, bool json, WriteContext who, CancellationToken ct,
        bool correctsRecorded = false)
    {
        Parsed parsed;
        Func<ImportError, ImportError> named = e => e;
        if (json) parsed = AccessionJson.Read(await file.ReadToEndAsync(ct));
        else
        {
            var table = CsvFile.Read(file, Format);
            parsed = Steps(table.Rows.Select(r => (r.Line, r.Value)), table.Errors, table.Count);
            named = table.InFileNames;
        }
        if (parsed.Candidate is not { } candidate)
            return new ImportReport(parsed.Rows, 0, [.. parsed.Errors.Select(named)]);
        var request = new RecordAccessionSteps.Request(candidate, parsed.Name, parsed.Steps, parsed.Unread, CheckOnly: parsed.Errors.Count > 0,
            CorrectsRecorded: correctsRecorded);
        var (result, refused) = await RecordAccessionSteps.Handle(db, clock, request, who, ct);
        var errors = parsed.Errors.Concat(refused.Select(e => new ImportError(e.Line, e.Refusal.Field, e.Refusal.Reason)))
            .Concat(result.Refusal is { } r ? [new ImportError(0, r.Field, r.Reason)] : [])
            .OrderBy(e => e.Line).Select(named).ToList();
        return new ImportReport(parsed.Rows, errors.Count > 0 ? 0 : result.Value, errors);
    }

    /// <summary>A file read: its candidate, the rows that became commands, those that could not (and why), and the row count.</summary>
    internal sealed record Parsed(MemberCode? Candidate, string? Name, List<(int, Domain.Accession.RecordAccessionStepCommand)> Steps,
        List<StepPlan.Unread> Unread, List<ImportError> Errors, int Rows);

    /// <summary>Turns each row into its command, or reports every fault of the row on its line.</summary>
    internal static Parsed Steps(IEnumerable<(int Line, Row Row)> rows, IEnumerable<ImportError> fileErrors, int count)
    {
        var parsed = new Parsed(null, null, [], [], [.. fileErrors], count);
        foreach (var (line, row) in rows)
            parsed = Add(parsed, line, row);
        return parsed.Candidate is null && parsed.Errors.Count == 0 ? parsed with { Errors = [new ImportError(1, null, "The file has no steps.")] } : parsed;
    }

    private static Parsed Add(Parsed p, int line, Row row)
    {
        var code = Input.Member(row.Candidate, "candidate");
        if (code.Refusal is { } c) { p.Errors.Add(new ImportError(line, "candidate", c.Reason)); p.Unread.Add(new(line, AccessionSteps.Shape(row.Step))); return p; }
        if (p.Candidate is { } first && first != code.Value)
        {
            p.Errors.Add(new ImportError(line, "candidate", $"One file holds one candidate's path; this row is for {code.Value}, the file for {first}."));
            p.Unread.Add(new(line, AccessionSteps.Shape(row.Step)));
            return p;
        }
        var (command, refusals) = AccessionSteps.Check(row.Step);
        if (command is not null) p.Steps.Add((line, command));
        else
        {
            p.Errors.AddRange(refusals.Select(r => new ImportError(line, r.Field, r.Reason)));
            p.Unread.Add(new(line, AccessionSteps.Shape(row.Step)));
        }
        return p with { Candidate = code.Value, Name = p.Name ?? row.CandidateName };
    }
}
