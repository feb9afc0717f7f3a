using Concord.Domain.Sources;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Sources;

/// <summary>The sources area's events and its read model: one stream and one row per registered document.</summary>
public static class SourcesLog
{
    public static void Register(LogRegistry log) => log
        .Event<SourceRegistered>("SourceRegistered")
        .Projection(new SourceProjection());
}

/// <summary>Projects each registered source into the sources read model.</summary>
public sealed class SourceProjection : IWholeStreamProjection
{
    public IReadOnlyList<string> Streams { get; } = [StreamIds.SourcePrefix];

    public IReadOnlyList<Type> Rows { get; } = [typeof(SourceRow)];

    public Task Clear(ConcordDbContext db, CancellationToken ct) => db.DeleteAll<SourceRow>(ct);

    public Task Project(ConcordDbContext db, StreamChange change, Instant now, CancellationToken ct)
    {
        Add(change.Appended, new TrackedRows(db));
        return Task.CompletedTask;
    }

    public void Rebuild(StreamChange stream, IRows rows, Instant now) => Add(stream.Appended, rows);

    private static void Add(IEnumerable<StoredEvent> events, IRows rows)
    {
        foreach (var s in events.Select(EventStore.Deserialize).OfType<SourceRegistered>())
            rows.Add(new SourceRow
            {
                Id = s.Id, AliasOf = s.AliasOf, Kind = Domain.Words.Of(s.Kind), Publisher = s.Publisher, Title = s.Title,
                Published = s.Published, Url = s.Url, Language = s.Language, ArchivedUrl = s.ArchivedUrl,
            });
    }
}
