using Concord.Domain;
using Concord.Domain.Decisions;
using NodaTime;
using Concord.Features.Storage;

namespace Concord.Features.Decisions;

/// <summary>A delegation states its country's position on a decision (or the secretariat records it).</summary>
public static class RecordPosition
{
    /// <param name="Effective">When the position was taken; now when absent.</param>
    /// <param name="ExpectedVersion">The decision version the client last saw; a stale one is a 409.</param>
    /// <param name="Classification">The position's marking ("NATO RESTRICTED REL UKR"); the decision's when absent, never lower.</param>
    public sealed record Request(
        string? Member = null, string? Kind = null, string? Condition = null, string? Source = null, string? Confidence = null, string? Note = null,
        string? Effective = null, int? ExpectedVersion = null, string? Classification = null);

    /// <summary>
    /// Records the position. Refused (403) when the writer does not speak for the member; answered as unknown when it
    /// may not see the decision; refused (422) when marked below the decision.
    /// </summary>
    public static async Task<Result<DecisionView>> Handle(ConcordDbContext db, IClock clock, DecisionId id, Request r, WriteContext who, CancellationToken ct)
    {
        var parsed = Parse(r, clock.GetCurrentInstant());
        if (parsed.Refusal is { } refusal) return refusal;
        var marking = DecisionMarkings.Parse(r.Classification, "classification");
        if (marking.Refusal is { } m) return m;
        var command = parsed.Value!;
        if (await Sources.SourceBook.Check(db, command.Source, "source", ct) is { } uncited) return uncited;
        return await DecisionStream.Execute(db, clock, id, r.ExpectedVersion, who, command.Effective,
            (decision, body, now) => PositionScope.Refuse(who.Actor, command.Member, body) is { } outOfScope ? outOfScope : decision.Decide(command, body, now),
            ct, marking.Value, body => PositionScope.Refuse(who.Actor, command.Member, body));
    }

    private static Result<Domain.Decisions.RecordPositionCommand> Parse(Request r, Instant now)
    {
        var member = Input.Member(r.Member, "member");
        if (member.Refusal is { } m) return m;
        var kind = Input.Enum<PositionKind>(r.Kind, "kind");
        if (kind.Refusal is { } k) return k;
        var condition = Input.Text(r.Condition, "condition", 2000);
        if (condition.Refusal is { } c) return c;
        var source = Input.Source(r.Source, "source", 2000);
        if (source.Refusal is { } s) return s;
        var confidence = Input.Confidence(r.Confidence);
        if (confidence.Refusal is { } cf) return cf;
        var note = Input.Text(r.Note, "note", 2000);
        if (note.Refusal is { } n) return n;
        var effective = r.Effective is null ? new Result<Instant>(now, null) : Input.Instant(r.Effective, "effective");
        if (effective.Refusal is { } e) return e;
        return new Domain.Decisions.RecordPositionCommand(member.Value, kind.Value, condition.Value, source.Value, confidence.Value, note.Value, effective.Value);
    }
}
