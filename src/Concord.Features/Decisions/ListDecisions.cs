using System.Collections.Concurrent;
using Concord.Domain;
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
        var now = clock.GetCurrentInstant();
        var day = Zones.BrusselsDate(now);
        var bodies = new Dictionary<string, Body>(StringComparer.Ordinal);
        foreach (var code in rows.Select(r => r.Body).Distinct(StringComparer.Ordinal)) bodies[code] = await GetDecision.BodyOf(db, code, ct);
        var store = db.Database.GetConnectionString() ?? "";
        EvaluatedKey Key(CurrentDecision d) =>
            new(store, d.State.Id.Value, d.Version, d.State.Body, bodies[d.State.Body].Seats.Count, day, d.State.IsSilenceDeadlinePassed(now));
        // Positions are read only for the decisions whose evaluation is not kept already.
        var decisions = await CurrentDecisions.Load(db, rows, d => d.SightOf(reader) == DecisionSight.Full && !Evaluated.ContainsKey(Key(d)), ct);
        if (Evaluated.Count > MaxEvaluated) Evaluated.Clear();
        var views = new List<DecisionView>(decisions.Count);
        foreach (var d in decisions)
        {
            var sight = d.SightOf(reader);
            if (sight == DecisionSight.Invisible) continue;
            views.Add(sight == DecisionSight.Full
                ? Evaluated.GetOrAdd(Key(d), _ => Visibility.View(Reader.System, d, bodies[d.State.Body], now)) with { AsOf = now }
                : Visibility.Redacted(d.State, now, d.Marking));
        }
        return views;
    }

    /// <summary>
    /// Everything the evaluation of a decision reads: its state (the store and the stream's version: the log only grows,
    /// and a commit on any instance moves the version, so an entry is never used for a state it was not made from), the
    /// seats of its body on the day, and whether its silence deadline has passed. The whole view is kept; what a reader
    /// may see of it is decided on every read.
    /// </summary>
    private readonly record struct EvaluatedKey(string Store, string Id, int Version, string Body, int Seats, LocalDate Day, bool DeadlinePassed);

    private const int MaxEvaluated = 20_000;

    private static readonly ConcurrentDictionary<EvaluatedKey, DecisionView> Evaluated = new();

    /// <summary>The row of the list for a view.</summary>
    public static DecisionSummary Summary(DecisionView v) => new(v.Id, v.Subject, v.Body, v.Rule, v.Summit, v.Opened, v.SilenceDeadline, v.Outcome,
        v.Blocking, v.Status != DecisionStatus.Open, v.Version, v.Classification, v.Status, v.PositionsShown, v.ReleasedOutcome);
}
