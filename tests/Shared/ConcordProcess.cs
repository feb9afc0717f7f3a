using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Concord.Tests;

/// <summary>
/// A built Concord program (the web app or the CLI) run as a process of its own, for what only separate processes show:
/// locks held across processes (the in-process write gate is static, so hosts in one test process would share it) and a
/// process killed at a chosen point. It runs the assembly the solution build left in src/PROJECT/bin/CONFIG/net10.0 with
/// <c>dotnet</c>, in the configuration of the running tests, so every test shares that one build. Disposing it kills the
/// process if it still runs: only processes a test started are ever stopped.
/// </summary>
public sealed class ConcordProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ConcordProcess(Process process) => _process = process;

    /// <summary>What the process wrote to stdout and stderr so far, interleaved.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The web app's assembly (<c>dotnet Concord.Web.dll</c>).</summary>
    public static string Web => Built("Concord.Web", "Concord.Web.dll");

    /// <summary>The CLI's assembly (<c>dotnet concord.dll</c>).</summary>
    public static string Cli => Built("Concord.Cli", "concord.dll");

    private static string Built(string project, string assembly)
    {
        // The tests run from tests/X/bin/CONFIG/net10.0: the same configuration's build of the program sits under src/.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Concord.slnx"))) root = root.Parent;
        if (root is null) Assert.Fail("The tests do not run inside the repository: Concord.slnx not found above " + output.FullName);
        var path = Path.Combine(root.FullName, "src", project, "bin", configuration, output.Name, assembly);
        if (!File.Exists(path)) Assert.Fail($"{path} is missing: build the solution first (dotnet build Concord.slnx -c {configuration}).");
        return path;
    }

    /// <summary>
    /// Starts <c>dotnet ASSEMBLY ARGS</c> in the assembly's folder (where its appsettings.json and data/ are), with
    /// <paramref name="environment"/> over the test's own (a kill point is set only when given).
    /// </summary>
    public static ConcordProcess Start(string assembly, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("CONCORD_TEST_KILL_AT");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        var process = new Process { StartInfo = start };
        var started = new ConcordProcess(process);
        process.OutputDataReceived += (_, e) => started.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => started.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>Waits for the process to end by itself and returns its exit code; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<int> Exit(TimeSpan timeout)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"The process did not end within {timeout.TotalSeconds:N0} s. Its output:\n{Output}");
        }
        // The asynchronous readers may still hold the last lines.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Runs <c>dotnet ASSEMBLY ARGS</c> to its end: its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> Run(string assembly, IEnumerable<string> args,
        IReadOnlyDictionary<string, string?>? environment = null, int timeoutSeconds = 60)
    {
        await using var process = Start(assembly, args, environment);
        var code = await process.Exit(TimeSpan.FromSeconds(timeoutSeconds));
        return (code, process.Output);
    }

    /// <summary>Waits until <paramref name="url"/>/health answers 200; fails the test if the process ends or time runs out first.</summary>
    public async Task Healthy(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                Assert.Fail($"The instance at {url} exited with code {_process.ExitCode} before it was healthy. Its output:\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync(url + "/health", TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"The instance at {url} was not healthy within {timeout.TotalSeconds:N0} s. Its output:\n{Output}");
    }

    /// <summary>A loopback port no one listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended in between.
        }
        _process.Dispose();
    }
}
