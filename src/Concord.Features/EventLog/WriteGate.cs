namespace Concord.Features.EventLog;

/// <summary>
/// One writer at a time within a process. A use case that reads a stream, decides and commits runs whole under the
/// gate (<see cref="EventStore.Serialized{T}"/>), so writers in one process queue instead of failing each other with
/// needless conflicts; the commit takes the gate itself when its caller did not. Across processes the commit's
/// database lock does the same (see <see cref="EventStore.Commit{T}"/>).
/// </summary>
internal static class WriteGate
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly AsyncLocal<bool> Held = new();

    public static async Task<T> Run<T>(Func<Task<T>> work, CancellationToken ct)
    {
        if (Held.Value) return await work();
        await Gate.WaitAsync(ct);
        try
        {
            Held.Value = true;
            return await work();
        }
        finally
        {
            Held.Value = false;
            Gate.Release();
        }
    }
}
