using Concord.Features.EventLog;

namespace Concord.Features.Storage;

/// <summary>Rows a live commit's projection makes, added to the DbContext and saved with the commit.</summary>
public sealed class TrackedRows(ConcordDbContext db) : IRows
{
    public void Add<T>(T row) where T : class => db.Set<T>().Add(row);
}
