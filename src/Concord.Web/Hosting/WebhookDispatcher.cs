using Concord.Features.Accounts;
using Concord.Features.EventLog;
using Concord.Features.Following.Webhooks;
using Concord.Features.Storage;
using Microsoft.Extensions.Http.Resilience;
using NodaTime;
using Polly;

namespace Concord.Web.Hosting;

/// <summary>
/// Runs <see cref="WebhookDispatch"/> rounds every <see cref="WebhookOptions.IntervalSeconds"/>: every instance tries,
/// one holds the lease and sends. Each round has its own scope and DbContext.
/// </summary>
public sealed class WebhookDispatcher(IServiceScopeFactory scopes, IHttpClientFactory clients, WebhookOptions options, ILogger<WebhookDispatcher> log) : BackgroundService
{
    public const string Client = "webhooks";

    /// <summary>This process, as the lease names its holder.</summary>
    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Dispatch)
        {
            log.LogInformation("Webhook deliveries are left to other instances (Concord:Webhooks:Dispatch is false).");
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.1, options.IntervalSeconds)));
        var refused = false;
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var services = scope.ServiceProvider;
                var dispatch = new WebhookDispatch(services.GetRequiredService<ConcordDbContext>(), services.GetRequiredService<AccountService>(),
                    services.GetRequiredService<IClock>(), options, clients.CreateClient(Client), _holder);
                await dispatch.Round(stoppingToken);
                refused = false;
            }
            catch (StoreWriteException ex)
            {
                if (!refused) log.LogWarning("Webhook deliveries wait: the store refuses writes ({Reason}).", ex.Message);
                refused = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "A round of webhook deliveries failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Registers webhook delivery: the HTTP client and the dispatcher.</summary>
public static class WebhookDispatchServices
{
    /// <summary>
    /// The webhooks' HttpClient: every connection through the address check (<see cref="WebhookAddresses.Handler"/>); each
    /// attempt has two short retries of transient failures (Polly, through Microsoft.Extensions.Http.Resilience) within
    /// <see cref="WebhookOptions.AttemptSeconds"/>. The longer backoff between attempts is stored with the delivery.
    /// </summary>
    public static IServiceCollection AddWebhookDispatch(this IServiceCollection services)
    {
        services.AddHttpClient(WebhookDispatcher.Client, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookAddresses.Handler(sp.GetRequiredService<WebhookOptions>().AllowPrivateNetworks))
            .AddResilienceHandler("webhook-attempt", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<WebhookOptions>();
                pipeline.AddTimeout(TimeSpan.FromSeconds(Math.Max(1, options.AttemptSeconds)));
                pipeline.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 2, Delay = TimeSpan.FromMilliseconds(500), BackoffType = DelayBackoffType.Exponential, UseJitter = true });
                pipeline.AddTimeout(TimeSpan.FromSeconds(Math.Max(1, options.AttemptSeconds / 3)));
            });
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
