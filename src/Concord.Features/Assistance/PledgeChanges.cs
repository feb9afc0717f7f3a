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
/// What every change to a pledge shares: who may record it, and the one way it is decided and committed. A pledge and
/// what becomes of it (its announcement, moves up the ladder, deliveries, amendments, its cancellation) are each a new
/// PUBLIC event in the stream "pledge-&lt;id&gt;" dated when it happened (history may be
/// entered late). The secretariat records any pledge; a delegation only its own state's pledges as donor (403
/// otherwise). A refused request stores nothing. Each answers with the pledge as it now stands.
/// </summary>
public static class PledgeChanges
{
    /// <summary>
    /// Null when <paramref name="actor"/> may record pledges of <paramref name="donor"/>: the host, the secretariat,
    /// or the donor's own delegation.
    /// </summary>
    public static Refusal? Scope(Reader actor, MemberCode donor) => Scope(actor, [donor]);

    /// <summary>
    /// Null when <paramref name="actor"/> may record a pledge of <paramref name="donors"/> (a joint pledge names several):
    /// the host, the secretariat, or the delegation of one of them.
    /// </summary>
    public static Refusal? Scope(Reader actor, IReadOnlyList<MemberCode> donors)
    {
        if (ReferenceEquals(actor, Reader.System) || actor.Has(Role.Secretariat) || donors.Any(actor.SpeaksFor)) return null;
        var named = string.Join(" and ", donors.Select(d => d.Value));
        var whose = donors.Count == 1 ? $"{named}'s" : $"{named}'s joint";
        return actor.Has(Role.Delegation) && actor.Nationality is { } own
            ? Refusal.Forbidden($"The delegation of {own} records only pledges {own} is a donor of, not {whose}.", "donor")
            : Refusal.Forbidden($"Only the delegation of a donor ({named}) or the secretariat records {whose} pledges.", "donor");
    }

    internal static Task<Result<PledgeView>> Record(ConcordDbContext db, IClock clock, string id, WriteContext who, Func<LocalDate, Result<IPledgeCommand>> build, CancellationToken ct) =>
        EventStore.Serialized<Result<PledgeView>>(async () =>
        {
            var pledgeId = new PledgeId(id.Trim());
            var stream = await new EventStore(db).FetchForWriting(StreamIds.Pledge(pledgeId), Facts, ct);
            if (Pledge.Replay(stream.State) is not { } state) return NoSuch(id);
            if (Scope(who.Actor, state.Donors) is { } forbidden) return forbidden;
            var command = build(Zones.BrusselsDate(clock.GetCurrentInstant()));
            if (command.Refusal is { } r) return r;
            return await Commit(db, clock, stream, Pledge.Decide(stream.State, command.Value!), who, ct);
        }, ct);

    public static Refusal NoSuch(string id) => Refusal.NotFound($"There is no pledge '{id}'. Pledges are named by donor and key, e.g. DEU-iris-t-slm-2022-06.");

    internal static IReadOnlyList<Fact<IPledgeEvent>> Facts(IReadOnlyList<StoredEvent> rows) => [.. rows.Select(PledgeStream.ToFact)];

    internal static async Task<Result<PledgeView>> Commit(ConcordDbContext db, IClock clock, Fetched<IReadOnlyList<Fact<IPledgeEvent>>> stream,
        Decided<IPledgeEvent> decided, WriteContext who, CancellationToken ct)
    {
        if (decided.Refusal is { } refusal) return refusal;
        var pending = decided.Events.Select(e => new PendingEvent(e, Pledge.EffectiveOf(e), Classification.Public)).ToList();
        await new EventStore(db).Commit([stream.Append(pending)], new Recording(clock.GetCurrentInstant(), who.RecordedBy, who.IdempotencyKey), ct);
        var id = stream.StreamId[StreamIds.PledgePrefix.Length..];
        return await Answered.AfterCommit(() => GetPledge.Handle(db, clock, id, null, ct), $"The change to pledge '{id}'");
    }
}
