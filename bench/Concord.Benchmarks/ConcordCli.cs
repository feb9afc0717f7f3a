using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Concord.Benchmarks;

/// <summary>
/// Runs Concord's command line (<c>concord</c>, src/Concord.Cli, built in Release) as its user would: stores are
/// seeded, exported and imported through it, so the benchmarks' stores come through the same door as a user's data.
/// </summary>
public static class ConcordCli
{
    /// <summary>The repository root: $CONCORD_REPO, else the first folder holding Concord.slnx above this program or the current directory.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Dll => Path.Combine(RepositoryRoot, "src", "Concord.Cli", "bin", "Release", "net10.0", "concord.dll");

    /// <summary>Runs <c>concord ARGS</c> and returns its output; throws with its output when it fails.</summary>
    public static string Run(IReadOnlyList<string> args)
    {
        CheckBuild();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        // The command line reads its store from the environment too; a value meant for a server must not leak in.
        start.Environment.Remove("ConnectionStrings__Concord");
        start.Environment["Concord__SeedOnFirstRun"] = "true";
        start.Environment["DOTNET_gcServer"] = "0";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"concord {string.Join(' ', args)} failed ({process.ExitCode}):\n{stdout}\n{stderr.Result}");
        Console.WriteLine("// concord: " + stdout.Trim());
        return stdout;
    }

    /// <summary>A hash of the sources under src/ (relative paths and contents), bin and obj left out.</summary>
    public static string SourceVersion()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Sources().Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(RepositoryRoot, file).Replace('\\', '/') + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..10];
    }

    private static IEnumerable<string> Sources() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "src"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    /// <summary>
    /// The command line must run the code under test (a store's read models are built by the code that imports it, and
    /// the cache is keyed by the sources): it must have been built after the last change to them.
    /// </summary>
    private static void CheckBuild()
    {
        if (!File.Exists(Dll))
            throw new InvalidOperationException($"{Dll} is missing: build it with `dotnet build src/Concord.Cli -c Release` (bench/run.sh does).");
        var built = Directory.EnumerateFiles(Path.GetDirectoryName(Dll)!, "*.dll")
            .Where(f => Path.GetFileName(f).StartsWith("Concord", StringComparison.OrdinalIgnoreCase))
            .Max(File.GetLastWriteTimeUtc);
        var changed = Sources().Max(File.GetLastWriteTimeUtc);
        if (changed > built)
            throw new InvalidOperationException($"{Dll} was built before the last change under src/: rebuild it with `dotnet build src/Concord.Cli -c Release` (bench/run.sh does).");
    }

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("CONCORD_REPO") is { Length: > 0 } configured) return configured;
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Concord.slnx"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (Concord.slnx) is not above this program; set CONCORD_REPO.");
    }
}
