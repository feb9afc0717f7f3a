using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Concord.Tests;

/// <summary>One request a <see cref="WebhookReceiver"/> got: its delivery id, its body, and whether its signature held.</summary>
public sealed record WebhookReceived(string? DeliveryId, string Body, bool SignatureValid, int Attempt)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// An integrator's endpoint, as a real one is written: a Kestrel server on loopback that checks each request's HMAC-SHA256
/// signature with the webhook's secret and processes each delivery id once (a resent one is acknowledged and skipped).
/// <see cref="Answer"/> decides the status (and may hold the request open, to be cut off mid-delivery).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<WebhookReceived> _received = new();
    private readonly ConcurrentDictionary<string, int> _processed = new();

    private WebhookReceiver(WebApplication app, string url) => (_app, Url) = (app, url);

    public string Url { get; }

    /// <summary>The signing secret, as registering the webhook answered it.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The status to answer a signed request with: 200 unless set.</summary>
    public Func<WebhookReceived, CancellationToken, Task<int>> Answer { get; set; } = (_, _) => Task.FromResult(200);

    /// <summary>Every request, in the order they came.</summary>
    public IReadOnlyList<WebhookReceived> Received => [.. _received];

    /// <summary>How many times each delivery id was processed: once each, when the dedupe holds.</summary>
    public IReadOnlyDictionary<string, int> Processed => _processed;

    public static async Task<WebhookReceiver> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            var body = buffer.ToArray();
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(receiver!.Secret), body));
            var valid = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(http.Request.Headers["X-Concord-Signature"].ToString()));
            var got = new WebhookReceived(http.Request.Headers["X-Concord-Delivery"].FirstOrDefault(), Encoding.UTF8.GetString(body), valid,
                int.TryParse(http.Request.Headers["X-Concord-Attempt"], out var attempt) ? attempt : 0);
            receiver._received.Enqueue(got);
            if (!valid || got.DeliveryId is null) return Results.StatusCode(401);
            var status = await receiver.Answer(got, http.RequestAborted);
            // Processed once per id, and only when acknowledged: a resent delivery is acknowledged again and not processed again.
            if (status is >= 200 and < 300) receiver._processed.AddOrUpdate(got.DeliveryId, 1, (_, n) => n);
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        receiver = new WebhookReceiver(app, address.TrimEnd('/') + "/hook");
        return receiver;
    }

    /// <summary>Waits until <paramref name="done"/> holds of what was received, polling; fails after <paramref name="timeout"/>.</summary>
    public async Task Until(Func<IReadOnlyList<WebhookReceived>, bool> done, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!done(Received))
        {
            if (DateTime.UtcNow > until) Assert.Fail($"The receiver did not get {what} within {timeout.TotalSeconds} s; it got {Received.Count} request(s).");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
