namespace Concord.Features.Forecasting;

/// <summary>Whether a truth known as a day or a window is inside an interval, outside it, or cannot be told.</summary>
public enum Verdict { Inside, Outside, Undetermined }

public static partial class Backtest
{
    /// <summary>The central intervals scored, and the horizons of the Brier events, in days after the origin.</summary>
    public static readonly double[] Levels = [0.5, 0.8, 0.95];

    public static readonly int[] Horizons = [30, 90, 180];

    /// <summary>
    /// A truth known to lie in [<paramref name="truthLow"/>, <paramref name="truthHigh"/>] (equal ends: an exact day) against
    /// the interval [<paramref name="low"/>, <paramref name="high"/>], both ends included: inside when the whole window is,
    /// outside when none of it is, otherwise undetermined (never guessed).
    /// </summary>
    public static Verdict Covers(double low, double high, double truthLow, double truthHigh) =>
        truthLow >= low && truthHigh <= high ? Verdict.Inside
        : truthHigh < low || truthLow > high ? Verdict.Outside
        : Verdict.Undetermined;

    /// <summary>Whether a truth in [low, high] happened by day <paramref name="by"/>: null when the window lies on both sides of it.</summary>
    public static bool? DoneBy(double truthLow, double truthHigh, double by) =>
        truthHigh <= by ? true : truthLow > by ? false : null;

    /// <summary>(p − outcome)², one Brier term.</summary>
    public static double BrierTerm(double p, bool happened) => (p - (happened ? 1 : 0)) * (p - (happened ? 1 : 0));

    /// <summary>
    /// The continuous ranked probability score, ∫ (F(t) − 1{t ≥ truth})² dt, in days: summed day by day from
    /// <paramref name="from"/> for up to <paramref name="days"/> days, F taken at each day's middle (the midpoint rule), and
    /// stopped early once F is within 10⁻⁴ of 1 after the truth (what is left adds under 10⁻⁴ days). For a point forecast on
    /// a whole day (F a step there) and a truth on a whole day, this is exactly the absolute error.
    /// </summary>
    public static double Crps(Func<double, double> cdf, double truth, int days, int from = 0)
    {
        var sum = 0.0;
        for (var s = from; s < from + days; s++)
        {
            var t = s + 0.5;
            var f = cdf(t);
            var gap = f - (t >= truth ? 1 : 0);
            sum += gap * gap;
            if (t > truth && f > 1 - 1e-4) break;
        }
        return sum;
    }

    /// <summary>A point forecast as a distribution function: certain to be done by its day.</summary>
    public static Func<double, double> Point(double day) => t => t >= day ? 1 : 0;

    /// <summary>One forecaster's running sums over the observations it was scored on.</summary>
    internal sealed class Tally(string name, string description, bool point)
    {
        private readonly int[,] _coverage = new int[Levels.Length, 3];
        private readonly (double Sum, int Count, int Undetermined)[] _brier = new (double, int, int)[Horizons.Length];
        private (double Sum, int Count, int Undetermined) _crps;
        private readonly int[] _pit = new int[10];
        private readonly (int Count, double Forecast, int Happened)[] _bins = new (int, double, int)[10];

        public void Cover(int level, Verdict verdict) => _coverage[level, (int)verdict]++;

        public void Brier(int horizon, double p, bool? happened)
        {
            if (happened is not { } h) { _brier[horizon].Undetermined++; return; }
            _brier[horizon].Sum += BrierTerm(p, h);
            _brier[horizon].Count++;
            var bin = Math.Min(9, (int)Math.Floor(p * 10));
            _bins[bin] = (_bins[bin].Count + 1, _bins[bin].Forecast + p, _bins[bin].Happened + (h ? 1 : 0));
        }

        public void Crps(double? score)
        {
            if (score is { } s) { _crps.Sum += s; _crps.Count++; }
            else _crps.Undetermined++;
        }

        public void Pit(double f) => _pit[Math.Clamp((int)Math.Floor(f * 10), 0, 9)]++;

        public ForecasterScores Scores() => new(name, description,
            point ? [] : [.. Levels.Select((l, i) => new CoverageScore(l, _coverage[i, 0], _coverage[i, 1], _coverage[i, 2]))],
            [.. Horizons.Select((h, i) => new BrierScore(h, _brier[i].Count == 0 ? null : _brier[i].Sum / _brier[i].Count, _brier[i].Count, _brier[i].Undetermined))],
            new CrpsScore(_crps.Count == 0 ? null : _crps.Sum / _crps.Count, _crps.Count, _crps.Undetermined),
            point ? [] : [.. _pit],
            [.. _bins.Select((b, i) => new ReliabilityBin(i / 10.0, (i + 1) / 10.0, b.Count,
                b.Count == 0 ? null : b.Forecast / b.Count, b.Count == 0 ? null : (double)b.Happened / b.Count))]);
    }
}
