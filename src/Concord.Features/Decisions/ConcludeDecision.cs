using Concord.Domain.Decisions;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>The secretariat closes a decision with the outcome its rule gives now (adopted, or lapsed without consensus).</summary>
public static class ConcludeDecision
{
    public static Task<Result<DecisionView>> Handle(ConcordDbContext db, IClock clock, DecisionId id, int? expectedVersion, WriteContext who, CancellationToken ct) =>
        DecisionStream.Execute(db, clock, id, expectedVersion, who, clock.GetCurrentInstant(),
            (decision, body, now) => decision.Decide(new Domain.Decisions.ConcludeDecisionCommand(), body.EligibleOn(Domain.Zones.BrusselsDate(now)), now), ct);
}
