using Concord.Domain.Decisions;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>The secretariat withdraws a decision.</summary>
public static class WithdrawDecision
{
    public sealed record Request(string? Reason = null, int? ExpectedVersion = null);

    public static async Task<Result<DecisionView>> Handle(ConcordDbContext db, IClock clock, DecisionId id, Request r, WriteContext who, CancellationToken ct)
    {
        var reason = Input.Text(r.Reason, "reason", 2000, required: true);
        if (reason.Refusal is { } refusal) return refusal;
        return await DecisionStream.Execute(db, clock, id, r.ExpectedVersion, who, clock.GetCurrentInstant(),
            (decision, _, _) => decision.Decide(new Domain.Decisions.WithdrawDecisionCommand(reason.Value!)), ct);
    }
}
