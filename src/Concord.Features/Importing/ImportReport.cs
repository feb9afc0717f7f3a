namespace Concord.Features.Importing;

/// <summary>A bad row: its line in the file, the column at fault, and what is wrong.</summary>
public sealed record ImportError(int Line, string? Column, string Message)
{
    public override string ToString() => Column is null ? $"line {Line}: {Message}" : $"line {Line}, {Column}: {Message}";
}

/// <summary>
/// What an import did. When <see cref="Errors"/> is not empty nothing was loaded: a file is taken whole or not at all.
/// </summary>
public sealed record ImportReport(int Rows, int Added, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static ImportReport Failed(params ImportError[] errors) => new(0, 0, errors);
}
