using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Members;

/// <summary>
/// Admits members into a body (the importer's use case). All or nothing: every refused seat is reported with its
/// line in the errors list, and then none is stored.
/// </summary>
public static class AdmitMembers
{
    /// <returns>The number of seats added (identical re-imports add none).</returns>
    public static Task<int> Handle(ConcordDbContext db, IClock clock, string body, IReadOnlyList<(int Line, MemberAdmitted Seat)> admitted,
        WriteContext who, List<(int Line, Refusal Refusal)> errors, CancellationToken ct) =>
        WriteGate.Run(async () =>
        {
            var log = new EventStore(db);
            var streamId = StreamIds.Body(body);
            var stream = await log.ReadStream(streamId, ct);
            var state = Fold(body, stream);
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
            if (errors.Count > 0 || pending.Count == 0) return 0;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await log.Append(streamId, stream.Count, pending, new Recording(clock.GetCurrentInstant(), who.RecordedBy, who.IdempotencyKey), ct);
            MemberProjection.Add(db, pending.Select(p => (MemberAdmitted)p.Event));
            if (body == Body.Nato && state is not null)
                await Accessions.AccessionStream.ProjectOthers(db, state, Zones.BrusselsDate(clock.GetCurrentInstant()), null, ct);
            await log.Save(streamId, stream.Count, ct);
            await tx.CommitAsync(ct);
            return pending.Count;
        }, ct);

    internal static Body? Fold(string body, IEnumerable<StoredEvent> stream) =>
        stream.Aggregate((Body?)null, (s, row) => BodySeats.Evolve(s, body, (IMemberEvent)EventStore.Deserialize(row)));
}

/// <summary>Projects seats into the members read model.</summary>
public static class MemberProjection
{
    public static void Add(ConcordDbContext db, IEnumerable<MemberAdmitted> admitted) =>
        db.Members.AddRange(admitted.Select(a => new MemberRow
        {
            Body = a.Body, Code = a.Member.Value, Name = a.Name, Since = a.Since,
            Population = a.Population, Permanent = a.Permanent, Sources = a.Sources, Notes = a.Notes,
        }));
}
