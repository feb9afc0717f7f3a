using System.Net;
using System.Net.Sockets;
using Spectre.Console.Testing;

namespace Concord.Cli.Tests.Commands;

public sealed class ServeCommandTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task serve_answers_on_the_given_url_over_the_chosen_store_seeded_on_first_run()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var output = new TestConsole();
        using var error = new TestConsole();
        var serving = ConcordCli.Run(["serve", "--urls", url, "--database", _store.Database], new Terminal(output, error), stop.Token);
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        var decision = await FirstAnswer(http, "/api/v1/decisions/invite-ukraine-washington-2024", serving);
        await stop.CancelAsync();

        Assert.Contains("\"blocking\":[\"DEU\",\"HUN\",\"SVK\",\"USA\"]", decision, StringComparison.Ordinal);
        Assert.Equal(0, await serving);
    }

    private static async Task<string> FirstAnswer(HttpClient http, string path, Task<int> serving)
    {
        for (var attempt = 0; attempt < 120 && !serving.IsCompleted; attempt++)
        {
            try
            {
                return await http.GetStringAsync(path, TestContext.Current.CancellationToken);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }
        }
        Assert.Fail($"concord serve did not answer (exit code {(serving.IsCompleted ? serving.Result : "none yet")}).");
        return "";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
