using Concord.Domain;

namespace Concord.Features;

/// <summary>
/// The answer to a write once its events are committed. The commit cannot be taken back, so the answer must not fail:
/// when the view that reports it cannot be built (a value stored by older code that a view cannot show, or a bug), the
/// writer is told that the write was recorded (<see cref="RefusalKind.Recorded"/>, 202), never that nothing changed.
/// </summary>
public static class Answered
{
    public static async Task<Result<T>> AfterCommit<T>(Func<Task<Result<T>>> view, string what)
    {
        try
        {
            return await view();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Refusal.Recorded($"{what} was recorded; the view that answers it could not be built ({e.GetType().Name}). " +
                "Do not send it again: read it back, and report this if the read fails too.");
        }
    }
}
