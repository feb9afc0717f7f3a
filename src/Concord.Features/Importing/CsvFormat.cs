namespace Concord.Features.Importing;

/// <summary>
/// A column of an import format as docs/data-formats.md lists it: its name, the other names the document gives it (e.g.
/// <c>note</c> for <c>stated_reason</c>), the name of the request field it fills when that differs (<c>dateQualifier</c>
/// for <c>date_qualifier</c>: refusals name the field, the report names the file's column), and whether every file
/// must have it.
/// </summary>
public sealed record CsvColumn(string Name, bool Required = false, string? Field = null, params string[] Aliases)
{
    /// <summary>Every name the column goes by in a header.</summary>
    public IEnumerable<string> Names => [Name, .. Aliases];
}

/// <summary>What a header may carry besides the columns a format reads.</summary>
public enum UnknownColumns
{
    /// <summary>Concord's own formats: a column it does not know is an error (a misspelt column would otherwise be lost).</summary>
    Refused,
    /// <summary>
    /// Files of other publishers that carry many columns by design (Kiel): a column it does not know is ignored, unless
    /// its name is close to one it reads (then it is an error, with the name it is close to).
    /// </summary>
    IgnoredUnlessClose,
}

/// <summary>
/// An import format: its columns, how a row becomes a typed record, and what a header may carry besides them.
/// <paramref name="Carried"/> names columns a file of the format may have that are not read (kept for people, such as
/// members.csv's <c>iso_alpha2</c>): never an error.
/// </summary>
public sealed record CsvFormat<T>(IReadOnlyList<CsvColumn> Columns, Func<CsvRecord, T> Map, UnknownColumns Unknown = UnknownColumns.Refused,
    IReadOnlyList<string>? Carried = null)
{
    /// <summary>Every column name the format reads, first names only: what a refusal lists.</summary>
    public IReadOnlyList<string> Names => [.. Columns.Select(c => c.Name)];
}

/// <summary>One data row of a CSV file, its values by the format's column names: trimmed, null when empty or absent.</summary>
public sealed class CsvRecord
{
    private readonly IReadOnlyDictionary<string, int> _index;
    private readonly string?[] _values;

    internal CsvRecord(int line, IReadOnlyDictionary<string, int> index, string?[] values) => (Line, _index, _values) = (line, index, values);

    /// <summary>The line the row starts on (the header is line 1; a row with a quoted line break spans several).</summary>
    public int Line { get; }

    /// <summary>The value of <paramref name="column"/> (a name the format declares); null when empty or when the file lacks the column.</summary>
    public string? this[string column] =>
        _index.TryGetValue(column, out var i) ? (i >= 0 ? _values[i] : null)
        : throw new ArgumentException($"'{column}' is not a column of this format.", nameof(column));
}

/// <summary>A data row read and typed, with the line it starts on.</summary>
public sealed record CsvRow<T>(int Line, T Value);
