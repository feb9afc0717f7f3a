namespace Concord.Features.Storage;

/// <summary>
/// One writer at a time within a process: appends read the head of the log and chain to it, so letting
/// writers queue here avoids needless conflicts. Across processes (several instances on PostgreSQL) the
/// log's unique keys still stop a fork; the loser gets a ConcurrencyException and retries.
/// </summary>
public static class WriteGate
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<T> Run<T>(Func<Task<T>> work, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try { return await work(); }
        finally { Gate.Release(); }
    }
}
