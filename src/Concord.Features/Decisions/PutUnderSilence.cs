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
        var now = clock.GetCurrentInstant();
        var deadline = Input.AheadInstant(r.Deadline, "deadline", now);
        if (deadline.Refusal is { } refusal) return refusal;
        return await DecisionStream.Execute(db, clock, id, r.ExpectedVersion, who, now,
            (decision, _, at) => decision.Decide(new Domain.Decisions.PutUnderSilenceCommand(deadline.Value), at), ct);
    }
}
