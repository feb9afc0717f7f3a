using System.Text.RegularExpressions;

namespace Concord.Features.Tests;

/// <summary>The shape of the code, held by reading its sources: one write path, and a log that knows no area.</summary>
public sealed partial class ArchitectureTests
{
    private static readonly string Features = Path.Combine(RepositoryRoot(), "src", "Concord.Features");

    [Fact]
    public void every_transaction_of_the_features_is_begun_in_the_event_log()
    {
        var outside = Sources(Features)
            .Where(f => !f.StartsWith(Path.Combine(Features, "EventLog") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("BeginTransaction", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Features, f));
        Assert.Empty(outside);
        Assert.Contains(Sources(Path.Combine(Features, "EventLog")), f => File.ReadAllText(f).Contains("BeginTransaction", StringComparison.Ordinal));
    }

    [Fact]
    public void the_event_log_names_no_feature_area()
    {
        var areas = Directory.GetDirectories(Features).Select(Path.GetFileName)
            .Where(a => a is not ("EventLog" or "Storage" or "bin" or "obj")).ToList();
        Assert.Contains("Decisions", areas);
        var named = Sources(Path.Combine(Features, "EventLog"))
            .SelectMany(f => AreaName().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Area: m.Groups["area"].Value)))
            .Where(x => areas.Contains(x.Area))
            .Select(x => $"{x.File} names Concord.Features.{x.Area}");
        Assert.Empty(named);
    }

    private static IEnumerable<string> Sources(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>The folder holding Concord.slnx, found upwards from the test's binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Concord.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Concord.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"Concord\.Features\.(?<area>[A-Z][A-Za-z]+)")]
    private static partial Regex AreaName();
}
