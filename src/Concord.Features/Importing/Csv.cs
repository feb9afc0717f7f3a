using System.Text;

namespace Concord.Features.Importing;

/// <summary>One data row of a CSV file, with its line number (the header is line 1) and values by column name.</summary>
public sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The value of the first present column among <paramref name="names"/>, trimmed; null when empty.</summary>
    public string? Get(params string[] names)
    {
        foreach (var name in names)
            if (Values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v)) return v.Trim();
        return null;
    }
}

/// <summary>A small RFC 4180 reader: quoted fields, doubled quotes, line breaks inside quotes.</summary>
public static class Csv
{
    public static IReadOnlyList<CsvRow> Read(TextReader reader)
    {
        var records = ReadRecords(reader).ToList();
        if (records.Count == 0) return [];
        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        return records.Skip(1).Where(r => r.Fields.Any(f => f.Length > 0))
            .Select(r => new CsvRow(r.Line, header.Select((h, i) => (h, v: i < r.Fields.Count ? r.Fields[i] : ""))
                .GroupBy(x => x.h).ToDictionary(g => g.Key, g => g.First().v)))
            .ToList();
    }

    private static IEnumerable<(int Line, List<string> Fields)> ReadRecords(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        int line = 1, start = 1, c;
        while ((c = reader.Read()) != -1)
        {
            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"' && reader.Peek() == '"') { field.Append('"'); reader.Read(); }
                else if (ch == '"') quoted = false;
                else { if (ch == '\n') line++; field.Append(ch); }
                continue;
            }
            switch (ch)
            {
                case '"': quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    yield return (start, fields);
                    fields = []; line++; start = line; any = false;
                    break;
                default: field.Append(ch); break;
            }
        }
        if (any) { fields.Add(field.ToString()); yield return (start, fields); }
    }
}
