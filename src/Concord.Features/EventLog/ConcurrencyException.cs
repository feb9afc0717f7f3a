namespace Concord.Features.EventLog;

/// <summary>
/// Another writer appended to the stream (or the log) first: the expected version is stale. Not a business
/// refusal; the API answers 409 and the caller may retry with the current version.
/// </summary>
public sealed class ConcurrencyException(string streamId, int expectedVersion, Exception? inner = null)
    : Exception($"Stream '{streamId}' is no longer at version {expectedVersion}: someone else wrote to it first. Reload and retry.", inner)
{
    public string StreamId { get; } = streamId;
    public int ExpectedVersion { get; } = expectedVersion;
}
