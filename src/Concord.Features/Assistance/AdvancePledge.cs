using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>A pledge moves up the ladder (committed, allocated, contracted, in transit, delivered) on a date.</summary>
public static class AdvancePledge
{
    public static async Task<Result<PledgeView>> Handle(ConcordDbContext db, IClock clock, string id, AdvanceRequest request, WriteContext who, CancellationToken ct)
    {
        // The change is built by a step that cannot query the store, so the registered ids the source cites are read
        // first; the field is still refused in its turn, after the pledge is found and the writer may change it.
        var source = Input.Source(request.Source, "source", 500);
        var book = await Sources.SourceBook.For(db, [source.Value], ct);
        return await PledgeChanges.Record(db, clock, id, who, today =>
        {
            var status = Input.Enum<PledgeStatus>(request.Status, "status");
            if (status.Refusal is { } s) return s;
            var on = Input.PastDate(request.On, "on", today);
            if (on.Refusal is { } o) return o;
            if (source.Refusal is { } sr) return sr;
            var note = Input.Text(request.Note, "note", 2000);
            if (note.Refusal is { } nr) return nr;
            if (book.Check(source.Value) is { } uncited) return uncited;
            return new Result<IPledgeCommand>(new AdvancePledgeCommand(status.Value, on.Value, source.Value, note.Value), null);
        }, ct);
    }
}
