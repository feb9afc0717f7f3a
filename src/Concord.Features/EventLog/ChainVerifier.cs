using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.EventLog;

/// <summary>Walks the log in order and checks every hash and link: evidence that no event was altered or removed.</summary>
public static class ChainVerifier
{
    /// <summary>Returns null when the chain is intact, else the first position where it breaks and why.</summary>
    public static async Task<string?> Verify(ConcordDbContext db, CancellationToken ct)
    {
        var previous = EventStore.GenesisHash;
        long expected = 1;
        await foreach (var e in db.Events.AsNoTracking().OrderBy(e => e.Position).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (e.Position != expected) return $"Event {expected} is missing (found {e.Position}).";
            if (e.PreviousHash != previous) return $"Event {e.Position} does not link to the event before it.";
            if (EventStore.ComputeHash(e) != e.Hash) return $"Event {e.Position} was altered: its hash does not match its content.";
            previous = e.Hash;
            expected++;
        }
        return null;
    }
}
