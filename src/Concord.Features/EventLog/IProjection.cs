using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.EventLog;

/// <summary>
/// One read model and how it follows the log. The commit runs it on every stream it follows that a commit
/// appended to, in the same transaction; <c>concord rebuild</c> clears it and runs it on every such stream whole.
/// Both go through <see cref="Project"/>, so a rebuilt read model is the one live writes made.
/// </summary>
public interface IProjection
{
    /// <summary>The stream-id prefixes (StreamIds) it follows; a whole id follows one stream.</summary>
    IReadOnlyList<string> Streams { get; }

    /// <summary>The read-model row types it owns (used by rebuild checks).</summary>
    IReadOnlyList<Type> Rows { get; }

    /// <summary>Deletes every row it owns.</summary>
    Task Clear(ConcordDbContext db, CancellationToken ct);

    /// <summary>
    /// Brings its rows up to date with <paramref name="change"/>: the events just appended to one stream (on rebuild,
    /// the whole stream). Earlier events of the stream, and the rows of projections that ran before, are readable in
    /// <paramref name="db"/>: they are saved in the same transaction before it runs.
    /// </summary>
    Task Project(ConcordDbContext db, StreamChange change, Instant now, CancellationToken ct);
}

/// <summary>Events appended to one stream; <see cref="Version"/> is the stream's version after them.</summary>
/// <param name="Rebuilding">True when <see cref="Appended"/> is the whole stream, replayed by a rebuild.</param>
public sealed record StreamChange(string StreamId, IReadOnlyList<StoredEvent> Appended, bool Rebuilding = false)
{
    public int Version => Appended.Count == 0 ? 0 : Appended[^1].StreamVersion;

    /// <summary>True when the appended events start the stream (the projection has nothing to read before them).</summary>
    public bool IsWhole => Rebuilding || Appended.Count > 0 && Appended[0].StreamVersion == 1;
}
