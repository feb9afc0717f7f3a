using System.Text.Json;
using Concord.Features.Importing;

namespace Concord.Features.Accessions;

/// <summary>
/// The JSON form of an accession file: <c>{"candidate", "name", "steps": [ {...}, ... ]}</c>, each step with the CSV's
/// fields in camelCase. A key Concord does not know is an error, named with the key closest to it: on its entry number
/// (1 for the first object of <c>steps</c>), or on entry 0 for a key of the file's object itself.
/// </summary>
internal static class AccessionJson
{
    private static readonly string[] FileKeys = ["candidate", "name", "steps"];

    private static readonly string[] StepKeys =
        ["step", "date", "dateQualifier", "party", "stage", "decision", "summit", "signatories", "source", "confidence", "note", "corrects"];

    public static ImportAccession.Parsed Read(string text)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text, ConcordJson.IncomingDocument); }
        catch (JsonException ex)
        {
            return new(null, null, [], [], [new ImportError((int)(ex.LineNumber ?? 0) + 1, null,
                $"The file is not valid JSON{(ex.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase) ? " (a property is given twice)" : "")}.")], 0);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
                return new(null, null, [], [], [new ImportError(1, "steps", "Expected an object with candidate, name and a 'steps' array.")], 0);
            var errors = Unknown(root, FileKeys, 0, "the file's object").ToList();
            var rows = new List<(int, ImportAccession.Row)>();
            var n = 0;
            foreach (var s in steps.EnumerateArray())
            {
                n++;
                if (s.ValueKind != JsonValueKind.Object) { errors.Add(new ImportError(n, null, $"Entry {n} of 'steps' is not an object.")); continue; }
                errors.AddRange(Unknown(s, StepKeys, n, $"entry {n}"));
                rows.Add((n, new ImportAccession.Row(Str(root, "candidate"), Str(root, "name"), new StepRequest(Str(s, "step"), Str(s, "date"),
                    Str(s, "dateQualifier"), Str(s, "party"), Str(s, "stage"), Str(s, "decision"), Str(s, "summit"), Str(s, "signatories"),
                    Str(s, "source"), Str(s, "confidence"), Str(s, "note"), Corrects(s)))));
            }
            return ImportAccession.Steps(rows, errors, n);
        }
    }

    private static IEnumerable<ImportError> Unknown(JsonElement element, string[] keys, int entry, string where) =>
        element.EnumerateObject().Where(p => !keys.Contains(p.Name, StringComparer.Ordinal))
            .Select(p => new ImportError(entry, p.Name, $"Unknown key '{p.Name}' in {where}." + DidYouMean.Hint(p.Name, keys, "keys")));

    /// <summary>A correction is marked "yes" as in CSV, or true; false is the same as absent.</summary>
    private static string? Corrects(JsonElement step) =>
        step.TryGetProperty("corrects", out var v) ? v.ValueKind switch
        {
            JsonValueKind.True => "yes",
            JsonValueKind.False or JsonValueKind.Null => null,
            _ => Str(step, "corrects"),
        } : null;

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null => null,
            _ => v.ToString(),
        } : null;
}
