using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>
/// Records a pledge and what becomes of it: its announcement, moves up the ladder, deliveries, amendments and its
/// cancellation, each a new PUBLIC event in the stream "pledge-&lt;id&gt;" dated when it happened (history may be
/// entered late). The secretariat records any pledge; a delegation only its own state's pledges as donor (403
/// otherwise). A refused request stores nothing. Each answers with the pledge as it now stands.
/// </summary>
public static class RecordPledge
{
    public static async Task<Result<PledgeView>> Announce(ConcordDbContext db, IClock clock, AnnounceRequest request, WriteContext who, CancellationToken ct)
    {
        var today = Zones.BrusselsDate(clock.GetCurrentInstant());
        var donor = Input.Member(request.Donor, "donor");
        if (donor.Refusal is { } dr) return dr;
        if (!Importing.Donors.IsRecognised(donor.Value))
            return Refusal.Invalid("donor", $"'{donor.Value}' is not a recognised state (ISO 3166-1 alpha-3), nor EUU for the EU institutions.");
        if (Scope(who.Actor, donor.Value) is { } forbidden) return forbidden;
        var recipient = Input.Member(request.Recipient, "recipient");
        if (recipient.Refusal is { } rr) return rr;
        if (!Nationalities.IsKnown(recipient.Value)) return Refusal.Invalid("recipient", $"'{recipient.Value}' is not a recognised state (ISO 3166-1 alpha-3).");
        var announced = PledgeInput.PastDate(request.Announced, "announced", today);
        if (announced.Refusal is { } ar) return ar;
        var category = PledgeInput.Category(request.Category);
        if (category.Refusal is { } cr) return cr;
        var items = PledgeInput.Items(request.Items, "items", required: true);
        if (items.Refusal is { } ir) return ir;
        var value = PledgeInput.Money(request.Value, announced.Value, "value");
        if (value.Refusal is { } vr) return vr;
        var promised = PledgeInput.OptionalDate(request.PromisedBy, "promisedBy");
        if (promised.Refusal is { } pr) return pr;
        var basis = PledgeInput.Basis(request.Basis);
        if (basis.Refusal is { } br) return br;
        var source = Input.Text(request.Source, "source", 500);
        if (source.Refusal is { } sr) return sr;
        var note = Input.Text(request.Note, "note", 2000);
        if (note.Refusal is { } nr) return nr;
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
                var stem = PledgeInput.MakeId(donor.Value, items.Value![0].Item, announced.Value);
                id = new PledgeId(stem);
                for (var n = 2; (await PledgeStream.Rows(db, id, ct)).Count > 0; n++) id = new PledgeId($"{stem}-{n}");
            }
            var e = new PledgeAnnounced(id, donor.Value, recipient.Value, announced.Value, category.Value, items.Value!, value.Value, promised.Value,
                source.Value, basis.Value, note.Value);
            var stream = await new EventStore(db).FetchForWriting(StreamIds.Pledge(id), Facts, ct);
            return await Commit(db, clock, stream, Pledge.Announce(stream.State, e), who, ct);
        }, ct);
    }

    public static Task<Result<PledgeView>> Advance(ConcordDbContext db, IClock clock, string id, AdvanceRequest request, WriteContext who, CancellationToken ct) =>
        Record(db, clock, id, who, today =>
        {
            var status = Input.Enum<PledgeStatus>(request.Status, "status");
            if (status.Refusal is { } s) return s;
            var on = PledgeInput.PastDate(request.On, "on", today);
            if (on.Refusal is { } o) return o;
            var source = Input.Text(request.Source, "source", 500);
            if (source.Refusal is { } sr) return sr;
            var note = Input.Text(request.Note, "note", 2000);
            if (note.Refusal is { } nr) return nr;
            return new Result<IPledgeEvent>(new PledgeAdvanced(status.Value, on.Value, source.Value, note.Value), null);
        }, ct);

    public static Task<Result<PledgeView>> Deliver(ConcordDbContext db, IClock clock, string id, DeliveryRequest request, WriteContext who, CancellationToken ct) =>
        Record(db, clock, id, who, today =>
        {
            var on = PledgeInput.PastDate(request.On, "on", today);
            if (on.Refusal is { } o) return o;
            var items = PledgeInput.Items(request.Items, "items", required: true);
            if (items.Refusal is { } i) return i;
            var value = PledgeInput.Money(request.Value, on.Value, "value");
            if (value.Refusal is { } v) return v;
            var basis = PledgeInput.Basis(request.Basis);
            if (basis.Refusal is { } b) return b;
            var source = Input.Text(request.Source, "source", 500);
            if (source.Refusal is { } sr) return sr;
            var note = Input.Text(request.Note, "note", 2000);
            if (note.Refusal is { } nr) return nr;
            return new Result<IPledgeEvent>(new DeliveryRecorded(on.Value, items.Value!, value.Value, source.Value, basis.Value, note.Value), null);
        }, ct);

    public static Task<Result<PledgeView>> Amend(ConcordDbContext db, IClock clock, string id, AmendRequest request, WriteContext who, CancellationToken ct) =>
        Record(db, clock, id, who, today =>
        {
            var on = PledgeInput.PastDate(request.On, "on", today);
            if (on.Refusal is { } o) return o;
            var items = PledgeInput.Items(request.Items, "items", required: false);
            if (items.Refusal is { } i) return i;
            var value = PledgeInput.Money(request.Value, on.Value, "value");
            if (value.Refusal is { } v) return v;
            var promised = PledgeInput.OptionalDate(request.PromisedBy, "promisedBy");
            if (promised.Refusal is { } p) return p;
            var source = Input.Text(request.Source, "source", 500);
            if (source.Refusal is { } sr) return sr;
            var note = Input.Text(request.Note, "note", 2000);
            if (note.Refusal is { } nr) return nr;
            return new Result<IPledgeEvent>(new PledgeAmended(on.Value, items.Value, value.Value, promised.Value, source.Value, note.Value), null);
        }, ct);

    public static Task<Result<PledgeView>> Cancel(ConcordDbContext db, IClock clock, string id, CancelRequest request, WriteContext who, CancellationToken ct) =>
        Record(db, clock, id, who, today =>
        {
            var on = PledgeInput.PastDate(request.On, "on", today);
            if (on.Refusal is { } o) return o;
            var reason = Input.Text(request.Reason, "reason", 2000);
            if (reason.Refusal is { } r) return r;
            var source = Input.Text(request.Source, "source", 500);
            if (source.Refusal is { } sr) return sr;
            return new Result<IPledgeEvent>(new PledgeCancelled(on.Value, reason.Value, source.Value), null);
        }, ct);

    /// <summary>
    /// Null when <paramref name="actor"/> may record pledges of <paramref name="donor"/>: the host, the secretariat,
    /// or the donor's own delegation.
    /// </summary>
    public static Refusal? Scope(Reader actor, MemberCode donor)
    {
        if (ReferenceEquals(actor, Reader.System) || actor.Has(Role.Secretariat) || actor.SpeaksFor(donor)) return null;
        return actor.Has(Role.Delegation) && actor.Nationality is { } own
            ? Refusal.Forbidden($"The delegation of {own} records only {own}'s own pledges, not {donor}'s.", "donor")
            : Refusal.Forbidden($"Only {donor}'s delegation or the secretariat records {donor}'s pledges.", "donor");
    }

    private static Task<Result<PledgeView>> Record(ConcordDbContext db, IClock clock, string id, WriteContext who, Func<LocalDate, Result<IPledgeEvent>> build, CancellationToken ct) =>
        EventStore.Serialized<Result<PledgeView>>(async () =>
        {
            var pledgeId = new PledgeId(id.Trim());
            var stream = await new EventStore(db).FetchForWriting(StreamIds.Pledge(pledgeId), Facts, ct);
            if (Pledge.Replay(stream.State) is not { } state) return NoSuch(id);
            if (Scope(who.Actor, state.Donor) is { } forbidden) return forbidden;
            var e = build(Zones.BrusselsDate(clock.GetCurrentInstant()));
            if (e.Refusal is { } r) return r;
            return await Commit(db, clock, stream, Pledge.Decide(stream.State, e.Value!), who, ct);
        }, ct);

    public static Refusal NoSuch(string id) => Refusal.NotFound($"There is no pledge '{id}'. Pledges are named by donor and key, e.g. DEU-iris-t-slm-2022-06.");

    private static IReadOnlyList<Fact<IPledgeEvent>> Facts(IReadOnlyList<StoredEvent> rows) => [.. rows.Select(PledgeStream.ToFact)];

    private static async Task<Result<PledgeView>> Commit(ConcordDbContext db, IClock clock, Fetched<IReadOnlyList<Fact<IPledgeEvent>>> stream,
        Decided<IPledgeEvent> decided, WriteContext who, CancellationToken ct)
    {
        if (decided.Refusal is { } refusal) return refusal;
        var pending = decided.Events.Select(e => new PendingEvent(e, Pledge.EffectiveOf(e), Classification.Public)).ToList();
        await new EventStore(db).Commit([stream.Append(pending)], new Recording(clock.GetCurrentInstant(), who.RecordedBy, who.IdempotencyKey), ct);
        return await GetPledge.Handle(db, clock, stream.StreamId[StreamIds.PledgePrefix.Length..], null, ct);
    }
}
