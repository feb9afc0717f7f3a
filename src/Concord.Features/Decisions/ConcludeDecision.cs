using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Rules;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>
/// The secretariat closes a decision: with the outcome its rule gives now (adopted, or lapsed without consensus), or,
/// given an <c>outcome</c>, with the outcome a source records on the day the decision ended (a summit that closed without
/// consensus), which Concord checks against the positions standing that day.
/// </summary>
public static class ConcludeDecision
{
    /// <param name="Outcome">adopted or lapsed, as the source records it; absent: the outcome the rule gives now.</param>
    /// <param name="Concluded">The day (or instant) it ended; now when absent. Only with an outcome.</param>
    /// <param name="Source">Where the recorded outcome is known from; required with an outcome.</param>
    public sealed record Request(int? ExpectedVersion = null, string? Outcome = null, string? Concluded = null, string? Source = null, string? Note = null);

    public static Task<Result<DecisionView>> Handle(ConcordDbContext db, IClock clock, DecisionId id, int? expectedVersion, WriteContext who, CancellationToken ct) =>
        Handle(db, clock, id, new Request(expectedVersion), who, ct);

    public static async Task<Result<DecisionView>> Handle(ConcordDbContext db, IClock clock, DecisionId id, Request request, WriteContext who, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        if (request is { Outcome: null, Concluded: null, Source: null, Note: null })
            return await DecisionStream.Execute(db, clock, id, request.ExpectedVersion, who, now,
                (decision, body, at) => decision.Decide(new ConcludeDecisionCommand(), body.EligibleOn(Zones.BrusselsDate(at)), at), ct);
        var parsed = Parse(request, now);
        if (parsed.Refusal is { } refusal) return refusal;
        var command = parsed.Value!;
        if (await Sources.SourceBook.Check(db, command.Source, "source", ct) is { } uncited) return uncited;
        return await DecisionStream.Execute(db, clock, id, request.ExpectedVersion, who, command.Concluded,
            (decision, body, at) => decision.Decide(command, body, at), ct);
    }

    /// <summary>Reads a recorded conclusion: its outcome (adopted or lapsed), its day, its source and note.</summary>
    /// <remarks>Each field given is read before a missing one is asked for, so that a bad value is named as itself.</remarks>
    public static Result<RecordConclusionCommand> Parse(Request r, Instant now)
    {
        var concluded = r.Concluded is null ? new Result<Instant>(now, null) : Input.Instant(r.Concluded, "concluded");
        if (concluded.Refusal is { } c) return c;
        if (concluded.Value > now) return Refusal.Unprocessable("A decision cannot conclude in the future.", "concluded");
        var source = Input.Source(r.Source, "source", 2000);
        if (source.Refusal is { } s) return s;
        var note = Input.Text(r.Note, "note", 2000);
        if (note.Refusal is { } n) return n;
        if (r.Outcome is null)
            return Refusal.Invalid("outcome", "'outcome' (adopted or lapsed) is required with 'concluded', 'source' or 'note': they record an outcome a source gives.");
        var outcome = Input.Enum<Outcome>(r.Outcome, "outcome");
        if (outcome.Refusal is { } o) return o;
        if (outcome.Value is not (Outcome.Adopted or Outcome.Lapsed))
            return Refusal.Invalid("outcome", $"'outcome' must be adopted or lapsed; got '{Words.Of(outcome.Value)}'.");
        if (source.Value is null) return Refusal.Invalid("source", "'source' is required with an outcome: where the outcome is known from.");
        return new RecordConclusionCommand(outcome.Value, concluded.Value, source.Value, note.Value);
    }
}
