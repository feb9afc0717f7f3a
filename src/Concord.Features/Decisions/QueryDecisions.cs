using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
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

/// <summary>A row of the decision list. For a reader not cleared for every position, the outcome is withheld and the blockers empty.</summary>
public sealed record DecisionSummary(string Id, string Subject, string Body, RuleKind Rule, string? Summit, Instant Opened,
    Instant? SilenceDeadline, Outcome Outcome, IReadOnlyList<string> Blocking, bool Concluded, int Version,
    string Classification = "PUBLIC", DecisionStatus Status = DecisionStatus.Open, bool PositionsShown = true, string? ReleasedOutcome = null);

/// <summary>
/// The decisions the reader may see, from the read models, newest first, optionally those due at one summit. What the
/// reader may see is decided from each row's markings; outcomes are evaluated now, under each body's seats of today.
/// </summary>
public static class ListDecisions
{
    public static async Task<IReadOnlyList<DecisionSummary>> Handle(ConcordDbContext db, IClock clock, string? summit, Reader reader, CancellationToken ct) =>
        [.. (await Views(db, clock, summit, reader, ct)).Select(Summary)];

    /// <summary>The same decisions as whole views (each as the reader may see it), for pages that show more than a row.</summary>
    public static async Task<IReadOnlyList<DecisionView>> Views(ConcordDbContext db, IClock clock, string? summit, Reader reader, CancellationToken ct)
    {
        var query = db.Decisions.AsNoTracking();
        if (summit is not null) query = query.Where(d => d.Summit == summit);
        var rows = (await query.ToListAsync(ct)).OrderByDescending(r => r.Opened).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var decisions = await CurrentDecisions.Load(db, rows, d => d.SightOf(reader) == DecisionSight.Full, ct);
        var now = clock.GetCurrentInstant();
        var bodies = new Dictionary<string, Body>(StringComparer.Ordinal);
        var views = new List<DecisionView>(decisions.Count);
        foreach (var d in decisions.Where(d => d.SightOf(reader) != DecisionSight.Invisible))
        {
            if (!bodies.TryGetValue(d.State.Body, out var body)) bodies[d.State.Body] = body = await GetDecision.BodyOf(db, d.State.Body, ct);
            views.Add(Visibility.View(reader, d, body, now));
        }
        return views;
    }

    /// <summary>The row of the list for a view.</summary>
    public static DecisionSummary Summary(DecisionView v) => new(v.Id, v.Subject, v.Body, v.Rule, v.Summit, v.Opened, v.SilenceDeadline, v.Outcome,
        v.Blocking, v.Status != DecisionStatus.Open, v.Version, v.Classification, v.Status, v.PositionsShown, v.ReleasedOutcome);
}

/// <summary>One entry in a member's position history on a decision: what was said, when, when recorded and by whom.</summary>
public sealed record PositionChangeView(int Version, string Event, string Member, PositionKind Kind, string? Condition, string? Source,
    string? Confidence, string? Note, Instant Effective, Instant Recorded, string RecordedBy, string Classification = "PUBLIC");

/// <summary>
/// Every position change on a decision, in world order (as they happened), optionally for one member. Empty for a
/// reader not cleared for every position (even the order of visible ones would hint at the hidden); unknown for a
/// reader not cleared for the decision.
/// </summary>
public static class PositionHistory
{
    public static async Task<Result<IReadOnlyList<PositionChangeView>>> Handle(
        ConcordDbContext db, DecisionId id, MemberCode? member, Reader reader, CancellationToken ct)
    {
        var rows = await new EventStore(db).ReadStream(StreamIds.Decision(id), ct);
        var sight = Visibility.Of(reader, rows);
        if (sight == DecisionSight.Invisible) return DecisionStream.NoSuch(id);
        if (sight == DecisionSight.Redacted) return new Result<IReadOnlyList<PositionChangeView>>([], null);
        var history = rows
            .Select(r => (Row: r, Event: EventStore.Deserialize(r) as PositionRecorded))
            .Where(x => x.Event is not null && (member is null || x.Event.Member == member))
            .OrderBy(x => x.Row.Effective).ThenBy(x => x.Row.StreamVersion)
            .Select(x => new PositionChangeView(x.Row.StreamVersion, x.Row.Name, x.Event!.Member.Value, x.Event.Kind, x.Event.Condition,
                x.Event.Source, x.Event.Confidence, x.Event.Note, x.Row.Effective, x.Row.Recorded, x.Row.RecordedBy,
                Visibility.ClassificationOf(x.Row).ToString()))
            .ToList();
        return history;
    }
}
