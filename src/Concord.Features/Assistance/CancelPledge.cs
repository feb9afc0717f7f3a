using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>A pledge is cancelled; what was outstanding is taken back.</summary>
public static class CancelPledge
{
    public static async Task<Result<PledgeView>> Handle(ConcordDbContext db, IClock clock, string id, CancelRequest request, WriteContext who, CancellationToken ct)
    {
        // The change is built by a step that cannot query the store, so the registered ids the source cites are read
        // first; the field is still refused in its turn, after the pledge is found and the writer may change it.
        var source = Input.Source(request.Source, "source", 500);
        var book = await Sources.SourceBook.For(db, [source.Value], ct);
        return await PledgeChanges.Record(db, clock, id, who, today =>
        {
            var on = Input.PastDate(request.On, "on", today);
            if (on.Refusal is { } o) return o;
            var reason = Input.Text(request.Reason, "reason", 2000);
            if (reason.Refusal is { } r) return r;
            if (source.Refusal is { } sr) return sr;
            if (book.Check(source.Value) is { } uncited) return uncited;
            return new Result<IPledgeCommand>(new CancelPledgeCommand(on.Value, reason.Value, source.Value), null);
        }, ct);
    }
}
