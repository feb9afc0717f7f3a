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

/// <summary>
/// A projection whose rows for a whole stream follow from that stream alone. <c>concord rebuild</c> hands it every
/// stream it follows and writes the rows it gives in bulk (prepared INSERTs on SQLite, binary COPY on PostgreSQL)
/// instead of tracking them in the DbContext: on a large log the change tracker costs several times the fold itself.
/// Its <see cref="IProjection.Project"/> builds the rows of a whole stream with the same code, so a rebuilt read model
/// is still the one live writes made. A projection that reads the store while projecting stays an
/// <see cref="IProjection"/> alone, and the rebuild runs it through <see cref="IProjection.Project"/>.
/// </summary>
public interface IWholeStreamProjection : IProjection
{
    /// <summary>
    /// Gives <paramref name="rows"/> every row <paramref name="stream"/> (the whole stream, <see cref="StreamChange.Rebuilding"/>)
    /// projects to. It reads nothing from the store: the rows are written after it returns, those of the projections
    /// registered before it already are.
    /// </summary>
    void Rebuild(StreamChange stream, IRows rows, Instant now);
}

/// <summary>Where a projection puts the rows it makes: the DbContext on a live commit, a bulk writer on rebuild.</summary>
public interface IRows
{
    void Add<T>(T row) where T : class;
}

/// <summary>Events appended to one stream; <see cref="Version"/> is the stream's version after them.</summary>
/// <param name="Rebuilding">
/// True when <see cref="Appended"/> is the whole stream, replayed by a rebuild. A rebuild reads what a fold reads, as
/// <see cref="EventStore.ReadStreamToFold"/> does: each event's version, name, payload, effective instant and marking;
/// the position, when and by whom it was recorded, the idempotency key and the chain's hashes are left empty. On SQLite
/// the payload comes already deserialized (its text is empty): read it through <see cref="EventStore.Deserialize"/>.
/// </param>
public sealed record StreamChange(string StreamId, IReadOnlyList<StoredEvent> Appended, bool Rebuilding = false)
{
    public int Version => Appended.Count == 0 ? 0 : Appended[^1].StreamVersion;

    /// <summary>True when the appended events start the stream (the projection has nothing to read before them).</summary>
    public bool IsWhole => Rebuilding || Appended.Count > 0 && Appended[0].StreamVersion == 1;
}

/// <summary>
/// A projection whose rows follow from the rows of projections registered before it, not from the events themselves
/// (the search index: the texts of decisions, positions, statements... as their own read models hold them). A live
/// commit hands it every stream it appended to at once (<see cref="ProjectAll"/>), after the projections before it ran on
/// all of them; <c>concord rebuild</c> runs <see cref="Rebuild"/> once, after their rows are written, instead of once per stream.
/// </summary>
public interface IDerivedProjection : IProjection
{
    /// <summary>Brings its rows up to date with every change of one commit that it follows, in one pass.</summary>
    Task ProjectAll(ConcordDbContext db, IReadOnlyList<StreamChange> changes, Instant now, CancellationToken ct);

    /// <summary>Gives <paramref name="rows"/> every row it derives from the read models as <paramref name="db"/> now holds them.</summary>
    Task Rebuild(ConcordDbContext db, IRows rows, CancellationToken ct);
}
