using Concord.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Spectre.Console.Testing;

namespace Concord.Cli.Tests;

/// <summary>What one run of <c>concord</c> did: its exit code, what it wrote to stdout and to stderr.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>The first line of stdout that starts with <paramref name="label"/>.</summary>
    public string Line(string label) =>
        Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(label, StringComparison.Ordinal)) ?? "";
}

/// <summary>
/// A temporary SQLite file for one test, and the files the test writes beside it; all deleted afterwards.
/// Runs <c>concord</c> in-process against it, with Spectre's TestConsole standing in for stdout and stderr.
/// </summary>
/// <remarks>
/// By default the file does not exist until a command creates it, and the first command that seeds loads the data
/// pack. <c>seeded: true</c> starts from a copy of a store the CLI seeded once for the whole test process instead, for
/// tests whose first command would seed anyway: the same content, except that the CLI seeds with the system clock, so
/// the data pack's events are recorded when the template was made, seconds before.
/// </remarks>
public sealed class TempStore : IDisposable
{
    private static readonly SqliteTemplate SeededTemplate = new("cli-seeded", async path =>
    {
        await using var store = await Store.Open(Configuration($"Data Source={path};Pooling=False"), Seeding.WhenEmpty, CancellationToken.None);
    });

    private readonly string _name = "concord-cli-" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<string> _files = [];

    public TempStore(bool seeded = false)
    {
        // A field initialiser cannot await; the template is built on the thread pool, so waiting here cannot deadlock.
        if (seeded) SeededTemplate.CopyTo(Database).GetAwaiter().GetResult();
    }

    public string Database => Path.Combine(Path.GetTempPath(), _name + ".db");

    /// <summary>Runs <c>concord ARGS --database FILE</c>.</summary>
    public Task<CliRun> Run(params string[] args) => Cli.Run([.. args, "--database", Database]);

    /// <summary>A path beside the store for a file the test writes or the CLI creates; deleted with the store.</summary>
    public string FilePath(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{_name}-{name}");
        _files.Add(path);
        return path;
    }

    public string WriteFile(string name, string content)
    {
        var path = FilePath(name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Opens the store directly, without seeding, to look at what the CLI left in it.</summary>
    public Task<Store> Open() => Store.Open(Configuration($"Data Source={Database}"), Seeding.Never, TestContext.Current.CancellationToken);

    private static IConfiguration Configuration(string connection) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Concord:Database:Provider"] = "Sqlite",
        ["ConnectionStrings:Concord"] = connection,
    }).Build();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in _files.Concat(new[] { "", "-wal", "-shm" }.Select(s => Database + s)))
            File.Delete(file);
    }
}

/// <summary>Runs <c>concord</c> in-process with captured output.</summary>
public static class Cli
{
    public static async Task<CliRun> Run(params string[] args)
    {
        using var output = new TestConsole().Width(200);
        using var error = new TestConsole().Width(200);
        var code = await ConcordCli.Run(args, new Terminal(output, error), TestContext.Current.CancellationToken);
        return new CliRun(code, output.Output, error.Output);
    }
}
