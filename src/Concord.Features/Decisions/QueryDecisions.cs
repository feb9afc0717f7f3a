using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Features.EventLog;
using Concord.Features.Members;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>One decision, now or as of any instant: folded from its stream with the same Evolve as writes use.</summary>
public static class GetDecision
{
    public static async Task<Result<DecisionView>> Handle(ConcordDbContext db, IClock clock, DecisionId id, Instant? asOf, CancellationToken ct)
    {
        var at = asOf ?? clock.GetCurrentInstant();
        var rows = await new EventStore(db).ReadStream(StreamIds.Decision(id), ct);
        if (rows.Count == 0) return Refusal.NotFound($"There is no decision '{id}'.");
        var facts = rows.Select(DecisionStream.ToFact).Where(f => f.Effective <= at).ToList();
        var state = Decision.Replay(facts);
        if (state is null) return Refusal.NotFound($"Decision '{id}' was not yet opened on {Zones.Brussels(at)}.");
        var body = await Bodies.Load(db, state.Body, ct) ?? new Body(state.Body, state.Body, []);
        return DecisionViews.Build(state, body, at, facts.Count == 0 ? 0 : facts.Max(f => f.Version));
    }
}

/// <summary>A row of the decision list.</summary>
public sealed record DecisionSummary(string Id, string Subject, string Body, RuleKind Rule, string? Summit, Instant Opened,
    Instant? SilenceDeadline, Outcome Outcome, IReadOnlyList<string> Blocking, bool Concluded, int Version);

/// <summary>All decisions from the read model, newest first, optionally those due at one summit.</summary>
public static class ListDecisions
{
    public static async Task<IReadOnlyList<DecisionSummary>> Handle(ConcordDbContext db, string? summit, CancellationToken ct)
    {
        var query = db.Decisions.AsNoTracking();
        if (summit is not null) query = query.Where(d => d.Summit == summit);
        var rows = await query.ToListAsync(ct);
        return rows.OrderByDescending(r => r.Opened).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new DecisionSummary(r.Id, r.Subject, r.Body, Enum.Parse<RuleKind>(r.Rule), r.Summit, r.Opened, r.SilenceDeadline, Enum.Parse<Outcome>(r.Outcome),
                r.Blocking.Length == 0 ? [] : r.Blocking.Split(','), r.Concluded, r.Version)).ToList();
    }
}

/// <summary>One entry in a member's position history on a decision: what was said, when, when recorded and by whom.</summary>
public sealed record PositionChangeView(int Version, string Event, string Member, PositionKind Kind, string? Condition, string? Source,
    string? Confidence, string? Note, Instant Effective, Instant Recorded, string RecordedBy);

/// <summary>Every position change on a decision, in world order (as they happened), optionally for one member.</summary>
public static class PositionHistory
{
    public static async Task<Result<IReadOnlyList<PositionChangeView>>> Handle(ConcordDbContext db, DecisionId id, MemberCode? member, CancellationToken ct)
    {
        var rows = await new EventStore(db).ReadStream(StreamIds.Decision(id), ct);
        if (rows.Count == 0) return Refusal.NotFound($"There is no decision '{id}'.");
        var history = rows
            .Select(r => (Row: r, Event: EventStore.Deserialize(r) as PositionRecorded))
            .Where(x => x.Event is not null && (member is null || x.Event.Member == member))
            .OrderBy(x => x.Row.Effective).ThenBy(x => x.Row.StreamVersion)
            .Select(x => new PositionChangeView(x.Row.StreamVersion, x.Row.Name, x.Event!.Member.Value, x.Event.Kind, x.Event.Condition,
                x.Event.Source, x.Event.Confidence, x.Event.Note, x.Row.Effective, x.Row.Recorded, x.Row.RecordedBy))
            .ToList();
        return history;
    }
}
