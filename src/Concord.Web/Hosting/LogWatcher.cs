using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Hosting;

/// <summary>
/// Watches the head of the event log (its highest position) once a second and raises <see cref="Grew"/> when it
/// moves. It reads the shared store, not this process's writes, so a change made through another instance (or the
/// CLI) on the same database reaches every open page as well. Each poll uses its own scope and DbContext.
/// </summary>
public sealed class LogWatcher(IServiceScopeFactory scopes, ILogger<LogWatcher> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private long _head = -1;

    /// <summary>The highest log position seen so far; -1 before the first poll.</summary>
    public long Head => Interlocked.Read(ref _head);

    /// <summary>Raised with the new head when the log has grown. Handlers run on the watcher's thread: marshal to
    /// a component with <c>InvokeAsync</c>, and unsubscribe on dispose.</summary>
    public event Action<long>? Grew;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        // While this watcher polls the store, answers kept for it are trusted for one interval (see LogHeads).
        using var watching = LogHeads.Watch(StoreName());
        do
        {
            try { await Poll(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Reading the head of the event log failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Reads the head once; raises <see cref="Grew"/> and returns true when it moved since the last poll.</summary>
    public async Task<bool> Poll(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
        var head = await db.Events.AsNoTracking().MaxAsync(e => (long?)e.Position, ct) ?? 0;
        LogHeads.Polled(db.Database.GetConnectionString() ?? "", head);
        var before = Interlocked.Exchange(ref _head, head);
        if (head == before) return false;
        // The first poll only learns where the log stands; pages loaded before it are already current.
        if (before >= 0) Raise(head);
        return before >= 0;
    }

    private string StoreName()
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ConcordDbContext>().Database.GetConnectionString() ?? "";
    }

    private void Raise(long head)
    {
        if (Grew is not { } handlers) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action<long>>())
        {
            try { handler(head); }
            catch (Exception ex) { log.LogWarning(ex, "A log subscriber failed"); }
        }
    }
}
