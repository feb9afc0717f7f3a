using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Concord.Benchmarks;

/// <summary>
/// The HTTP floor for bench/load.sh: Kestrel serving the same JSON bytes Concord returned, from memory, on the same
/// route shape (so routing is paid too), with nothing else in the pipeline. Loopback only.
/// </summary>
public static class StaticJsonServer
{
    public static async Task<int> Run(string file, int port)
    {
        var bytes = await File.ReadAllBytesAsync(file);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapGet("/api/v1/decisions/{id}", (string id) => Results.Bytes(bytes, "application/json; charset=utf-8"));
        // Any other route bench/load.sh is asked to measure (ROUTE=...) gets the same bytes through one routed endpoint.
        app.MapGet("/{**path}", (string? path) => Results.Bytes(bytes, "application/json; charset=utf-8"));
        await app.StartAsync();
        Console.WriteLine($"Static JSON ({bytes.Length:N0} bytes from {file}) on http://127.0.0.1:{port}/api/v1/decisions/{{id}}");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
