using Concord.Features.Decisions;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Web.Hosting;

/// <summary>
/// Concludes silence procedures whose deadline has passed: at start (deadlines that fell while the server was
/// down) and then every 15 seconds. The conclusion is effective at the deadline, not when this runs.
/// </summary>
public sealed class SilenceDeadlines(IServiceScopeFactory scopes, ILogger<SilenceDeadlines> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        var refused = false;
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
                var adopted = await ConcludeDueSilences.Handle(db, scope.ServiceProvider.GetRequiredService<IClock>(), stoppingToken);
                if (adopted > 0) log.LogInformation("{Count} decision(s) adopted under silence", adopted);
                refused = false;
            }
            catch (StoreWriteException ex)
            {
                // A store that refuses writes (read-only, full) is the operator's known state, said once rather than every tick.
                if (!refused) log.LogWarning("Silence deadlines that passed cannot be concluded: {Reason} Will retry every {Seconds} s.", ex.Message, Interval.TotalSeconds);
                refused = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Concluding silence deadlines failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
