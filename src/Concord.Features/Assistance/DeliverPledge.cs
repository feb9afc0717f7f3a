using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>A delivery of some or all of a pledge's items, on its own date.</summary>
public static class DeliverPledge
{
    public static async Task<Result<PledgeView>> Handle(ConcordDbContext db, IClock clock, string id, DeliveryRequest request, WriteContext who, CancellationToken ct)
    {
        // The change is built by a step that cannot query the store, so the registered ids the source cites are read
        // first; the field is still refused in its turn, after the pledge is found and the writer may change it.
        var source = Input.Source(request.Source, "source", 500);
        var book = await Sources.SourceBook.For(db, [source.Value], ct);
        return await PledgeChanges.Record(db, clock, id, who, today =>
        {
            var when = Input.Window(request.On, request.DateQualifier, "on", "dateQualifier");
            if (when.Refusal is { } o) return o;
            if (when.Value!.Latest is not { } placed || placed > today)
                return Refusal.Unprocessable($"A delivery {when.Value} may not have happened yet; Concord records what has happened.", "on");
            var extent = request.Extent is null ? new Result<DeliveryExtent>(DeliveryExtent.Items, null) : Input.Enum<DeliveryExtent>(request.Extent, "extent");
            if (extent.Refusal is { } x) return x;
            if (extent.Value != DeliveryExtent.Items && request.Items is { Count: > 0 })
                return Refusal.Invalid("items", $"A delivery of extent '{Words.Of(extent.Value)}' lists no items: what arrived is {(extent.Value == DeliveryExtent.Some ? "part of the pledge, in a number no source stated" : "everything still outstanding")}.");
            var items = PledgeInput.Items(request.Items, "items", required: extent.Value == DeliveryExtent.Items);
            if (items.Refusal is { } i) return i;
            var value = PledgeInput.Money(request.Value, placed, "value", today);
            if (value.Refusal is { } v) return v;
            var basis = PledgeInput.Basis(request.Basis);
            if (basis.Refusal is { } b) return b;
            if (source.Refusal is { } sr) return sr;
            var note = Input.Text(request.Note, "note", 2000);
            if (note.Refusal is { } nr) return nr;
            if (book.Check(source.Value) is { } uncited) return uncited;
            return new Result<IPledgeCommand>(new RecordDeliveryCommand(placed, items.Value ?? [], value.Value, source.Value, basis.Value, note.Value,
                when.Value.IsExact ? null : when.Value, extent.Value), null);
        }, ct);
    }
}
