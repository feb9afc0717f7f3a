using Concord.Domain;

namespace Concord.Features;

/// <summary>A use case's answer: the value, or the refusal that explains why not.</summary>
public readonly record struct Result<T>(T? Value, Refusal? Refusal)
{
    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Refusal refusal) => new(default, refusal);
}

/// <summary>
/// Who is writing and under which idempotency key. <paramref name="Reader"/> is the account whose rights and scope
/// the use case checks (own state, clearance); the host itself writes as <see cref="Access.Reader.System"/>.
/// </summary>
public sealed record WriteContext(string RecordedBy, RequestKey? IdempotencyKey = null, Access.Reader? Reader = null)
{
    public static readonly WriteContext System = new("system", null, Access.Reader.System);

    /// <summary>The account acting: <see cref="Access.Reader.System"/> when none was given (the host's own tools).</summary>
    public Access.Reader Actor => Reader ?? Access.Reader.System;

    /// <summary>A write by <paramref name="reader"/>, recorded under its account name.</summary>
    public static WriteContext By(Access.Reader reader, RequestKey? idempotencyKey = null) => new(reader.Actor, idempotencyKey, reader);
}

/// <summary>
/// An Idempotency-Key as a write carries it: <paramref name="Value"/>, the key as the account's own (the events are
/// stored under it), and <paramref name="Fingerprint"/>, the request it was sent with. One key, one request: the same
/// request again is answered with what it did, another request under the key is refused.
/// </summary>
public sealed record RequestKey(string Value, string Fingerprint);
