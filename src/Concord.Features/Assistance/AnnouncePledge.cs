using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Accounts;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>
/// A pledge is announced, in a new stream "pledge-&lt;id&gt;" (the id made from the donor, the first item and the date
/// when none is given). The secretariat records any pledge; a delegation only its own state's as donor (403 otherwise).
/// </summary>
public static class AnnouncePledge
{
    public static async Task<Result<PledgeView>> Handle(ConcordDbContext db, IClock clock, AnnounceRequest request, WriteContext who, CancellationToken ct)
    {
        var today = Zones.BrusselsDate(clock.GetCurrentInstant());
        var donor = Input.Member(request.Donor, "donor");
        if (donor.Refusal is { } dr) return dr;
        if (!Importing.Donors.IsRecognised(donor.Value))
            return Refusal.Invalid("donor", $"'{donor.Value}' is not a recognised state (ISO 3166-1 alpha-3), nor EUU for the EU institutions.");
        var partners = PledgeInput.CoDonors(request.CoDonors);
        if (partners.Refusal is { } pr0) return pr0;
        if (PledgeChanges.Scope(who.Actor, [donor.Value, .. partners.Value ?? []]) is { } forbidden) return forbidden;
        var recipient = Input.Member(request.Recipient, "recipient");
        if (recipient.Refusal is { } rr) return rr;
        if (!Nationalities.IsKnown(recipient.Value)) return Refusal.Invalid("recipient", $"'{recipient.Value}' is not a recognised state (ISO 3166-1 alpha-3).");
        var announced = Input.PastDate(request.Announced, "announced", today);
        if (announced.Refusal is { } ar) return ar;
        var category = PledgeInput.Category(request.Category);
        if (category.Refusal is { } cr) return cr;
        var hidden = PledgeInput.Undisclosed(request.Items, "items");
        if (hidden.Refusal is { } hr) return hr;
        var items = PledgeInput.Items(request.Items, "items", required: hidden.Value is null, undisclosedAllowed: true);
        if (items.Refusal is { } ir) return ir;
        var value = PledgeInput.Money(request.Value, announced.Value, "value", today);
        if (value.Refusal is { } vr) return vr;
        var period = PledgeInput.PromisedPeriod(request.PromisedBy, "promisedBy", today);
        if (period.Refusal is { } ppr) return ppr;
        var promised = period.Value is null ? PledgeInput.OptionalDate(request.PromisedBy, "promisedBy", today) : new Result<LocalDate?>(period.Value.Value.Latest, null);
        if (promised.Refusal is { } pr) return pr;
        var basis = PledgeInput.Basis(request.Basis);
        if (basis.Refusal is { } br) return br;
        var source = Input.Source(request.Source, "source", 500);
        if (source.Refusal is { } sr) return sr;
        var note = Input.Text(request.Note, "note", 2000);
        if (note.Refusal is { } nr) return nr;
        if (await Sources.SourceBook.Check(db, source.Value, "source", ct) is { } uncited) return uncited;
        return await EventStore.Serialized<Result<PledgeView>>(async () =>
        {
            PledgeId id;
            if (request.Id is not null)
            {
                var given = PledgeInput.Id(request.Id, donor.Value);
                if (given.Refusal is { } idr) return idr;
                id = given.Value;
            }
            else
            {
                var stem = PledgeInput.MakeId(donor.Value, items.Value is { Count: > 0 } known ? known[0].Item : hidden.Value![0].Item, announced.Value);
                id = new PledgeId(stem);
                for (var n = 2; (await PledgeStream.Rows(db, id, ct)).Count > 0; n++) id = new PledgeId($"{stem}-{n}");
            }
            var command = new AnnouncePledgeCommand(id, donor.Value, recipient.Value, announced.Value, category.Value, items.Value ?? [], value.Value,
                promised.Value, source.Value, basis.Value, note.Value, partners.Value, hidden.Value, Promised: period.Value);
            var stream = await new EventStore(db).FetchForWriting(StreamIds.Pledge(id), PledgeChanges.Facts, ct);
            return await PledgeChanges.Commit(db, clock, stream, Pledge.Announce(stream.State, command), who, ct);
        }, ct);
    }
}
