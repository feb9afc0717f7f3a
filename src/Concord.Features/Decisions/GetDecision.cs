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
/// as writes use. Read as known on a day (docs/known-on.md), only what had been published by then counts.
/// </summary>
public static class GetDecision
{
    /// <param name="knownOn">
    /// Read the decision as it was known on that day: a position from when its sources were published (a claim, a report
    /// dated by its source) or from its own day, its note and sources only when published by then; the opening, the
    /// silence procedure and the conclusion from their own day. Null, or today and later, reads everything recorded.
    /// </param>
    public static async Task<Result<DecisionView>> Handle(ConcordDbContext db, IClock clock, DecisionId id, Instant? asOf, Reader reader, CancellationToken ct,
        LocalDate? knownOn = null)
    {
        if (knownOn is { } k && k >= Zones.BrusselsDate(clock.GetCurrentInstant())) knownOn = null;
        if (asOf is null && knownOn is null)
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
        var at = asOf ?? clock.GetCurrentInstant();
        // What was known on a day describes the world up to that day: the clock's rules (a silence deadline passing) are
        // judged then too, never at a later instant with only that day's facts.
        if (knownOn is { } knownDay && Zones.EndOf(knownDay) < at) at = Zones.EndOf(knownDay);
        // Known on a day needs when each event was recorded (a citation with no date counts from then): the whole rows.
        var log = new EventStore(db);
        var rows = knownOn is null ? await log.ReadStreamToFold(StreamIds.Decision(id), ct) : await log.ReadStream(StreamIds.Decision(id), ct);
        if (Visibility.Of(reader, rows) == DecisionSight.Invisible) return DecisionStream.NoSuch(id);
        var facts = rows.Select(DecisionStream.ToFact).Where(f => f.Effective <= at).ToList();
        if (knownOn is { } day) facts = await Known(db, rows, facts, day, ct);
        var state = Decision.Replay(facts);
        if (state is null)
            return Refusal.NotFound(knownOn is { } known && rows.Any(r => r.Effective <= at && r.Name == EventNames.NameOf<DecisionOpened>())
                ? $"Decision '{id}' was not yet known on {known:yyyy-MM-dd}."
                : $"Decision '{id}' was not yet opened on {Zones.Brussels(at)}.");
        // Who sees what is judged on the whole stream, never on what was known on the day: otherwise the day from which a
        // reader is shown the redacted view would tell when a hidden event became known.
        var past = Visibility.View(reader, rows, state, await BodyOf(db, state.Body, ct), at);
        return knownOn is null ? past : past with { KnownOn = knownOn };
    }

    /// <summary>The facts known on <paramref name="day"/>, each with only the note and sources published by then.</summary>
    private static async Task<List<Fact<IDecisionEvent>>> Known(ConcordDbContext db, IReadOnlyList<StoredEvent> rows, List<Fact<IDecisionEvent>> facts,
        LocalDate day, CancellationToken ct)
    {
        var cited = facts.Select(f => f.Event switch { PositionRecorded p => p.Source, ConclusionRecorded c => c.Source, _ => null });
        var lens = new Sources.KnownOn(day, await Sources.SourceBook.For(db, cited, ct));
        var recorded = rows.ToDictionary(r => r.StreamVersion, r => r.Recorded);
        var known = new List<Fact<IDecisionEvent>>();
        foreach (var fact in facts)
        {
            var date = DateWindow.On(Zones.BrusselsDate(fact.Effective));
            var at = recorded[fact.Version];
            IDecisionEvent? shown = fact.Event switch
            {
                PositionRecorded p => lens.Knows(date, p.Confidence, p.Source, at)
                    ? p with { Note = lens.Note(date, p.Confidence, p.Source, at, p.Note), Source = lens.Citation(p.Source, at) } : null,
                ConclusionRecorded c => lens.Knows(date, null, c.Source, at)
                    ? c with { Note = lens.Note(date, null, c.Source, at, c.Note), Source = lens.Citation(c.Source, at)! } : null,
                // The opening, the silence procedure, a withdrawal and a release are the alliance's own acts, known on their day.
                var other => date.Placed <= day ? other : null,
            };
            if (shown is not null) known.Add(fact with { Event = shown });
        }
        return known;
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
