using System.Collections.Concurrent;

namespace Concord.Features.EventLog;

/// <summary>
/// What this process knows of each store's log, for answers kept between reads: a stamp that moves whenever the log or
/// the read models may have changed. This process's own commits, imports and rebuilds move it at once (a client always
/// reads its own write); commits of other processes move it when a watcher polling the store sees the head grow. Only a
/// store such a watcher follows may have answers kept (<see cref="StampOf"/>), so a read lags another instance's commit by
/// at most one poll.
/// </summary>
public static class LogHeads
{
    private sealed class Head
    {
        public long Position = -1;
        public long Stamp;
        public int Watchers;
    }

    private static readonly ConcurrentDictionary<string, Head> Heads = new(StringComparer.Ordinal);

    /// <summary>The stamp to keep answers under, or null when no watcher follows <paramref name="store"/> in this process.</summary>
    public static long? StampOf(string store) =>
        Heads.TryGetValue(store, out var head) && Volatile.Read(ref head.Watchers) > 0 ? Interlocked.Read(ref head.Stamp) : null;

    /// <summary>This process changed the log or the read models of <paramref name="store"/>.</summary>
    public static void Changed(string store) => Interlocked.Increment(ref Heads.GetOrAdd(store, _ => new Head()).Stamp);

    /// <summary>A watcher read the head of the log: the stamp moves when it grew since the last poll.</summary>
    public static void Polled(string store, long position)
    {
        var head = Heads.GetOrAdd(store, _ => new Head());
        if (Interlocked.Exchange(ref head.Position, position) != position) Interlocked.Increment(ref head.Stamp);
    }

    /// <summary>A watcher starts following <paramref name="store"/>; dispose the result when it stops.</summary>
    public static IDisposable Watch(string store)
    {
        var head = Heads.GetOrAdd(store, _ => new Head());
        Interlocked.Increment(ref head.Watchers);
        // Whatever was kept before a watcher followed the store is not trusted: another process may have written since.
        Interlocked.Increment(ref head.Stamp);
        return new Unwatch(head);
    }

    private sealed class Unwatch(Head head) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) Interlocked.Decrement(ref head.Watchers);
        }
    }
}
