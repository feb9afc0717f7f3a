using Concord.Domain;

namespace Concord.Features;

/// <summary>A use case's answer: the value, or the refusal that explains why not.</summary>
public readonly record struct Result<T>(T? Value, Refusal? Refusal)
{
    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Refusal refusal) => new(default, refusal);
}

/// <summary>Who is writing and under which idempotency key.</summary>
public sealed record WriteContext(string RecordedBy, string? IdempotencyKey = null)
{
    public static readonly WriteContext System = new("system");
}
