using System.Collections.Concurrent;
using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.EventLog;
using Concord.Features.Members;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
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
            var store = db.Database.GetConnectionString() ?? "";
            var stamp = LogHeads.StampOf(store);
            if (stamp is not null && Kept.TryGetValue((store, id.Value), out var kept) && kept.Stamp == stamp && now >= kept.At && now - kept.At < KeptFor)
                return kept.ViewFor(reader) is { } view ? view : DecisionStream.NoSuch(id);
            var current = await CurrentDecisions.Load(db, id, ct);
            if (current is null) return DecisionStream.NoSuch(id);
            var body = await BodyOf(db, current.State.Body, ct);
            var firstDeadline = current.State.IsUnderSilence ? await SilenceStarts.Of(db, id, ct) : null;
            var answer = new KeptDecision(stamp ?? 0, now, current, Visibility.View(Reader.System, current, body, now),
                Visibility.Redacted(current.State, now, current.Marking, firstDeadline));
            if (stamp is not null)
            {
                if (Kept.Count >= MaxKept) Kept.Clear();
                Kept[(store, id.Value)] = answer;
            }
            return answer.ViewFor(reader) is { } fresh ? fresh : DecisionStream.NoSuch(id);
        }
        var at = asOf.Value;
        var rows = await new EventStore(db).ReadStreamToFold(StreamIds.Decision(id), ct);
        if (Visibility.Of(reader, rows) == DecisionSight.Invisible) return DecisionStream.NoSuch(id);
        var facts = rows.Select(DecisionStream.ToFact).Where(f => f.Effective <= at).ToList();
        var state = Decision.Replay(facts);
        if (state is null) return Refusal.NotFound($"Decision '{id}' was not yet opened on {Zones.Brussels(at)}.");
        return Visibility.View(reader, rows, state, await BodyOf(db, state.Body, ct), at);
    }

    /// <summary>
    /// A decision as it stands, evaluated once for every reader: the whole view, and the redacted one. Kept under the log's
    /// stamp (<see cref="LogHeads"/>) for at most <see cref="KeptFor"/>, so a view is never older than a watcher's poll
    /// and says so: its AsOf is the instant it was evaluated.
    /// </summary>
    private sealed record KeptDecision(long Stamp, Instant At, CurrentDecision Current, DecisionView Whole, DecisionView Redacted)
    {
        public DecisionView? ViewFor(Reader reader) => Current.SightOf(reader) switch
        {
            DecisionSight.Full => Whole,
            DecisionSight.Redacted => Redacted,
            _ => null,
        };
    }

    /// <summary>How long a kept view answers: what depends on the clock (a silence deadline passing) moves on after that.</summary>
    public static readonly Duration KeptFor = Duration.FromSeconds(1);

    private const int MaxKept = 2_000;

    private static readonly ConcurrentDictionary<(string Store, string Id), KeptDecision> Kept = new();

    /// <summary>
    /// A body's seats for a read, kept under the log's stamp like a decision as it stands (<see cref="LogHeads"/>): the
    /// members read model changes only by a commit, which moves the stamp on this instance, or by another instance's,
    /// which the watcher's next poll sees. Without a watcher nothing is kept.
    /// </summary>
    internal static async Task<Body> BodyOf(ConcordDbContext db, string code, CancellationToken ct)
    {
        var store = db.Database.GetConnectionString() ?? "";
        var stamp = LogHeads.StampOf(store);
        if (stamp is not null && KeptBodies.TryGetValue((store, code), out var kept) && kept.Stamp == stamp) return kept.Body;
        var body = await Bodies.Load(db, code, ct) ?? new Body(code, code, []);
        if (stamp is not null)
        {
            if (KeptBodies.Count >= MaxKept) KeptBodies.Clear();
            KeptBodies[(store, code)] = (stamp.Value, body);
        }
        return body;
    }

    private static readonly ConcurrentDictionary<(string Store, string Code), (long Stamp, Body Body)> KeptBodies = new();
}
