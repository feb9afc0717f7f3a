using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.EventLog;
using Concord.Features.Members;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>
/// One decision, now or as of any instant, shown as the reader may see it (<see cref="Visibility"/>): unknown, redacted
/// or whole. Now is read from the read model; as of an instant, the stream is folded up to it with the same Evolve
/// as writes use.
/// </summary>
public static class GetDecision
{
    public static async Task<Result<DecisionView>> Handle(ConcordDbContext db, IClock clock, DecisionId id, Instant? asOf, Reader reader, CancellationToken ct)
    {
        if (asOf is null)
        {
            var now = clock.GetCurrentInstant();
            var current = await CurrentDecisions.Load(db, id, ct);
            if (current is null || current.SightOf(reader) == DecisionSight.Invisible) return DecisionStream.NoSuch(id);
            return Visibility.View(reader, current, await BodyOf(db, current.State.Body, ct), now);
        }
        var at = asOf.Value;
        var rows = await new EventStore(db).ReadStream(StreamIds.Decision(id), ct);
        if (Visibility.Of(reader, rows) == DecisionSight.Invisible) return DecisionStream.NoSuch(id);
        var facts = rows.Select(DecisionStream.ToFact).Where(f => f.Effective <= at).ToList();
        var state = Decision.Replay(facts);
        if (state is null) return Refusal.NotFound($"Decision '{id}' was not yet opened on {Zones.Brussels(at)}.");
        return Visibility.View(reader, rows, state, await BodyOf(db, state.Body, ct), at);
    }

    internal static async Task<Body> BodyOf(ConcordDbContext db, string code, CancellationToken ct) =>
        await Bodies.Load(db, code, ct) ?? new Body(code, code, []);
}
