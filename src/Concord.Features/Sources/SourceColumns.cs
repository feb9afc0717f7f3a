using Concord.Features.Importing;

namespace Concord.Features.Sources;

/// <summary>The header of a sources file, checked: every column known, the required ones present, none twice.</summary>
internal static class SourceColumns
{
    /// <summary>The header line's column names (trimmed, lower-case) and the data rows of <paramref name="text"/>.</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<CsvRow> Rows) Read(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var first = (end < 0 ? text : text[..end]).TrimEnd('\r').TrimStart('\uFEFF');
        var header = first.Length == 0 ? [] : first.Split(',').Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToList();
        return (header, Csv.Read(new StringReader(text)));
    }

    public static IEnumerable<ImportError> Check(IReadOnlyList<string> header, IReadOnlyList<string> known, IReadOnlyList<string> required)
    {
        if (header.Count == 0) { yield return new ImportError(1, null, $"The file has no header; expected the columns {string.Join(", ", known)}."); yield break; }
        foreach (var h in header.GroupBy(h => h).Where(g => g.Count() > 1))
            yield return new ImportError(1, h.Key, $"The column '{h.Key}' is given twice.");
        foreach (var h in header.Distinct().Where(h => !known.Contains(h)))
        {
            var near = known.Where(k => !header.Contains(k)).Select(k => (k, d: Distance(k, h))).Where(x => x.d <= Math.Max(2, x.k.Length / 3)).OrderBy(x => x.d).Select(x => x.k).FirstOrDefault();
            yield return new ImportError(1, h, $"The column '{h}' is not one Concord reads{(near is null ? "" : $" (did you mean '{near}'?)")}; the columns are {string.Join(", ", known)}.");
        }
        foreach (var r in required.Where(r => !header.Contains(r)))
            yield return new ImportError(1, r, $"The required column '{r}' is missing.");
    }

    /// <summary>The edit distance (Levenshtein) between two names: how "did you mean" finds the name meant.</summary>
    public static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }
}
