using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>A pledge is cancelled; what was outstanding is taken back.</summary>
public static class CancelPledge
{
    public static Task<Result<PledgeView>> Handle(ConcordDbContext db, IClock clock, string id, CancelRequest request, WriteContext who, CancellationToken ct) =>
        PledgeChanges.Record(db, clock, id, who, today =>
        {
            var on = Input.PastDate(request.On, "on", today);
            if (on.Refusal is { } o) return o;
            var reason = Input.Text(request.Reason, "reason", 2000);
            if (reason.Refusal is { } r) return r;
            var source = Input.Source(request.Source, "source", 500);
            if (source.Refusal is { } sr) return sr;
            return new Result<IPledgeCommand>(new CancelPledgeCommand(on.Value, reason.Value, source.Value), null);
        }, ct);
}
