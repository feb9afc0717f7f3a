using NodaTime;

namespace Concord.Features.EventLog;

/// <summary>
/// One row of the append-only event log. <see cref="Position"/> orders the whole log; (<see cref="StreamId"/>,
/// <see cref="StreamVersion"/>) is unique, which is the optimistic concurrency check; <see cref="Hash"/> chains
/// each event to the one before it (<see cref="PreviousHash"/>, also unique, so the chain cannot fork).
/// </summary>
public sealed class StoredEvent
{
    public long Position { get; set; }
    public required string StreamId { get; set; }
    public required int StreamVersion { get; set; }
    public required string Name { get; set; }
    public required string Payload { get; set; }
    public required Instant Effective { get; set; }
    public required Instant Recorded { get; set; }
    public required string RecordedBy { get; set; }
    /// <summary>Who may read it; PUBLIC by default. Covered by the hash whenever it is not PUBLIC.</summary>
    public Domain.Marking Marking { get; set; }
    /// <summary>Non-members it is released to, "UKR,SWE", or null.</summary>
    public string? ReleasableTo { get; set; }
    public string? IdempotencyKey { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    /// <summary>
    /// The event its payload holds, when the log was read with the payload deserialized straight from its stored bytes
    /// (a rebuild on SQLite): <see cref="EventStore.Deserialize"/> returns it, and <see cref="Payload"/> is then empty.
    /// Not part of the model (EF maps public properties only).
    /// </summary>
    internal object? Decoded { get; private init; }

    /// <summary>
    /// An event as a fold and the visibility rule read it: version, name, payload, effective instant and marking. The
    /// position, when and by whom it was recorded, the idempotency key and the chain's hashes are left empty: not for
    /// export, verification or appending.
    /// </summary>
    public static StoredEvent ToFold(string streamId, int version, string name, string payload, Instant effective,
        Domain.Marking marking, string? releasableTo) => ToFold(streamId, version, name, payload, effective, marking, releasableTo, null);

    /// <summary>The same, with the payload given deserialized in <paramref name="decoded"/> when <paramref name="payload"/> is empty.</summary>
    internal static StoredEvent ToFold(string streamId, int version, string name, string payload, Instant effective,
        Domain.Marking marking, string? releasableTo, object? decoded) => new()
    {
        StreamId = streamId, StreamVersion = version, Name = name, Payload = payload, Effective = effective, Marking = marking,
        ReleasableTo = releasableTo, Recorded = default, RecordedBy = "", PreviousHash = "", Hash = "", Decoded = decoded,
    };
}
