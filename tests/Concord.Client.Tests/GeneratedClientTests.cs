using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Web.Tests;

namespace Concord.Client.Tests;

/// <summary>
/// The C# client committed under Generated/ is what Kiota (the local tool pinned in .config/dotnet-tools.json) makes of
/// the OpenAPI document the current code serves, itself committed as openapi.json: an integrator who generates a client
/// gets this one. Both are regenerated here and compared; with <c>CONCORD_UPDATE_CLIENT=1</c> the test writes them
/// instead (see the README, "API reference and clients").
/// </summary>
public sealed class GeneratedClientTests(ConcordFactory factory) : IClassFixture<ConcordFactory>, IDisposable
{
    private const string Regenerate =
        "Regenerate them with `CONCORD_UPDATE_CLIENT=1 dotnet test --project tests/Concord.Client.Tests -c Release --filter-class '*GeneratedClientTests*'` " +
        "(after `dotnet tool restore`), then review and commit openapi.json and Generated/.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static bool Updating => Environment.GetEnvironmentVariable("CONCORD_UPDATE_CLIENT") == "1";

    [Fact]
    public async Task the_committed_openapi_document_is_the_one_the_api_serves()
    {
        var served = Indented(await factory.CreateClient().GetStringAsync("/openapi/v1.json", Ct));
        var path = Path.Combine(ProjectFolder, "openapi.json");
        if (Updating) await File.WriteAllTextAsync(path, served, Ct);

        var committed = File.Exists(path) ? await File.ReadAllTextAsync(path, Ct) : "";
        Assert.True(committed == served, $"tests/Concord.Client.Tests/openapi.json is not the document the API serves now. {Regenerate}");
    }

    [Fact]
    public async Task the_committed_client_is_what_kiota_generates_from_the_document()
    {
        var document = Path.Combine(Scratch, "openapi.json");
        await File.WriteAllTextAsync(document, Indented(await factory.CreateClient().GetStringAsync("/openapi/v1.json", Ct)), Ct);
        var output = Path.Combine(Scratch, "Generated");
        await Kiota(document, output);
        var committed = Path.Combine(ProjectFolder, "Generated");
        if (Updating)
        {
            if (Directory.Exists(committed)) Directory.Delete(committed, recursive: true);
            Copy(output, committed);
        }

        var generated = Files(output);
        var kept = Files(committed);
        var missing = generated.Keys.Except(kept.Keys).Order(StringComparer.Ordinal).ToList();
        var extra = kept.Keys.Except(generated.Keys).Order(StringComparer.Ordinal).ToList();
        var changed = generated.Keys.Intersect(kept.Keys).Where(f => generated[f] != kept[f]).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count + extra.Count + changed.Count == 0,
            "The committed client (tests/Concord.Client.Tests/Generated/) is not what Kiota generates from the current OpenAPI document: "
            + $"missing {Listed(missing)}; no longer generated {Listed(extra)}; different {Listed(changed)}. {Regenerate}");
    }

    /// <summary>Runs the pinned Kiota; it reads only the local document (offline: no update check, no telemetry).</summary>
    private static async Task Kiota(string document, string output)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "tool", "run", "kiota", "generate", "--language", "CSharp", "--openapi", document, "--output", output,
                "--class-name", "ConcordClient", "--namespace-name", "Concord.Client.Generated",
                "--exclude-backward-compatible", "--clean-output", "--log-level", "Error",
            },
        };
        start.Environment["KIOTA_OFFLINE_ENABLED"] = "true";
        start.Environment["KIOTA_TUTORIAL_ENABLED"] = "false";
        start.Environment["KIOTA_CLI_TELEMETRY_OPTOUT"] = "true";
        start.Environment["KIOTA_CONSOLE_COLORS_ENABLED"] = "false";
        using var kiota = Process.Start(start)!;
        var stdout = kiota.StandardOutput.ReadToEndAsync(Ct);
        var stderr = kiota.StandardError.ReadToEndAsync(Ct);
        await kiota.WaitForExitAsync(Ct);
        Assert.True(kiota.ExitCode == 0,
            $"`dotnet tool run kiota generate` failed ({kiota.ExitCode}); run `dotnet tool restore` first.\n{await stdout}\n{await stderr}");
    }

    /// <summary>The generated files by their path under <paramref name="folder"/>, without Kiota's lock file (it names
    /// the document's path on the machine that generated it).</summary>
    private static Dictionary<string, string> Files(string folder) =>
        !Directory.Exists(folder) ? []
        : Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "kiota-lock.json")
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), f => File.ReadAllText(f).ReplaceLineEndings("\n"));

    private static void Copy(string from, string to)
    {
        foreach (var file in Files(from))
        {
            var target = Path.Combine(to, file.Key);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, file.Value);
        }
    }

    private static string Listed(List<string> files) =>
        files.Count == 0 ? "none" : string.Join(", ", files.Take(10)) + (files.Count > 10 ? $" and {files.Count - 10} more" : "");

    /// <summary>The document as committed: indented, one way, so that a change reads as a diff.</summary>
    private static string Indented(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    private readonly string Scratch = Directory.CreateTempSubdirectory("concord-client-").FullName;

    public void Dispose() => Directory.Delete(Scratch, recursive: true);

    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Concord.slnx"))) return dir.FullName;
            throw new InvalidOperationException("The repository (Concord.slnx) is not above " + AppContext.BaseDirectory);
        }
    }

    private static string ProjectFolder => Path.Combine(RepositoryRoot, "tests", "Concord.Client.Tests");
}
