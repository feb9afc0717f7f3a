using Concord.Domain.Decisions;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>
/// The secretariat releases an outcome statement ("No consensus.") for readers not cleared for every position: the
/// words they are shown instead of the tally, the blockers and what it would take. It is stored under the decision's
/// marking, effective now; a later release replaces it.
/// </summary>
public static class ReleaseOutcome
{
    public sealed record Request(string? Statement = null, int? ExpectedVersion = null);

    public static async Task<Result<DecisionView>> Handle(ConcordDbContext db, IClock clock, DecisionId id, Request r, WriteContext who, CancellationToken ct)
    {
        var statement = Input.Text(r.Statement, "statement", 2000, required: true);
        if (statement.Refusal is { } refusal) return refusal;
        return await DecisionStream.Execute(db, clock, id, r.ExpectedVersion, who, clock.GetCurrentInstant(),
            (decision, _, _) => decision.Decide(new ReleaseOutcomeCommand(statement.Value!)), ct);
    }
}
