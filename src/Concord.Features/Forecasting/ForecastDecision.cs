using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.Decisions;
using Concord.Features.EventLog;
using Concord.Features.Members;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Forecasting;

/// <summary>
/// One member whose move the decision waits on: its position now, its chance of concurring by the horizon (read from the
/// judgment, null without one), the decision's chance if it surely concurred, and the judgment it rests on.
/// </summary>
/// <paramref name="AtLeast"/>: the horizon lies after the judgment's own day, so its chance is only a lower bound.
public sealed record MemberChance(string Member, string Name, string Position, double? ChanceBy, double? IfItConcurs, JudgmentView? Judgment, bool AtLeast = false);

/// <summary>The forecast as it stood after one change (a position or a judgment), by the same horizon.</summary>
public sealed record ChancePoint(Instant At, double? Probability);

/// <summary>
/// The chance that a decision is adopted by <see cref="By"/>, from each member's position now and the analysts' judgments
/// of its chance of moving: a model's statement, never a fact (<see cref="Basis"/>). <see cref="Withheld"/> when the
/// reader does not see every position it rests on: then nothing else is given. <see cref="Probability"/> is null when a
/// member whose move is needed has no judgment (<see cref="Missing"/>), and only a lower bound when <see cref="AtLeast"/> (a
/// judgment it uses is stated for a day before the horizon).
/// </summary>
public sealed record DecisionForecast(string Decision, string Subject, string Rule, Instant AsOf, LocalDate By, string Horizon, bool Withheld,
    double? Probability, string? Method, IReadOnlyList<MemberChance> WhatItWouldTake, IReadOnlyList<string> Missing,
    IReadOnlyList<JudgmentView> Judgments, IReadOnlyList<ChancePoint> History, string Basis, bool AtLeast = false);

/// <summary>
/// The consensus forecast of a decision (<see cref="ConsensusOdds"/>). It rests on every position of the decision and on the
/// judgments the reader is cleared for: a reader who does not see every position is told only that it is withheld (as the
/// redacted view already says positions are hidden), and a judgment hidden from a reader is neither used nor counted in what
/// that reader is given, so nothing in the answer depends on an event hidden from it.
/// </summary>
public static class ForecastDecision
{
    /// <summary>How many past points the history gives at most (the latest).</summary>
    public const int MaxHistory = 200;

    public const string WithheldWords = "The forecast is withheld: it rests on positions not shown at your clearance.";

    public static async Task<Result<DecisionForecast>> Handle(ConcordDbContext db, IClock clock, string? id, string? by, Reader reader, CancellationToken ct)
    {
        if (DecisionId.TryParse(id) is not { } decision) return Refusal.NotFound($"There is no decision '{Input.Clip(Input.Visible(id ?? ""))}'.");
        var now = clock.GetCurrentInstant();
        var today = Zones.BrusselsDate(now);
        LocalDate? until = null;
        if (by is not null)
        {
            var parsed = Input.AheadDate(by, "by", today);
            if (parsed.Refusal is { } bad) return bad;
            if (parsed.Value < today) return Refusal.Invalid("by", $"'by' ({parsed.Value:yyyy-MM-dd}) is before today ({today:yyyy-MM-dd}): a forecast looks ahead.");
            until = parsed.Value;
        }

        var log = new EventStore(db);
        // The fold and the visibility rule need no more than the fold's columns.
        var rows = await log.ReadStreamToFold(StreamIds.Decision(decision), ct);
        var sight = Visibility.Of(reader, rows);
        if (sight == DecisionSight.Invisible) return DecisionStream.NoSuch(decision);
        var facts = rows.Select(DecisionStream.ToFact).ToList();
        var state = Decision.Replay(facts, now);
        if (state is null) return DecisionStream.NoSuch(decision);
        if (state.IsSettled(now))
            return Refusal.Unprocessable($"Decision '{decision}' is concluded: its outcome is a fact, not a forecast.", "id");
        var (horizon, words) = until is { } u ? (u, "the date asked") : await Horizon(db, state, today, ct);
        if (sight != DecisionSight.Full)
            return new DecisionForecast(decision.Value, state.Subject, Words.Of(state.Rule), now, horizon, words, Withheld: true, null, null, [], [], [], [], WithheldWords);

        var body = await Bodies.Load(db, state.Body, ct) ?? new Body(state.Body, state.Body, []);
        var judgmentRows = (await log.ReadStream(StreamIds.Judgments(decision), ct)).Where(reader.CanSee).ToList();
        var judgments = judgmentRows.Select(r => (Row: r, Event: (JudgmentRecorded)EventStore.Deserialize(r))).ToList();

        var (odds, used) = Odds(state, body, judgments, now, horizon);
        bool Bound(MemberCode m) => used.TryGetValue(m, out var j) && Judgments.IsLowerBound(j.Event.By, horizon);
        var chances = odds.Movers.Select(m => new MemberChance(m.Member.Value, body.Find(m.Member)?.Name ?? m.Member.Value, Words.Of(m.Position), m.Chance, m.IfItConcurs,
            used.TryGetValue(m.Member, out var judged) ? RecordJudgment.View(judged.Row, body) : null, Bound(m.Member))).ToList();
        // Adoption only grows as members move, so a chance that is a lower bound makes the whole a lower bound.
        var atLeast = odds.Probability is not null && chances.Any(c => c.AtLeast);

        // How the chance moved: after each position and each judgment, by the same horizon, with what was recorded by then.
        var changes = facts.Where(f => f.Event is PositionRecorded).Select(f => f.Effective).Concat(judgments.Select(j => j.Row.Effective))
            .Where(t => t <= now).Distinct().Order().TakeLast(MaxHistory).ToList();
        var history = changes.Select(t =>
        {
            var then = Decision.Replay(facts, t);
            return new ChancePoint(t, then is null ? null : Odds(then, body, judgments.Where(j => j.Row.Effective <= t).ToList(), t, horizon).Odds.Probability);
        }).ToList();

        var basis = "A model, not a fact: the chance that the decision is adopted by " + $"{horizon:yyyy-MM-dd}, from each member's position now and the latest "
            + $"judgment of each (an analyst's probability that it moves to concur by a day; {judgments.Count} judgment{(judgments.Count == 1 ? "" : "s")} shown to you). "
            + "Members are taken to move independently; a judgment stated for a later day is read at the horizon under a constant hazard from the day it was made, "
            + "and one stated for an earlier day only as a lower bound (at least its probability); "
            + "the seats are today's. " + odds.Method switch
            {
                var m when m.StartsWith("the rule adopts", StringComparison.Ordinal) => "The rule adopts it on the positions as they stand.",
                var m => $"Computed as {m}.",
            }
            + (odds.Missing.Count > 0 ? $" No probability without a judgment of {string.Join(", ", odds.Missing.Select(c => c.Value))}: an unknown is not a zero." : "")
            + (state.IsUnderSilence ? " Under the silence procedure, undeclared Allies are deemed to consent at the deadline; the model does not forecast an Ally breaking silence." : "");
        return new DecisionForecast(decision.Value, state.Subject, Words.Of(state.Rule), now, horizon, words, Withheld: false, odds.Probability, odds.Method, chances,
            [.. odds.Missing.Select(m => m.Value)], [.. judgments.OrderByDescending(j => j.Row.Effective).ThenByDescending(j => j.Row.StreamVersion).Select(j => RecordJudgment.View(j.Row, body))],
            history, basis, atLeast);
    }

    /// <summary>The odds at <paramref name="at"/> from the positions then and each member's latest judgment made by then.</summary>
    private static (Odds Odds, Dictionary<MemberCode, (StoredEvent Row, JudgmentRecorded Event)> Used) Odds(Decision state, Body body, IReadOnlyList<(StoredEvent Row, JudgmentRecorded Event)> judgments,
        Instant at, LocalDate horizon)
    {
        var latest = judgments.Where(j => j.Row.Effective <= at).GroupBy(j => j.Event.Member)
            .ToDictionary(g => g.Key, g => g.OrderBy(j => j.Row.Effective).ThenBy(j => j.Row.StreamVersion).Last());
        var chances = latest.ToDictionary(x => x.Key, x => Judgments.ChanceBy(x.Value.Event.Probability, Zones.BrusselsDate(x.Value.Row.Effective), x.Value.Event.By, horizon));
        var positions = state.Positions.ToDictionary(p => p.Key, p => p.Value.Kind);
        var deadlinePassed = state.SilenceDeadline is { } deadline && Zones.BrusselsDate(deadline) <= horizon;
        var odds = ConsensusOdds.For(state.Rule, state.IsUnderSilence, deadlinePassed, body.EligibleOn(Zones.BrusselsDate(at)), positions, state.Concerned, chances);
        return (odds, latest);
    }

    /// <summary>The decision's own summit when it lies ahead, else the next summit, else 180 days on.</summary>
    private static async Task<(LocalDate, string)> Horizon(ConcordDbContext db, Decision state, LocalDate today, CancellationToken ct)
    {
        var summits = await db.Summits.AsNoTracking().Where(s => s.Start >= today).OrderBy(s => s.Start).Select(s => new { s.Id, s.Start, s.Name }).ToListAsync(ct);
        if (state.Summit is { } own && summits.FirstOrDefault(s => s.Id == own) is { } due) return (due.Start, $"the summit it is due at ({due.Name}, {due.Start:yyyy-MM-dd})");
        return summits.Count > 0 ? (summits[0].Start, $"the next summit ({summits[0].Name}, {summits[0].Start:yyyy-MM-dd})")
            : (today.PlusDays(180), "180 days on (no summit scheduled)");
    }
}
