using System.Text.Json;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>
/// <c>concord import accession FILE</c>: one candidate's path from a CSV or JSON file (docs/data-formats.md).
/// Every bad row is reported with its line (CSV) or entry number (JSON); a file with any error loads nothing.
/// </summary>
public static class ImportAccession
{
    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, bool json, WriteContext who, CancellationToken ct)
    {
        var parsed = json ? ReadJson(await file.ReadToEndAsync(ct)) : ReadCsv(Csv.Read(file));
        if (parsed.Errors.Count > 0) return new ImportReport(parsed.Rows, 0, parsed.Errors);
        var (result, refused) = await RecordAccessionSteps.Handle(db, clock, new RecordAccessionSteps.Request(parsed.Candidate!.Value, parsed.Name, parsed.Steps), who, ct);
        if (result.Refusal is { } r) return ImportReport.Failed(new ImportError(0, r.Field, r.Reason));
        var errors = refused.OrderBy(e => e.Line).Select(e => new ImportError(e.Line, e.Refusal.Field, e.Refusal.Reason)).ToList();
        return new ImportReport(parsed.Rows, errors.Count > 0 ? 0 : result.Value, errors);
    }

    private sealed record Parsed(MemberCode? Candidate, string? Name, List<(int, RecordAccessionStepCommand)> Steps, List<ImportError> Errors, int Rows);

    private static Parsed ReadCsv(IReadOnlyList<CsvRow> rows)
    {
        var parsed = new Parsed(null, null, [], [], rows.Count);
        foreach (var row in rows)
            parsed = Add(parsed, row.Line, row.Get("candidate"), row.Get("candidate_name"), new StepRequest(row.Get("step"), row.Get("date"),
                row.Get("date_qualifier"), row.Get("party"), row.Get("stage"), row.Get("decision"), row.Get("summit"), row.Get("signatories"),
                row.Get("source"), row.Get("confidence"), row.Get("note")));
        return Finish(parsed);
    }

    private static Parsed ReadJson(string text)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text, ConcordJson.IncomingDocument); }
        catch (JsonException ex) { return new Parsed(null, null, [], [new ImportError((int)(ex.LineNumber ?? 0) + 1, null, $"The file is not valid JSON{(ex.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase) ? " (a property is given twice)" : "")}.")], 0); }
        using (doc)
        {
            var root = doc.RootElement;
            var candidate = Str(root, "candidate");
            var name = Str(root, "name");
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
                return new Parsed(null, null, [], [new ImportError(1, "steps", "Expected an object with candidate, name and a 'steps' array.")], 0);
            var parsed = new Parsed(null, null, [], [], steps.GetArrayLength());
            var n = 0;
            foreach (var s in steps.EnumerateArray())
                parsed = Add(parsed, ++n, candidate, name, new StepRequest(Str(s, "step"), Str(s, "date"), Str(s, "dateQualifier"), Str(s, "party"),
                    Str(s, "stage"), Str(s, "decision"), Str(s, "summit"), Str(s, "signatories"), Str(s, "source"), Str(s, "confidence"), Str(s, "note")));
            return Finish(parsed);
        }
    }

    private static Parsed Add(Parsed p, int line, string? candidate, string? name, StepRequest request)
    {
        var code = Input.Member(candidate, "candidate");
        if (code.Refusal is { } c) { p.Errors.Add(new ImportError(line, "candidate", c.Reason)); return p; }
        if (p.Candidate is { } first && first != code.Value)
        {
            p.Errors.Add(new ImportError(line, "candidate", $"One file holds one candidate's path; this row is for {code.Value}, the file for {first}."));
            return p;
        }
        var step = AccessionSteps.Build(request);
        if (step.Refusal is { } r) p.Errors.Add(new ImportError(line, r.Field, r.Reason));
        else p.Steps.Add((line, step.Value!));
        return p with { Candidate = code.Value, Name = p.Name ?? name };
    }

    private static Parsed Finish(Parsed p) =>
        p.Candidate is null && p.Errors.Count == 0 ? p with { Errors = [new ImportError(1, null, "The file has no steps.")] } : p;

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null => null,
            _ => v.ToString(),
        } : null;
}
