using System.Reflection;
using System.Text.RegularExpressions;

namespace Concord.Features.Tests;

/// <summary>
/// The shape of the code, held by reading its sources: one write path, a log that knows no area, and a use case found
/// in one hop.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly string Features = Path.Combine(RepositoryRoot(), "src", "Concord.Features");

    [Fact]
    public void every_transaction_of_the_features_is_begun_by_the_event_store()
    {
        var outside = Sources(Features)
            .Where(f => !Path.GetFileName(f).StartsWith("EventStore", StringComparison.Ordinal)
                || !f.StartsWith(Path.Combine(Features, "EventLog") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
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

    [Fact]
    public void every_public_use_case_has_a_file_of_its_own()
    {
        var useCases = typeof(Features.Storage.ConcordDbContext).Assembly.GetExportedTypes()
            .Where(t => t is { IsAbstract: true, IsSealed: true, IsNested: false }
                && t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).Any(m => m.Name == "Handle"))
            .ToList();
        Assert.Contains(useCases, t => t.Name == "OpenDecision");
        // The file each use case should be declared in (its namespace's folder, its own name) and is not.
        var missing = useCases
            .Select(t => (Type: t, File: Path.Combine(Features, FolderOf(t), t.Name + ".cs")))
            .Where(x => !File.Exists(x.File) || !Declares(File.ReadAllText(x.File), x.Type.Name))
            .Select(x => Path.GetRelativePath(Features, x.File));
        Assert.Empty(missing);
    }

    /// <summary>The folder under src/Concord.Features that a type's namespace names.</summary>
    private static string FolderOf(Type type) =>
        Path.Combine([.. (type.Namespace ?? "").Split('.').Skip(2)]);

    private static bool Declares(string source, string name) =>
        Regex.IsMatch(source, $@"\bstatic (partial )?class {Regex.Escape(name)}\b");

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
