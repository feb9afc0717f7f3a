using Concord.Domain.Accession;
using NodaTime;

namespace Concord.Features.Forecasting;

public static partial class Backtest
{
    /// <summary>
    /// A pending Party at an origin: its times (days from its start) as the model and the alliance-wide baseline had them,
    /// the own-median point, the origin's day count, and the truth as known today ([low, high]; null when undated).
    /// </summary>
    private sealed record PartyCase(double OriginDays, Pending Model, IDuration Alliance, double OwnPoint, (double Low, double High)? Truth)
    {
        public double Width => Truth is { } t ? t.High - t.Low : double.PositiveInfinity;
    }

    /// <summary>
    /// The entry into force at an origin: each Party's time counted from the origin under the model and the baseline, the
    /// own-median point (days from the origin), where its integral starts, and the truth (days from the origin; null for a window).
    /// </summary>
    private sealed record EntryCase(IReadOnlyList<IDuration> Model, IReadOnlyList<IDuration> Alliance, double OwnPoint, int From, double? Truth,
        double ModelShare = 0, double AllianceShare = 0);

    private sealed record Scored(IReadOnlyList<ForecasterScores> Forecasters, int Observations, int KnownLater, int Undated,
        Dictionary<LocalDate, IReadOnlyList<ForecasterScores>> Rounds);

    private sealed class Cases
    {
        // Keyed by round and origin (and Party): the round's protocols give one observation each, the most precise truth, and
        // on a tie the first in the order of the candidates' codes (as the training set does).
        private readonly Dictionary<(LocalDate Round, LocalDate Origin, string Party), PartyCase> _parties = [];
        private readonly Dictionary<(LocalDate Round, LocalDate Origin), EntryCase> _entries = [];

        public int Forecasts { get; private set; }

        public int RoundOrigins => _entries.Count;

        public void Add(LocalDate round, LocalDate origin, AccessionStatus now, List<ConditionedParty> model, List<ConditionedParty> alliance, List<PartyTime> history,
            double modelShare, double allianceShare)
        {
            Forecasts++;
            var (shiftedModel, shiftedAlliance, ownEntry, from) = (new List<IDuration>(), new List<IDuration>(), 1.0, 0);
            for (var i = 0; i < model.Count; i++)
            {
                var (start, party) = (model[i].Start, model[i].Status.Party.Value);
                var originDays = (double)Period.DaysBetween(start, origin);
                shiftedModel.Add(ForecastAccession.Shifted(model[i].Time, originDays));
                shiftedAlliance.Add(ForecastAccession.Shifted(alliance[i].Time, originDays));
                if (model[i].Time is not Pending pending) continue;
                var own = OwnMedian(history, party, originDays);
                ownEntry = Math.Max(ownEntry, own - originDays);
                from = Math.Min(from, (int)Math.Floor(pending.After - originDays));
                var truth = now.Parties.FirstOrDefault(p => p.Party.Value == party)?.Ratified is { } r
                    ? (r.Earliest is { } e ? Period.DaysBetween(start, e) : 0, r.Latest is { } l ? Period.DaysBetween(start, l) : double.PositiveInfinity)
                    : ((double, double)?)null;
                var found = new PartyCase(originDays, pending, alliance[i].Time, own, truth);
                if (!_parties.TryGetValue((round, origin, party), out var held) || found.Width < held.Width) _parties[(round, origin, party)] = found;
            }
            var eif = now.EnteredIntoForce is { IsExact: true } day ? Period.DaysBetween(origin, day.Placed) : (double?)null;
            var entry = new EntryCase(shiftedModel, shiftedAlliance, ownEntry, from, eif, modelShare, allianceShare);
            if (!_entries.TryGetValue((round, origin), out var kept) || kept.Truth is null && eif is not null) _entries[(round, origin)] = entry;
        }

        public Scored Score()
        {
            var all = Tallies();
            var rounds = new SortedDictionary<LocalDate, Tally[]>();
            Tally[] Of(LocalDate round) => rounds.TryGetValue(round, out var t) ? t : rounds[round] = Tallies();
            var (knownLater, undated) = (0, 0);
            foreach (var (key, c) in _parties)
            {
                if (c.Truth is null) undated++;
                else if (c.Truth.Value.High <= c.Model.After) knownLater++;
                ScoreParty(all, c);
                ScoreParty(Of(key.Round), c);
            }
            foreach (var (key, e) in _entries)
            {
                ScoreEntry(all, e);
                ScoreEntry(Of(key.Round), e);
            }
            return new Scored([.. all.Select(t => t.Scores())], _parties.Count, knownLater, undated,
                rounds.ToDictionary(r => r.Key, r => (IReadOnlyList<ForecasterScores>)[.. r.Value.Select(t => t.Scores())]));
        }

        private static Tally[] Tallies() =>
        [
            new("Model", "The partially pooled two-part model of the served forecast (each Ally's own offset).", point: false),
            new("Alliance-wide", "The same model fitted without Ally effects: every Ally's offset held at 0.", point: false),
            new("Ally's own median", "A point forecast: the median of the Ally's own past times (a window by its midpoint), else of all past times, else 60 days; the day after the origin for an Ally already pending longer.", point: true),
        ];

        private static void ScoreParty(Tally[] t, PartyCase c)
        {
            var (model, alliance, own) = (t[0], t[1], t[2]);
            if (c.Truth is not { } truth)
            {
                foreach (var tally in t)
                {
                    for (var l = 0; l < Levels.Length; l++) tally.Cover(l, Verdict.Undetermined);
                    for (var h = 0; h < Horizons.Length; h++) tally.Brier(h, 0, null);
                }
                return;
            }
            Distribution(model, c.Model, c.OriginDays, truth);
            Distribution(alliance, c.Alliance, c.OriginDays, truth);
            for (var h = 0; h < Horizons.Length; h++)
                own.Brier(h, c.OwnPoint <= c.OriginDays + Horizons[h] ? 1 : 0, DoneBy(truth.Low, truth.High, c.OriginDays + Horizons[h]));
        }

        private static void ScoreEntry(Tally[] t, EntryCase e)
        {
            if (e.Truth is not { } truth) { foreach (var tally in t) tally.Crps(null); return; }
            var days = (int)Durations.Horizon - e.From;
            // The last deposit as the served forecast draws it: with the round's shared pace, from the origin on (20,000
            // trajectories: a CRPS in days moves by well under one day with more).
            t[0].Crps(Crps(Curve(EntryIntoForce.Shared(e.Model, e.ModelShare, days + Math.Max(0, e.From), 20_000)), truth, days, e.From));
            t[1].Crps(Crps(Curve(EntryIntoForce.Shared(e.Alliance, e.AllianceShare, days + Math.Max(0, e.From), 20_000)), truth, days, e.From));
            t[2].Crps(Crps(Point(e.OwnPoint), truth, days, e.From));
        }

        /// <summary>A sampled curve P(E ≤ day) as a distribution function of days after the origin (0 before it).</summary>
        private static Func<double, double> Curve(double[] cumulative) =>
            s => s < 0 ? 0 : cumulative[Math.Min((int)Math.Floor(s), cumulative.Length - 1)];

        /// <summary>Scores one forecast distribution of a Party's time: its intervals (on whole days, as the served forecast shows them), the Brier events and its PIT.</summary>
        private static void Distribution(Tally tally, IDuration d, double originDays, (double Low, double High) truth)
        {
            double Day(double p) => Math.Ceiling(Math.Min(d.Quantile(p), Durations.Horizon));
            for (var l = 0; l < Levels.Length; l++)
                tally.Cover(l, Covers(Day((1 - Levels[l]) / 2), Day((1 + Levels[l]) / 2), truth.Low, truth.High));
            for (var h = 0; h < Horizons.Length; h++)
                tally.Brier(h, d.Cdf(originDays + Horizons[h]), DoneBy(truth.Low, truth.High, originDays + Horizons[h]));
            if (truth.Low == truth.High) tally.Pit(d.Cdf(truth.Low));
        }
    }
}
