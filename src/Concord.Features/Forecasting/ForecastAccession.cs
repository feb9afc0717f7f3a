using System.Globalization;
using System.Collections.Concurrent;
using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features.Accessions;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Forecasting;

/// <summary>
/// One Party of the day in a forecast: what is known of it as of the date (<c>done</c>, <c>pending</c>, <c>not known</c>, or
/// <c>in a window</c>), how many past ratifications of it the model learnt from, and, when not done, the model's chance
/// that it is done by the horizon with its median and 80% interval.
/// </summary>
public sealed record PartyForecast(string Party, string Name, string Known, int PastRatifications, DateWindow? Ratified, double? ByHorizon,
    LocalDate? Median, LocalDate? Low80, LocalDate? High80);

/// <summary>P(the protocol is in force by <see cref="Date"/>): one point of the fan chart.</summary>
public sealed record ForecastPoint(LocalDate Date, double Probability);

/// <summary>
/// When a candidate's protocol enters into force, as a model forecasts it as of a day, from what was known that day. A
/// model's statement, not a fact: <see cref="Basis"/> says what it rests on.
/// </summary>
public sealed record AccessionForecast(string Candidate, string Name, LocalDate AsOf, LocalDate By, string Horizon, bool InForce,
    double EntryIntoForceBy, LocalDate? Median, LocalDate? Low80, LocalDate? High80, IReadOnlyList<ForecastPoint> EntryIntoForce,
    IReadOnlyList<PartyForecast> Parties, IReadOnlyList<string> TrainedOn, int TrainingRatifications, string Basis,
    double? MembershipBy = null, LocalDate? MembershipMedian = null, bool Member = false);

/// <summary>A model fitted on a training set: the Parties' times it learnt from and the accessions they came from.</summary>
internal sealed record FittedModel(RatificationModel Model, IReadOnlyList<PartyTime> Times, IReadOnlyList<string> Candidates, IReadOnlyList<int>? Gaps = null);

/// <summary>One Party of an accession as of a day: its row then, the day its time counts from, and its time as the model has it given that row.</summary>
internal sealed record ConditionedParty(PartyStatus Status, LocalDate Start, IDuration Time);

/// <summary>
/// The accession forecast. No peeking: the model is fitted only on the accessions whose protocol was in force before the
/// as-of day, each read as it was known on that day (docs/known-on.md), and the current one is conditioned on what was
/// known that day: a Party done is done, a Party not known done is forecast from its distribution given it had not
/// finished by then. Time runs from the protocol's signature, or from the day a Party joined when it joined later.
/// Fits are kept per training set, as-of day and head of the log (its hash), so a request conditions and sums only.
/// </summary>
public static class ForecastAccession
{
    /// <summary>How far the fan chart reaches: three years after the as-of day, week by week.</summary>
    private const int Weeks = 157;

    private static readonly ConcurrentDictionary<string, FittedModel> Fits = new();

    public static async Task<Result<AccessionForecast>> Handle(ConcordDbContext db, IClock clock, string? candidate, string? asOf, string? by, CancellationToken ct)
    {
        var code = Input.Member(candidate, "candidate");
        if (code.Refusal is { } badCode) return badCode;
        var today = Zones.BrusselsDate(clock.GetCurrentInstant());
        var day = today;
        if (asOf is not null)
        {
            var parsed = Input.PastDate(asOf, "asOf", today);
            if (parsed.Refusal is { } badDay) return badDay;
            day = parsed.Value;
        }
        LocalDate? until = null;
        if (by is not null)
        {
            var parsed = Input.AheadDate(by, "by", today);
            if (parsed.Refusal is { } badBy) return badBy;
            if (parsed.Value < day) return Refusal.Invalid("by", $"'by' ({parsed.Value:yyyy-MM-dd}) is before 'asOf' ({day:yyyy-MM-dd}): a forecast looks ahead.");
            until = parsed.Value;
        }

        var read = await Read(db, clock, code.Value!, day, today, ct);
        if (read.Refusal is { } missing) return missing;
        var status = read.Value!;
        if (status.ProtocolSigned is not { } signedWindow || !signedWindow.HappenedBy(day))
            return Refusal.Unprocessable($"{status.Name}'s accession protocol was not signed by {day:yyyy-MM-dd}: a forecast of its ratifications starts at the signature.", "asOf");
        var (horizon, horizonWords) = until is { } u ? (u, "the date asked") : await NextSummit(db, day, ct);

        // The head's hash names the whole log (it chains every event before it): two stores, or one store before and after
        // a write, never share a fit. The training set follows from the log, the day and the candidate left out.
        var head = await Head(db, ct);
        var fitted = await Fitted($"{head}|{day:yyyy-MM-dd}|{status.Candidate.Value}", async () =>
        {
            var completed = await Completed(db, clock, day, today, status.Candidate, ct);
            var learnt = Times(completed, await Members.Bodies.Load(db, Body.Nato, ct));
            return new FittedModel(RatificationModel.Fit(learnt.Times), learnt.Times, learnt.Candidates, Gaps(completed));
        });
        var (model, training, trainedOn, _) = fitted;
        var gaps = fitted.Gaps ?? [];
        var trainingCount = training.Count;

        var nato = await Members.Bodies.Load(db, Body.Nato, ct);
        var parties = Condition(status, nato, model, day);

        // Each Party's time counts from its own start; the last of them is drawn from the as-of day on, with the round's shared
        // pace (kept with the fit: a request that finds it conditions nothing again).
        var inForce = status.EnteredIntoForce is { } eif && eif.HappenedBy(day);
        var cumulative = inForce ? [] : Curves.GetOrAdd($"{head}|{day:yyyy-MM-dd}|{status.Candidate.Value}", _ => LastDeposit(parties, day, model));
        if (Curves.Count > 512) Curves.Clear();
        double InForceBy(LocalDate date) => cumulative.Length == 0 ? 0 : cumulative[Math.Clamp(Period.DaysBetween(day, date), 0, cumulative.Length - 1)];
        var fan = Enumerable.Range(0, Weeks).Select(w => day.PlusDays(7 * w)).Select(d => new ForecastPoint(d, inForce ? 1 : InForceBy(d))).ToList();
        // A protocol already in force needs no forecast; its day may be known only as a window (the tracker shows it), so
        // no single day stands for it here.
        var (median, low, high) = inForce ? (null, null, null)
            : (Quantile(InForceBy, day, 0.5), Quantile(InForceBy, day, 0.1), Quantile(InForceBy, day, 0.9));

        var rows = parties.Select(x =>
        {
            var p = x.Status;
            var known = p.Ratified is { } r && r.HappenedBy(day) ? "done" : p.Pending ? "pending" : p.State == RatificationState.InWindow ? "in a window" : "not known";
            var past = model.Observations.GetValueOrDefault(p.Party.Value);
            if (known == "done") return new PartyForecast(p.Party.Value, p.Name, known, past, p.Ratified, null, null, null, null);
            LocalDate At(double q) => x.Start.PlusDays((int)Math.Ceiling(Math.Min(x.Time.Quantile(q), Durations.Horizon)));
            return new PartyForecast(p.Party.Value, p.Name, known, past, null, x.Time.Cdf(Days(x.Start, horizon)), At(0.5), At(0.1), At(0.9));
        }).ToList();

        // Membership follows the candidate's own deposit, after the entry into force: each past candidate's gap between the two
        // (dated exactly), added to the last deposit's distribution; none dated, no membership forecast.
        var member = status.MemberSince is { } since && since.HappenedBy(day);
        double? MemberBy(LocalDate date)
        {
            if (member) return 1;
            if (gaps.Count == 0) return null;
            if (inForce && status.EnteredIntoForce is { } known)
            {
                var waited = Days(known.Placed, day);
                var left = gaps.Where(g => g > waited).ToList();
                return left.Count == 0 ? null : (double)left.Count(g => known.Placed.PlusDays(g) <= date) / left.Count;
            }
            return gaps.Average(g => InForceBy(date.PlusDays(-g)));
        }
        LocalDate? MemberMedian()
        {
            if (member || MemberBy(day.PlusDays(CurveDays)) is not >= 0.5) return null;
            var d = day;
            while (MemberBy(d) < 0.5) d = d.PlusDays(1);
            return d;
        }

        var basis = $"A model, not a fact: fitted on {trainingCount} past ratifications (one per Party per round) of {trainedOn.Count} accessions "
            + $"completed before {day:yyyy-MM-dd} ({string.Join(", ", trainedOn)}), each as known on that day, and conditioned on what was known "
            + $"of this one then. The model: each Party's time from the signature, a procedural part partially pooled toward the alliance and a share of "
            + "political holds, with each round's shared pace (docs/forecasting.md): the entry into force is drawn by Monte Carlo with that shared "
            + $"factor ({EntryIntoForce.Trajectories:N0} trajectories), and a Party with no ratification known by then "
            + "as not done by then (a public act is known on its own day), which a round recorded only in part makes pessimistic. "
            + (gaps.Count == 0 ? "No past candidate's membership is dated beside its protocol's entry into force: no membership forecast."
                : $"Membership follows the candidate's own deposit: {gaps.Count} past gap{(gaps.Count == 1 ? "" : "s")} between the entry into force and membership ({gaps.Min()} to {gaps.Max()} days).");
        return new AccessionForecast(status.Candidate.Value, status.Name, day, horizon, horizonWords, inForce, inForce ? 1 : InForceBy(horizon),
            median, low, high, fan, rows, trainedOn, trainingCount, basis, MemberBy(horizon), MemberMedian(), member);
    }

    /// <summary>The days from each completed accession's entry into force to the candidate's membership, where both are exact.</summary>
    internal static List<int> Gaps(IEnumerable<AccessionStatus> completed) =>
        [.. completed.Where(a => a.EnteredIntoForce is { IsExact: true } && a.MemberSince is { IsExact: true })
            .Select(a => Period.DaysBetween(a.EnteredIntoForce!.Value.Placed, a.MemberSince!.Value.Placed)).Where(g => g >= 0)];

    private static readonly ConcurrentDictionary<string, double[]> Curves = new();

    /// <summary>Reach of the entry-into-force curve from the as-of day: the fan chart's three years, and the backtest's scoring.</summary>
    internal const int CurveDays = 7 * Weeks + 7;

    /// <summary>P(the last Party is done within s days of <paramref name="day"/>), s = 0 … <see cref="CurveDays"/>, with the model's shared pace.</summary>
    internal static double[] LastDeposit(IReadOnlyList<ConditionedParty> parties, LocalDate day, RatificationModel model) =>
        EntryIntoForce.Shared([.. parties.Select(x => Shifted(x.Time, Days(x.Start, day)))], model.SharedShare, CurveDays);

    /// <summary>The accessions whose protocol was in force by the day as known on it, in the order of their codes, but <paramref name="leftOut"/>.</summary>
    internal static async Task<List<AccessionStatus>> Completed(ConcordDbContext db, IClock clock, LocalDate day, LocalDate today, MemberCode? leftOut,
        CancellationToken ct)
    {
        var completed = new List<AccessionStatus>();
        var candidates = await db.Accessions.AsNoTracking().Select(a => a.Candidate).ToListAsync(ct);
        foreach (var c in candidates.Order(StringComparer.Ordinal))
        {
            if (c == leftOut?.Value) continue;
            var read = await Read(db, clock, MemberCode.Parse(c), day, today, ct);
            if (read.Value is { EnteredIntoForce: { } eif, ProtocolSigned: not null } past && eif.HappenedBy(day)) completed.Add(past);
        }
        return completed;
    }

    /// <summary>Each Party's time in the completed accessions given (as they were known on a day): the training set.</summary>
    internal static (List<PartyTime> Times, List<string> Candidates) Times(IEnumerable<AccessionStatus> completed, Body? nato)
    {
        var used = new List<string>();
        // One observation per Party per round: the protocols signed on one day were approved as one package (1999, 2004,
        // 2009), so a Party's act for the round counts once — its most precise record among the round's protocols.
        var rounds = new Dictionary<(LocalDate Signed, string Party), Observed>();
        foreach (var past in completed)
        {
            var signed = past.ProtocolSigned!.Value;
            used.Add(past.Candidate.Value);
            foreach (var p in past.Parties)
            {
                // A Party whose ratification the record does not date at all gives no observation: a blank is never filled.
                if (p.Ratified is not { } r) continue;
                var start = Later(signed.Placed, nato?.Find(p.Party)?.Since);
                var from = r.Earliest is { } e ? Math.Max(0, Days(start, e)) : 0;
                var to = Math.Max(0, Days(start, r.Latest ?? r.Placed));
                var observed = r.IsExact ? Observed.Exact(to) : Observed.Between(from, to);
                var key = (signed.Placed, p.Party.Value);
                if (!rounds.TryGetValue(key, out var held) || observed.Upper - observed.Lower < held.Upper - held.Lower) rounds[key] = observed;
            }
        }
        var times = rounds.OrderBy(x => x.Key.Signed).ThenBy(x => x.Key.Party, StringComparer.Ordinal).Select(x => new PartyTime(x.Key.Party, x.Value, x.Key.Signed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList();
        return (times, used);
    }

    /// <summary>The head of the log (its last event's hash): names everything recorded, so a fit kept under it is never stale.</summary>
    internal static async Task<string> Head(ConcordDbContext db, CancellationToken ct) =>
        await db.Events.OrderByDescending(e => e.Position).Select(e => e.Hash).FirstOrDefaultAsync(ct) ?? "";

    /// <summary>The fit kept under <paramref name="key"/> (which must name the log's head and the training set), or a new one.</summary>
    internal static async Task<FittedModel> Fitted(string key, Func<Task<FittedModel>> fit)
    {
        if (Fits.TryGetValue(key, out var fitted)) return fitted;
        return Keep(key, await fit());
    }

    /// <summary>As <see cref="Fitted"/> for a training set already read: a new fit runs on the thread pool, so a caller can read on meanwhile.</summary>
    internal static Task<FittedModel> Fitting(string key, Func<FittedModel> fit) =>
        Fits.TryGetValue(key, out var fitted) ? Task.FromResult(fitted) : Task.Run(() => Keep(key, fit()));

    private static FittedModel Keep(string key, FittedModel fresh)
    {
        if (Fits.Count > 512) Fits.Clear();
        return Fits.GetOrAdd(key, fresh);
    }

    /// <summary>
    /// Each Party of the accession as of the day, from <paramref name="model"/>: a Party whose ratification is dated by then
    /// is done; any other is forecast from its distribution given it had not finished by then (from the start of its window
    /// when the day falls inside one). Times count from the Party's start: the signature, or the day it joined if later.
    /// </summary>
    internal static List<ConditionedParty> Condition(AccessionStatus status, Body? nato, RatificationModel model, LocalDate day)
    {
        var signed = status.ProtocolSigned!.Value.Placed;
        var parties = new List<ConditionedParty>();
        foreach (var p in status.Parties)
        {
            var start = Later(signed, nato?.Find(p.Party)?.Since);
            IDuration time = p.Ratified is { } done && done.HappenedBy(day)
                ? new Done(Days(start, done.Placed))
                : new Pending(model.For(p.Party.Value), Math.Max(0, Days(start, p.Window?.Earliest ?? day)));
            parties.Add(new ConditionedParty(p, start, time));
        }
        return parties;
    }

    internal static async Task<Result<AccessionStatus>> Read(ConcordDbContext db, IClock clock, MemberCode candidate, LocalDate day, LocalDate today, CancellationToken ct)
    {
        var view = await GetAccession.Handle(db, clock, candidate, day, ct, day < today ? day : null);
        return view.Refusal is { } refusal ? refusal : view.Value!.Status;
    }

    private static async Task<(LocalDate, string)> NextSummit(ConcordDbContext db, LocalDate day, CancellationToken ct)
    {
        var next = await db.Summits.AsNoTracking().Where(s => s.Start > day).OrderBy(s => s.Start).Select(s => new { s.Start, s.Name }).FirstOrDefaultAsync(ct);
        return next is null ? (day.PlusDays(180), "180 days after the as-of day (no summit scheduled)") : (next.Start, $"the next summit ({next.Name}, {next.Start:yyyy-MM-dd})");
    }

    /// <summary>The day by which the probability first reaches <paramref name="p"/> (weekly, then daily), or null beyond three years.</summary>
    private static LocalDate? Quantile(Func<LocalDate, double> cdf, LocalDate from, double p)
    {
        var week = Enumerable.Range(0, Weeks).Select(w => from.PlusDays(7 * w)).FirstOrDefault(d => cdf(d) >= p);
        if (week == default) return null;
        var d = week.PlusDays(-7) < from ? from : week.PlusDays(-7);
        while (cdf(d) < p) d = d.PlusDays(1);
        return d;
    }

    internal static LocalDate Later(LocalDate signed, LocalDate? joined) => joined is { } j && j > signed ? j : signed;

    private static double Days(LocalDate from, LocalDate to) => Period.DaysBetween(from, to);

    /// <summary>A Party's time seen from <paramref name="offset"/> days after its start: its distribution function at 0 is F(offset).</summary>
    internal static IDuration Shifted(IDuration time, double offset) => new Offset(time, offset);

    private sealed class Offset(IDuration time, double offset) : IDuration
    {
        public double Cdf(double t) => time.Cdf(t + offset);
        public double LogDensity(double t) => time.LogDensity(t + offset);
        public double Quantile(double p) => time.Quantile(p) - offset;
    }
}
