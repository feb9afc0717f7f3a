using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Members;

/// <summary>
/// Admits members into a body (the importer's use case). All or nothing: every refused seat is reported with its
/// line in the errors list, and then none is stored.
/// </summary>
public static class AdmitMembers
{
    /// <returns>The number of seats added (identical re-imports add none), or the refused seats by line.</returns>
    public static Task<(int Added, IReadOnlyList<(int Line, Refusal Refusal)> Errors)> Handle(
        ConcordDbContext db, IClock clock, string body, IReadOnlyList<(int Line, MemberAdmitted Seat)> admitted, WriteContext who, CancellationToken ct) =>
        EventStore.Serialized<(int, IReadOnlyList<(int, Refusal)>)>(async () =>
        {
            var log = new EventStore(db);
            var stream = await log.FetchForWriting(StreamIds.Body(body), rows => Fold(body, rows), ct);
            var state = stream.State;
            var errors = new List<(int, Refusal)>();
            var pending = new List<PendingEvent>();
            foreach (var (line, a) in admitted)
            {
                var decided = BodySeats.Decide(state, a);
                if (decided.Refusal is { } refusal) { errors.Add((line, refusal)); continue; }
                foreach (var e in decided.Events)
                {
                    state = BodySeats.Evolve(state, body, e);
                    pending.Add(new PendingEvent(e, Zones.StartOf(a.Since), Classification.Public));
                }
            }
            if (errors.Count > 0 || pending.Count == 0) return (0, errors);
            await log.Commit([stream.Append(pending)], new Recording(clock.GetCurrentInstant(), who.RecordedBy, who.IdempotencyKey), ct);
            return (pending.Count, errors);
        }, ct);

    /// <summary>A body's seats, folded from its stream with the domain's own Evolve.</summary>
    public static Body? Fold(string body, IEnumerable<StoredEvent> stream) =>
        stream.Aggregate((Body?)null, (s, row) => BodySeats.Evolve(s, body, (IMemberEvent)EventStore.Deserialize(row)));
}
