using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Features.Access;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Decisions;

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
