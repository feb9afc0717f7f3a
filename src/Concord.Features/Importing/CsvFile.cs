using nietras.SeparatedValues;

namespace Concord.Features.Importing;

/// <summary>
/// A CSV file read in one pass: its typed rows, and every fault of its header and of its rows' shape, each on its line
/// (the header is line 1). <see cref="Count"/> counts every data row, good or bad; <see cref="Rows"/> holds those that
/// could be read (the others are in <see cref="Errors"/>).
/// </summary>
public sealed record CsvTable<T>(IReadOnlyList<CsvRow<T>> Rows, IReadOnlyList<ImportError> Errors, int Count, IReadOnlyDictionary<string, string> HeaderNames)
{
    /// <summary>
    /// The error with its column named as the file names it (<c>code</c> where the file says <c>code</c> for
    /// <c>iso_alpha3</c>, <c>date_qualifier</c> where a refusal names the field <c>dateQualifier</c>).
    /// </summary>
    public ImportError InFileNames(ImportError error) =>
        error.Column is { } c && HeaderNames.TryGetValue(c, out var named) ? error with { Column = named } : error;
}

/// <summary>
/// Reads CSV files (RFC 4180: UTF-8, comma, '"' quoting, line breaks inside quotes) with Sep, mapped to typed records by
/// header name, case-insensitive, in any order. Nothing is guessed: a column the format does not know (unless the format
/// ignores such columns, <see cref="UnknownColumns"/>), a column given twice and a required column missing are errors
/// on line 1; a row with more or fewer values than the header, or with a quote never closed, is an error on its line.
/// Blank rows are skipped. When the header lacks a required column or names one twice the rows are not read: each
/// would only repeat the header's fault.
/// </summary>
public static class CsvFile
{
    public static CsvTable<T> Read<T>(TextReader file, CsvFormat<T> format)
    {
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).From(file);
        var errors = new List<ImportError>();
        if (!reader.MoveNext()) return new CsvTable<T>([], [new ImportError(1, null, "The file is empty: it needs a header row.")], 0, Empty);
        var header = Cells(reader.Current);
        var (index, names, fatal) = Header(header, format, errors);
        var rows = new List<CsvRow<T>>();
        var count = 0;
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            // Read before the values: unescaping them rewrites the row's text in place.
            var unclosed = row.Span.Count('"') % 2 == 1;
            var values = Cells(row);
            if (values.All(string.IsNullOrWhiteSpace)) continue;
            count++;
            if (fatal) continue;
            if (unclosed)
            {
                errors.Add(new ImportError(line, null, "A quoted value is never closed: a '\"' is missing, so the rest of the file would be one value."));
                continue;
            }
            var extra = values.Skip(header.Length).Any(v => !string.IsNullOrWhiteSpace(v));
            if (values.Length < header.Length || extra)
            {
                errors.Add(new ImportError(line, null, $"The row has {values.Length} values; the header has {header.Length} columns."));
                continue;
            }
            var record = new CsvRecord(line, index, [.. values.Take(header.Length).Select(v => string.IsNullOrWhiteSpace(v) ? null : v.Trim())]);
            rows.Add(new CsvRow<T>(line, format.Map(record)));
        }
        return new CsvTable<T>(rows, errors, count, names);
    }

    private static readonly Dictionary<string, string> Empty = [];

    private static string[] Cells(SepReader.Row row)
    {
        var cells = new string[row.ColCount];
        for (var i = 0; i < cells.Length; i++) cells[i] = row[i].ToString();
        return cells;
    }

    /// <summary>Where each of the format's columns is in the file (-1 when absent), the file's name for each column and field, and whether the rows cannot be read.</summary>
    private static (Dictionary<string, int> Index, Dictionary<string, string> Names, bool Fatal) Header<T>(string[] header, CsvFormat<T> format, List<ImportError> errors)
    {
        var index = format.Columns.ToDictionary(c => c.Name, _ => -1, StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var byName = format.Columns.SelectMany(c => c.Names.Select(n => (n, c))).ToDictionary(x => x.n, x => x.c, StringComparer.OrdinalIgnoreCase);
        var carried = new HashSet<string>(format.Carried ?? [], StringComparer.OrdinalIgnoreCase);
        var fatal = false;
        for (var i = 0; i < header.Length; i++)
        {
            var given = (i == 0 ? header[i].TrimStart('\uFEFF') : header[i]).Trim();
            if (byName.TryGetValue(given, out var column))
            {
                if (index[column.Name] >= 0)
                {
                    var first = header[index[column.Name]].Trim().TrimStart('\uFEFF');
                    errors.Add(new ImportError(1, given, first.Equals(given, StringComparison.OrdinalIgnoreCase)
                        ? $"The column '{given}' is given twice (columns {index[column.Name] + 1} and {i + 1})."
                        : $"'{first}' and '{given}' are the same column (docs/data-formats.md); give it once."));
                    fatal = true;
                    continue;
                }
                index[column.Name] = i;
                foreach (var n in column.Names.Append(column.Field).OfType<string>()) names[n] = given;
                continue;
            }
            if (carried.Contains(given)) continue;
            if (Unknown(given, i, format) is { } unknown) errors.Add(unknown);
        }
        foreach (var missing in format.Columns.Where(c => c.Required && index[c.Name] < 0))
        {
            errors.Add(new ImportError(1, missing.Name, $"The header lacks the column '{missing.Name}'" +
                (missing.Aliases.Length > 0 ? $" (or {string.Join(", ", missing.Aliases.Select(a => $"'{a}'"))})." : ".")));
            fatal = true;
        }
        return (index, names, fatal);
    }

    private static ImportError? Unknown<T>(string given, int position, CsvFormat<T> format)
    {
        var expected = format.Columns.SelectMany(c => c.Names).ToList();
        var close = DidYouMean.Closest(given, expected);
        if (format.Unknown == UnknownColumns.IgnoredUnlessClose)
            return close is null ? null : new ImportError(1, given, $"Unknown column '{given}'. Did you mean '{close}'?");
        if (given.Length == 0) return new ImportError(1, null, $"Column {position + 1} of the header has no name.");
        return new ImportError(1, given, $"Unknown column '{given}'." + DidYouMean.Hint(given, format.Names, "columns"));
    }
}
