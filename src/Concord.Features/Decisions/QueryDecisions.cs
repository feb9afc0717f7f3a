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
/// One decision, now or as of any instant: folded from its stream with the same Evolve as writes use, and shown as
/// the reader may see it (<see cref="Visibility"/>): unknown, redacted or whole.
/// </summary>
public static class GetDecision
{
    public static async Task<Result<DecisionView>> Handle(ConcordDbContext db, IClock clock, DecisionId id, Instant? asOf, Reader reader, CancellationToken ct)
    {
        var at = asOf ?? clock.GetCurrentInstant();
        var rows = await new EventStore(db).ReadStream(StreamIds.Decision(id), ct);
        if (Visibility.Of(reader, rows) == DecisionSight.Invisible) return DecisionStream.NoSuch(id);
        var facts = rows.Select(DecisionStream.ToFact).Where(f => f.Effective <= at).ToList();
        var state = Decision.Replay(facts);
        if (state is null) return Refusal.NotFound($"Decision '{id}' was not yet opened on {Zones.Brussels(at)}.");
        var body = await Bodies.Load(db, state.Body, ct) ?? new Body(state.Body, state.Body, []);
        return Visibility.View(reader, rows, state, body, at);
    }
}

/// <summary>A row of the decision list. For a reader not cleared for every position, the outcome is withheld and the blockers empty.</summary>
public sealed record DecisionSummary(string Id, string Subject, string Body, RuleKind Rule, string? Summit, Instant Opened,
    Instant? SilenceDeadline, Outcome Outcome, IReadOnlyList<string> Blocking, bool Concluded, int Version,
    string Classification = "PUBLIC", DecisionStatus Status = DecisionStatus.Open, bool PositionsShown = true, string? ReleasedOutcome = null);

/// <summary>The decisions the reader may see, from the read model, newest first, optionally those due at one summit.</summary>
public static class ListDecisions
{
    public static async Task<IReadOnlyList<DecisionSummary>> Handle(ConcordDbContext db, string? summit, Reader reader, CancellationToken ct)
    {
        var query = db.Decisions.AsNoTracking();
        if (summit is not null) query = query.Where(d => d.Summit == summit);
        var rows = await query.ToListAsync(ct);
        var sights = await DecisionSights.Load(db, reader, ct);
        return rows.OrderByDescending(r => r.Opened).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => Visibility.Summary(Summary(r), sights.Of(StreamIds.DecisionPrefix + r.Id)))
            .OfType<DecisionSummary>().ToList();
    }

    private static DecisionSummary Summary(DecisionRow r)
    {
        var outcome = Enum.Parse<Outcome>(r.Outcome);
        var status = outcome == Outcome.Withdrawn ? DecisionStatus.Withdrawn : r.Concluded ? DecisionStatus.Concluded : DecisionStatus.Open;
        return new DecisionSummary(r.Id, r.Subject, r.Body, Enum.Parse<RuleKind>(r.Rule), r.Summit, r.Opened, r.SilenceDeadline, outcome,
            r.Blocking.Length == 0 ? [] : r.Blocking.Split(','), r.Concluded, r.Version,
            Visibility.ClassificationOf(r.Marking, r.ReleasableTo).ToString(), status, true, r.ReleasedOutcome);
    }
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
