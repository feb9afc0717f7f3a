using Concord.Domain.Decisions;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>The secretariat puts a draft under silence, or re-issues it under a new deadline after silence was broken.</summary>
public static class PutUnderSilence
{
    public sealed record Request(string? Deadline = null, int? ExpectedVersion = null);

    public static async Task<Result<DecisionView>> Handle(ConcordDbContext db, IClock clock, DecisionId id, Request r, WriteContext who, CancellationToken ct)
    {
        var deadline = Input.Instant(r.Deadline, "deadline");
        if (deadline.Refusal is { } refusal) return refusal;
        var now = clock.GetCurrentInstant();
        return await DecisionStream.Execute(db, clock, id, r.ExpectedVersion, who, now,
            (decision, _, at) => decision.Decide(new Domain.Decisions.PutUnderSilenceCommand(deadline.Value), at), ct);
    }
}

/// <summary>The secretariat closes a decision with the outcome its rule gives now (adopted, or lapsed without consensus).</summary>
public static class ConcludeDecision
{
    public static Task<Result<DecisionView>> Handle(ConcordDbContext db, IClock clock, DecisionId id, int? expectedVersion, WriteContext who, CancellationToken ct) =>
        DecisionStream.Execute(db, clock, id, expectedVersion, who, clock.GetCurrentInstant(),
            (decision, body, now) => decision.Decide(new Domain.Decisions.ConcludeDecisionCommand(), body.EligibleOn(Domain.Zones.BrusselsDate(now)), now), ct);
}

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
