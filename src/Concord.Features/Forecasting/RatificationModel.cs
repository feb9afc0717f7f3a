using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Concord.Features.Forecasting;

/// <summary>One Party's time in one past (or the current) round: one observation per Party per round, its package act.
/// <paramref name="Round"/> names the round (its protocols' signature day), whose shared pace the model allows for.</summary>
public sealed record PartyTime(string Party, Observed Observed, string Round = "");

/// <summary>
/// How long each Party takes: a <see cref="HoldMixture"/> whose procedural location is the alliance-wide one plus the
/// Party's own offset, partially pooled (each offset has a normal prior of scale <see cref="AllyScale"/> around zero, so a
/// Party seen once is pulled toward the alliance and a Party never seen is the alliance). Fitted by maximum a posteriori
/// with MathNet's optimisers over every observation's censored likelihood (<see cref="Durations.LogLikelihood"/>), under
/// weak priors that are also the whole model when there is no history (the first round of a rolling origin). Fitted by
/// block coordinate ascent: Nelder–Mead for the alliance-wide parameters, golden-section search for each Party's offset.
/// </summary>
public sealed class RatificationModel
{
    /// <summary>The prior scale of a Party's offset on the log of its procedural time: its median may differ from the alliance's by a factor of e^0.5 ≈ 1.6 at one standard deviation.</summary>
    public const double AllyScale = 0.25;

    /// <summary>
    /// The prior scale of a round's shared offset on the log of every Party's procedural time in it: some rounds go faster or
    /// slower as a whole (1999's package took longer than 2022's). Fitted for each past round; for the round being forecast it
    /// is unknown, so each Party's procedural spread is widened by it (σ² + scale², the marginal over the round's offset).
    /// </summary>
    public const double RoundScale = 0.6;

    // The weak priors (mean, standard deviation) of the alliance-wide parameters, on the scales they are fitted on.
    private static readonly (double Mean, double Sd) MuPrior = (Math.Log(60), 1.5), LogSigmaPrior = (Math.Log(0.8), 0.7),
        LogitHoldPrior = (Logit(0.1), 1.0), HoldMuPrior = (Math.Log(300), 0.7), LogHoldSigmaPrior = (Math.Log(0.7), 0.5);

    private readonly Dictionary<string, double> _offsets;
    private readonly Dictionary<string, int> _counts;

    private RatificationModel(double mu, double sigma, double hold, double holdMu, double holdSigma, Dictionary<string, double> offsets, Dictionary<string, int> counts) =>
        (Mu, Sigma, Hold, HoldMu, HoldSigma, _offsets, _counts) = (mu, sigma, hold, holdMu, holdSigma, offsets, counts);

    public double Mu { get; }
    public double Sigma { get; }
    public double Hold { get; }
    public double HoldMu { get; }
    public double HoldSigma { get; }

    /// <summary>How many past observations of each Party the fit used.</summary>
    public IReadOnlyDictionary<string, int> Observations => _counts;

    /// <summary>A Party's own offset (0 for a Party without history).</summary>
    public double Offset(string party) => _offsets.GetValueOrDefault(party);

    /// <summary>A Party's time as the model has it, before anything is known of the current round.</summary>
    public IDuration For(string party) => new HoldMixture(Mu + Offset(party), Math.Sqrt(Sigma * Sigma + RoundScale * RoundScale), Hold, HoldMu, HoldSigma);

    /// <summary>
    /// The correlation the round's unknown shared pace gives two Parties' procedural times (on the log scale):
    /// scale² / (σ² + scale²). Drawn as a Gaussian copula over the whole of each Party's time, holds included: an
    /// approximation, said in the docs.
    /// </summary>
    public double SharedShare => RoundScale * RoundScale / (Sigma * Sigma + RoundScale * RoundScale);

    /// <summary>The model with no history: the priors' means.</summary>
    public static RatificationModel Prior() =>
        new(MuPrior.Mean, Math.Exp(LogSigmaPrior.Mean), Logistic(LogitHoldPrior.Mean), HoldMuPrior.Mean, Math.Exp(LogHoldSigmaPrior.Mean), [], []);

    /// <summary>Fits the model to past rounds' observations (exact, windows, pending alike).</summary>
    /// <param name="allyEffects">
    /// False holds every Party's offset at 0: the alliance-wide distribution alone, the baseline a backtest compares the
    /// partially pooled model with.
    /// </param>
    public static RatificationModel Fit(IReadOnlyList<PartyTime> history, bool allyEffects = true)
    {
        if (history.Count == 0) return Prior();
        var parties = history.Select(h => h.Party).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = parties.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        var roundNames = history.Select(h => h.Round).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var roundIndex = roundNames.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i, StringComparer.Ordinal);
        var rows = history.Select(h => (Party: index[h.Party], Round: roundIndex[h.Round], h.Observed)).ToArray();

        var byParty = rows.GroupBy(r => r.Party).ToDictionary(g => g.Key, g => g.Select(r => (r.Round, r.Observed)).ToArray());
        var byRound = rows.GroupBy(r => r.Round).ToDictionary(g => g.Key, g => g.Select(r => (r.Party, r.Observed)).ToArray());
        var offsets = new double[parties.Count];
        var paces = new double[roundNames.Count];

        double LogPrior(Vector<double> g) =>
            Normal(g[0], MuPrior) + Normal(g[1], LogSigmaPrior) + Normal(g[2], LogitHoldPrior) + Normal(g[3], HoldMuPrior) + Normal(g[4], LogHoldSigmaPrior);

        double LogLikelihood(Vector<double> g, double location, Observed o) =>
            Durations.LogLikelihood(new HoldMixture(location, Math.Exp(g[1]), Logistic(g[2]), g[3], Math.Exp(g[4])), o);

        double PartyLogLikelihood(Vector<double> g, int party, double offset)
        {
            var sum = 0.0;
            foreach (var (round, o) in byParty[party]) sum += LogLikelihood(g, g[0] + offset + paces[round], o);
            return sum;
        }

        double RoundLogLikelihood(Vector<double> g, int round, double pace)
        {
            var sum = 0.0;
            foreach (var (party, o) in byRound[round]) sum += LogLikelihood(g, g[0] + offsets[party] + pace, o);
            return sum;
        }

        // Block coordinate ascent on the posterior: the five alliance-wide parameters by Nelder–Mead with the offsets held,
        // then each Party's offset alone (its own observations and its prior), then each round's pace alone, by
        // golden-section search, until nothing moves. One simplex over every parameter at once stalls in that many dimensions.
        var global = Vector<double>.Build.DenseOfArray([MuPrior.Mean, LogSigmaPrior.Mean, LogitHoldPrior.Mean, HoldMuPrior.Mean, LogHoldSigmaPrior.Mean]);
        for (var sweep = 0; sweep < 50; sweep++)
        {
            double GlobalObjective(Vector<double> g)
            {
                var value = LogPrior(g);
                for (var j = 0; j < parties.Count; j++) value += PartyLogLikelihood(g, j, offsets[j]);
                return double.IsFinite(value) ? -value : 1e300;
            }
            var next = NelderMeadSimplex.Minimum(ObjectiveFunction.Value(GlobalObjective), global, 1e-10, 10_000).MinimizingPoint;
            var moved = (next - global).AbsoluteMaximum();
            global = next;
            for (var j = 0; allyEffects && j < parties.Count; j++)
            {
                var party = j;
                var b = Pooled(AllyScale, b => PartyLogLikelihood(global, party, b));
                moved = Math.Max(moved, Math.Abs(b - offsets[j]));
                offsets[j] = b;
            }
            for (var k = 0; k < roundNames.Count; k++)
            {
                var round = k;
                var r = Pooled(RoundScale, r => RoundLogLikelihood(global, round, r));
                moved = Math.Max(moved, Math.Abs(r - paces[k]));
                paces[k] = r;
            }
            if (moved < 1e-6) break;
        }
        var best = global;
        var fitted = parties.Select((p, j) => (p, offsets[j])).ToDictionary(x => x.p, x => x.Item2, StringComparer.Ordinal);
        var counts = history.GroupBy(h => h.Party, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new RatificationModel(best[0], Math.Exp(best[1]), Logistic(best[2]), best[3], Math.Exp(best[4]), fitted, counts);
    }

    /// <summary>
    /// One pooled offset at its maximum a posteriori: its normal prior of <paramref name="scale"/> around 0 and the
    /// log-likelihood of the observations it moves, by golden-section search within eight scales of 0.
    /// </summary>
    private static double Pooled(double scale, Func<double, double> logLikelihood)
    {
        double Objective(double x)
        {
            var value = Normal(x, (0, scale)) + logLikelihood(x);
            return double.IsFinite(value) ? -value : 1e300;
        }
        return GoldenSectionMinimizer.Minimum(ObjectiveFunction.ScalarValue(Objective), -8 * scale, 8 * scale, 1e-8, 500).MinimizingPoint;
    }

    private static double Normal(double x, (double Mean, double Sd) prior) =>
        -0.5 * Math.Pow((x - prior.Mean) / prior.Sd, 2) - Math.Log(prior.Sd);

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
}
