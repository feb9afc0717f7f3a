using System.Runtime.CompilerServices;

namespace Concord.Features.Forecasting;

/// <summary>
/// Monte Carlo of the last of several Parties' times, with an optional shared factor (a Gaussian copula of correlation
/// <c>rho</c>: one climate moves every Party's quantile together). Each Party's inverse distribution function is
/// tabulated once on a grid of probabilities; a draw is a uniform (xoshiro256**), an index and a linear interpolation.
/// Nothing is allocated per trajectory.
/// </summary>
public sealed class Sampler
{
    /// <summary>Grid points per Party's table: the interpolation's error is far below the Monte Carlo error of any run we make.</summary>
    public const int Resolution = 4096;

    private readonly double[] _table; // Parties × (Resolution + 1) quantiles, row by row
    private readonly int _parties;
    private readonly IReadOnlyList<IDuration> _quantiles;

    /// <summary>Tabulates the Parties' quantiles. One instance serves one caller at a time (its second table is built on first use).</summary>
    public Sampler(IReadOnlyList<IDuration> parties)
    {
        _parties = parties.Count;
        _quantiles = parties;
        _table = new double[_parties * (Resolution + 1)];
        // The ends are clipped half a step in: the extreme quantiles of a long tail are infinite.
        var probabilities = Enumerable.Range(0, Resolution + 1).Select(k => Math.Clamp((double)k / Resolution, 0.5 / Resolution, 1 - 0.5 / Resolution)).ToArray();
        for (var i = 0; i < _parties; i++) Invert(parties[i], probabilities, _table.AsSpan(i * (Resolution + 1), Resolution + 1));
    }

    /// <summary>Points of the time grid each Party's distribution function is read on to tabulate its quantiles.</summary>
    public const int Sweep = 16_384;

    /// <summary>
    /// The quantiles of <paramref name="d"/> at the ascending <paramref name="probabilities"/>, by one sweep of its distribution
    /// function over a geometric grid of times (0.01 day to 20 years, 0.08% apart) and linear interpolation between the grid
    /// points that bracket each probability: a table costs 16,384 evaluations of F, where bisection would cost a hundred per
    /// entry. Times at or before 0.01 day read 0; a probability the grid does not reach reads the horizon.
    /// </summary>
    private static void Invert(IDuration d, double[] probabilities, Span<double> into)
    {
        const double first = 0.01;
        var ratio = Math.Pow(Durations.Horizon / first, 1.0 / (Sweep - 1));
        double previousT = 0, previousF = d.Cdf(0);
        var t = first;
        var f = d.Cdf(t);
        var j = 0;
        for (var k = 0; k < probabilities.Length; k++)
        {
            var p = probabilities[k];
            while (f < p && j < Sweep - 1)
            {
                (previousT, previousF) = (t, f);
                t *= ratio;
                f = d.Cdf(t);
                j++;
            }
            if (f < p) { into[k] = Durations.Horizon; continue; }
            if (p <= previousF) { into[k] = previousT; continue; }
            into[k] = previousT + (t - previousT) * (p - previousF) / (f - previousF);
        }
    }

    /// <summary>
    /// Draws <paramref name="trajectories"/> maxima and counts them by whole day up to <paramref name="days"/> (the last
    /// cell collects everything beyond); returns the counts. <paramref name="rho"/> = 0 makes the Parties independent.
    /// </summary>
    public long[] Maxima(int trajectories, double rho, ulong seed, int days)
    {
        if (rho > 0) return SharedMaxima(trajectories, rho, seed, days);
        var counts = new long[days + 1];
        var rng = new Xoshiro(seed);
        for (var n = 0; n < trajectories; n++)
        {
            var max = 0.0;
            for (var i = 0; i < _parties; i++)
            {
                var t = Interpolate(i, rng.NextDouble());
                if (t > max) max = t;
            }
            counts[Math.Clamp((int)Math.Floor(max), 0, days)]++;
        }
        return counts;
    }

    /// <summary>
    /// The shared factor without a special function per draw: each Party's quantile is tabulated a second time against the
    /// normal deviate (<see cref="ByNormal"/>), and the deviates themselves come from a table of the normal's quantiles at
    /// the midpoints of 65,536 equal cells (<see cref="Probit"/>), four to one generator call. The Gaussian copula's
    /// √ρ z + √(1 − ρ) ε is then an index into the Party's table.
    /// </summary>
    private long[] SharedMaxima(int trajectories, double rho, ulong seed, int days)
    {
        var table = _byNormal ??= ByNormal();
        var counts = new long[days + 1];
        var rng = new Xoshiro(seed);
        var shared = Math.Sqrt(rho) * NormalScale;
        var own = Math.Sqrt(1 - rho) * NormalScale;
        var probit = Probit;
        ulong bits = 0;
        var left = 0;
        for (var n = 0; n < trajectories; n++)
        {
            if (left == 0) { bits = rng.Next(); left = 4; }
            var z = probit[(int)(bits & 0xFFFF)] * shared + NormalOffset;
            bits >>= 16; left--;
            var max = 0.0;
            for (var i = 0; i < _parties; i++)
            {
                if (left == 0) { bits = rng.Next(); left = 4; }
                var x = z + probit[(int)(bits & 0xFFFF)] * own;
                bits >>= 16; left--;
                var k = Math.Clamp((int)x, 0, Resolution - 1);
                var row = i * (Resolution + 1);
                var a = table[row + k];
                var t = a + (x - k) * (table[row + k + 1] - a);
                if (t > max) max = t;
            }
            counts[Math.Clamp((int)Math.Floor(max), 0, days)]++;
        }
        return counts;
    }

    /// <summary>How far the normal-indexed tables reach either side of 0: beyond any √ρ z + √(1 − ρ) ε the deviates can give.</summary>
    public const double NormalReach = 6;

    private const double NormalScale = Resolution / (2 * NormalReach), NormalOffset = Resolution / 2.0;

    private double[]? _byNormal;

    /// <summary>Each Party's quantile at Φ(x), for x on an even grid from −<see cref="NormalReach"/> to +<see cref="NormalReach"/>.</summary>
    private double[] ByNormal()
    {
        var table = new double[_parties * (Resolution + 1)];
        var probabilities = Enumerable.Range(0, Resolution + 1)
            .Select(k => Math.Clamp(MathNet.Numerics.Distributions.Normal.CDF(0, 1, -NormalReach + k / NormalScale), 1e-12, 1 - 1e-12)).ToArray();
        for (var i = 0; i < _parties; i++) Invert(_quantiles[i], probabilities, table.AsSpan(i * (Resolution + 1), Resolution + 1));
        return table;
    }

    /// <summary>The standard normal's quantile at the midpoint of each of 65,536 equal cells of probability: a deviate per 16 bits.</summary>
    private static readonly double[] Probit = [.. Enumerable.Range(0, 1 << 16).Select(k => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, (k + 0.5) / (1 << 16)))];

    /// <summary>P(E ≤ t) at each whole day t from the counts of <see cref="Maxima"/> (a maximum in day d is ≤ t for every t ≥ d + 1).</summary>
    public static double[] Cumulative(long[] counts)
    {
        var total = counts.Sum();
        var cumulative = new double[counts.Length];
        long running = 0;
        for (var d = 0; d < counts.Length; d++)
        {
            cumulative[d] = (double)running / total;
            running += counts[d];
        }
        return cumulative;
    }

    /// <summary>One Party's tabulated quantile at probability <paramref name="u"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Interpolate(int party, double u)
    {
        var x = u * Resolution;
        var k = Math.Min((int)x, Resolution - 1);
        var row = party * (Resolution + 1);
        var a = _table[row + k];
        return a + (x - k) * (_table[row + k + 1] - a);
    }

    /// <summary>xoshiro256** (Blackman and Vigna, 2018), seeded by splitmix64: fast, and the same stream for a seed on every platform.</summary>
    private struct Xoshiro
    {
        private ulong _s0, _s1, _s2, _s3;

        public Xoshiro(ulong seed)
        {
            _s0 = SplitMix(ref seed); _s1 = SplitMix(ref seed); _s2 = SplitMix(ref seed); _s3 = SplitMix(ref seed);
        }

        private static ulong SplitMix(ref ulong x)
        {
            var z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Next()
        {
            var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
            var t = _s1 << 17;
            _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t;
            _s3 = ulong.RotateLeft(_s3, 45);
            return result;
        }

        /// <summary>Uniform in [0, 1): the top 53 bits.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
    }
}
