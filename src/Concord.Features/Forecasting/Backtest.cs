using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Forecasting;

/// <summary>
/// The rolling-origin backtest of the accession forecast (docs/forecasting.md, "Backtest and calibration"). For every
/// accession whose protocol was signed and entered into force, forecasts are made as of the signature and every
/// <c>stepDays</c> after it while the protocol was not yet in force, each exactly as the served forecast would have made it
/// then: fitted only on the accessions completed before the origin as known on it, and conditioned on what was known of the
/// current one on it. Each is scored against the record as known today (hindsight), counting only what the record
/// determines. The protocols signed on one day form one round, and a round gives one observation per Party per origin (and
/// one entry into force per origin): the 1999, 2004 and 2009 packages would otherwise count each Ally's one act several times.
/// Each Party's date is scored from its own distribution; the entry into force is drawn with the round's shared pace, as in
/// the served forecast, by a seeded Monte Carlo: the same figures every run.
/// </summary>
public static partial class Backtest
{
    /// <summary>Days between origins in the full backtest, and in the fast mode CI runs.</summary>
    public const int FullStepDays = 30, FastStepDays = 90;

    /// <summary>The prior's median procedural time: the own-median baseline's answer with no history at all.</summary>
    public const double PriorMedianDays = 60;

    /// <param name="progress">Told (origins done, origins in all) as the run goes, for a page that shows it.</param>
    public static async Task<BacktestReport> Run(ConcordDbContext db, IClock clock, int stepDays, CancellationToken ct, Action<int, int>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepDays, 1);
        var watch = Stopwatch.StartNew();
        var today = Zones.BrusselsDate(clock.GetCurrentInstant());
        var head = await ForecastAccession.Head(db, ct);
        var nato = await Members.Bodies.Load(db, Body.Nato, ct);

        // The accessions and their origins, from the record as known today.
        var plans = new List<(AccessionStatus Now, LocalDate Round, List<LocalDate> Origins)>();
        foreach (var c in (await db.Accessions.AsNoTracking().Select(a => a.Candidate).ToListAsync(ct)).Order(StringComparer.Ordinal))
        {
            if ((await ForecastAccession.Read(db, clock, MemberCode.Parse(c), today, today, ct)).Value is not { ProtocolSigned: { } signed, EnteredIntoForce: { } eif } now)
                continue;
            var end = eif.Placed;
            var origins = new List<LocalDate>();
            for (var origin = signed.Placed; origin < end; origin = origin.PlusDays(stepDays)) origins.Add(origin);
            plans.Add((now, signed.Placed, origins));
        }

        // Reads run one after another on the one DbContext; each fit runs on the thread pool as soon as its training set is
        // read, and the forecasts are conditioned once all are in, in the same order every run.
        var completedOn = new Dictionary<LocalDate, List<AccessionStatus>>();
        var fits = new Dictionary<string, Task<FittedModel>>();
        var jobs = new List<(LocalDate Round, LocalDate Origin, AccessionStatus Now, AccessionStatus Then, List<PartyTime> Times, Task<FittedModel> Model, Task<FittedModel> Alliance)>();
        var (done, total) = (0, plans.Sum(p => p.Origins.Count));
        foreach (var (now, round, origins) in plans)
            foreach (var origin in origins)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Invoke(done++, total);
                // An origin inside the window of the entry into force is kept while the protocol was not known to be in force then.
                if ((await ForecastAccession.Read(db, clock, now.Candidate, origin, today, ct)).Value is not { ProtocolSigned: { } signed } then
                    || !signed.HappenedBy(origin) || then.EnteredIntoForce?.HappenedBy(origin) == true)
                    continue;
                if (!completedOn.TryGetValue(origin, out var completed))
                    completedOn[origin] = completed = await Completed(db, clock, plans.Select(p => p.Now), origin, today, ct);
                // As the served forecast: trained on the completed accessions but the current one (never among them here).
                var (times, used) = ForecastAccession.Times(completed.Where(a => a.Candidate != now.Candidate), nato);
                jobs.Add((round, origin, now, then, times, Fit(fits, head, times, used, allyEffects: true),
                    Fit(fits, head, times, used, allyEffects: false)));
            }
        var cases = new Cases();
        foreach (var job in jobs)
        {
            var (model, alliance) = (await job.Model, await job.Alliance);
            cases.Add(job.Round, job.Origin, job.Now, ForecastAccession.Condition(job.Then, nato, model.Model, job.Origin),
                ForecastAccession.Condition(job.Then, nato, alliance.Model, job.Origin), job.Times,
                model.Model.SharedShare, alliance.Model.SharedShare);
        }
        progress?.Invoke(total, total);

        var scored = cases.Score();
        var rounds = scored.Rounds.Select(r => new RoundScores(r.Key,
            [.. plans.Where(p => p.Round == r.Key).Select(p => p.Now.Candidate.Value)], plans.First(p => p.Round == r.Key).Origins.Count, r.Value)).ToList();
        return new BacktestReport(today, stepDays, [.. plans.Select(p => p.Now.Candidate.Value)], cases.Forecasts, cases.RoundOrigins, scored.Forecasters,
            rounds, scored.Observations, scored.KnownLater, scored.Undated, Math.Round(watch.Elapsed.TotalSeconds, 2), Method(today, stepDays));
    }

    /// <summary>The head of the log a report rests on (its last event's hash): a report made under another head may be stale.</summary>
    public static Task<string> Head(ConcordDbContext db, CancellationToken ct) => ForecastAccession.Head(db, ct);

    /// <summary>The fit of a training set, once per run (the protocols of a round share their origins' fits) and kept in the forecast's cache.</summary>
    private static Task<FittedModel> Fit(Dictionary<string, Task<FittedModel>> running, string head, List<PartyTime> times, List<string> used,
        bool allyEffects)
    {
        // A fit is a function of its training set alone, so it is kept under the set's content: the origins of a round mostly
        // share one (it changes only when a fact of a past round is published between them).
        var content = string.Join(";", times.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Party}:{t.Observed.Lower}-{t.Observed.Upper}")));
        var key = $"{head}|trained on {string.Join(",", used)}|{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)))}|{(allyEffects ? "allies" : "alliance-wide")}";
        if (!running.TryGetValue(key, out var fit))
            running[key] = fit = ForecastAccession.Fitting(key, () => new FittedModel(RatificationModel.Fit(times, allyEffects), times, used));
        return fit;
    }

    /// <summary>
    /// The accessions completed by the origin as known on it. Only those signed by then (as the record has it today) are read:
    /// a protocol signed after a day was not in force on it.
    /// </summary>
    private static async Task<List<AccessionStatus>> Completed(ConcordDbContext db, IClock clock, IEnumerable<AccessionStatus> accessions, LocalDate origin,
        LocalDate today, CancellationToken ct)
    {
        var completed = new List<AccessionStatus>();
        foreach (var a in accessions.Where(a => a.ProtocolSigned is { } s && s.Placed <= origin))
            if ((await ForecastAccession.Read(db, clock, a.Candidate, origin, today, ct)).Value is { EnteredIntoForce: { } eif, ProtocolSigned: not null } past && eif.HappenedBy(origin))
                completed.Add(past);
        return completed;
    }

    /// <summary>
    /// The "Ally's own median so far" baseline, a point forecast in days from the Party's start: the median of the Party's
    /// own past times (an exact day, or a window's midpoint), else of every past time, else the prior's 60 days; a Party
    /// already pending that long is forecast for the day after the origin.
    /// </summary>
    public static double OwnMedian(IReadOnlyList<PartyTime> history, string party, double originDays)
    {
        static double Mid(PartyTime t) => (t.Observed.Lower + t.Observed.Upper) / 2;
        var own = history.Where(t => t.Party == party).Select(Mid).ToList();
        var pool = own.Count > 0 ? own : history.Select(Mid).ToList();
        var median = pool.Count == 0 ? PriorMedianDays : Median(pool);
        var day = Math.Ceiling(median);
        return day > originDays ? day : originDays + 1;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static string Method(LocalDate today, int step) =>
        "A model's backtest, not a fact. Rolling origin: forecasts as of each protocol's signature and every "
        + step.ToString(CultureInfo.InvariantCulture) + " days after it until its entry into force, each fitted only on the accessions "
        + "completed before that day as known on it and conditioned on what was known of the current one then; scored against the "
        + "record as known on " + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ". One observation per Party per round "
        + "per origin (the protocols signed on one day form a round). Each Party's date is scored from its own distribution, the entry "
        + "into force drawn with the round's shared pace as in the served forecast. Only "
        + "outcomes the record determines are counted: an exact day, or a window wholly on one side; the rest are undetermined.";
}
