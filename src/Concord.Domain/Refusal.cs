namespace Concord.Domain;

/// <summary>Why a command was refused; decides the HTTP status of the problem.</summary>
public enum RefusalKind
{
    /// <summary>The input itself is malformed (400).</summary>
    Invalid,
    /// <summary>Something named does not exist (404).</summary>
    NotFound,
    /// <summary>Well-formed but against a rule of the domain (422), e.g. a state that is not a member on that date.</summary>
    Unprocessable,
    /// <summary>Conflicts with the current state (409), e.g. a position after the decision concluded.</summary>
    Conflict,
    /// <summary>The actor may not do this (403), e.g. a delegation stating another state's position.</summary>
    Forbidden,
    /// <summary>
    /// Not a refusal: the write was committed, but the view that answers it could not be built (202). A write's answer
    /// must say what happened; "failed, nothing was changed" after a commit would make the client send it again.
    /// </summary>
    Recorded,
}

/// <summary>A business refusal, returned as a value: a reason a person can act on, and the field at fault if any.</summary>
public sealed record Refusal(RefusalKind Kind, string Reason, string? Field = null)
{
    public static Refusal Invalid(string field, string reason) => new(RefusalKind.Invalid, reason, field);
    public static Refusal NotFound(string reason) => new(RefusalKind.NotFound, reason);
    public static Refusal Unprocessable(string reason, string? field = null) => new(RefusalKind.Unprocessable, reason, field);
    public static Refusal Conflict(string reason) => new(RefusalKind.Conflict, reason);
    public static Refusal Forbidden(string reason, string? field = null) => new(RefusalKind.Forbidden, reason, field);
    public static Refusal Recorded(string reason) => new(RefusalKind.Recorded, reason);
}

/// <summary>Either the events a command produces or the refusal.</summary>
public readonly record struct Decided<TEvent>(IReadOnlyList<TEvent> Events, Refusal? Refusal)
{
    public static implicit operator Decided<TEvent>(Refusal refusal) => new([], refusal);
    public static Decided<TEvent> Accept(params TEvent[] events) => new(events, null);
    public bool IsRefused => Refusal is not null;
}
