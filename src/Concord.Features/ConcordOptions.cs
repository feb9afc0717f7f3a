namespace Concord.Features;

/// <summary>Configuration section "Concord".</summary>
public sealed class ConcordOptions
{
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>The folder holding the data pack loaded on first run; default: data/ beside the executable.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Whether to load the data pack into an empty store at start (default true).</summary>
    public bool SeedOnFirstRun { get; set; } = true;
}

public sealed class DatabaseOptions
{
    /// <summary><c>Sqlite</c> (default, embedded) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";
}
