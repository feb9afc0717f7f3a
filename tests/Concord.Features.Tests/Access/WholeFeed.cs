using Concord.Features.Access;
using Concord.Features.Storage;

namespace Concord.Features.Tests.Readers;

/// <summary>The whole feed as a reader may read it, page after page: the seeded log alone runs past one page.</summary>
public static class WholeFeed
{
    public static async Task<IReadOnlyList<LogEvent>> Of(ConcordDbContext db, Reader reader, CancellationToken ct)
    {
        var all = new List<LogEvent>();
        long after = 0;
        while (true)
        {
            var page = await ReadableLog.Feed(db, after, 1000, reader, ct);
            all.AddRange(page.Events);
            if (page.Next is not { } next || next <= after) return all;
            after = next;
        }
    }
}
