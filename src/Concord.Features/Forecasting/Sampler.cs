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

    public Sampler(IReadOnlyList<IDuration> parties)
    {
        _parties = parties.Count;
        _table = new double[_parties * (Resolution + 1)];
        for (var i = 0; i < _parties; i++)
            for (var k = 0; k <= Resolution; k++)
            {
                // The ends are clipped half a step in: the extreme quantiles of a long tail are infinite.
                var p = Math.Clamp((double)k / Resolution, 0.5 / Resolution, 1 - 0.5 / Resolution);
                _table[i * (Resolution + 1) + k] = Math.Min(parties[i].Quantile(p), Durations.Horizon);
            }
    }

    /// <summary>
    /// Draws <paramref name="trajectories"/> maxima and counts them by whole day up to <paramref name="days"/> (the last
    /// cell collects everything beyond); returns the counts. <paramref name="rho"/> = 0 makes the Parties independent.
    /// </summary>
    public long[] Maxima(int trajectories, double rho, ulong seed, int days)
    {
        var counts = new long[days + 1];
        var rng = new Xoshiro(seed);
        var shared = Math.Sqrt(rho);
        var own = Math.Sqrt(1 - rho);
        for (var n = 0; n < trajectories; n++)
        {
            var z = rho > 0 ? rng.NextNormal() : 0;
            var max = 0.0;
            for (var i = 0; i < _parties; i++)
            {
                var u = rho > 0 ? NormalCdf(shared * z + own * rng.NextNormal()) : rng.NextDouble();
                var t = Interpolate(i, u);
                if (t > max) max = t;
            }
            counts[Math.Min(days, (int)Math.Floor(max))]++;
        }
        return counts;
    }

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

    /// <summary>Φ(x) by the error function (MathNet's, to about 1e-15).</summary>
    private static double NormalCdf(double x) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-x / Math.Sqrt(2));

    /// <summary>xoshiro256** (Blackman and Vigna, 2018), seeded by splitmix64: fast, and the same stream for a seed on every platform.</summary>
    private struct Xoshiro
    {
        private ulong _s0, _s1, _s2, _s3;
        private double _spare;
        private bool _hasSpare;

        public Xoshiro(ulong seed)
        {
            _s0 = SplitMix(ref seed); _s1 = SplitMix(ref seed); _s2 = SplitMix(ref seed); _s3 = SplitMix(ref seed);
            _spare = 0; _hasSpare = false;
        }

        private static ulong SplitMix(ref ulong x)
        {
            var z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ulong Next()
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

        /// <summary>Standard normal by the polar method (two per pair of uniforms).</summary>
        public double NextNormal()
        {
            if (_hasSpare) { _hasSpare = false; return _spare; }
            double u, v, s;
            do
            {
                u = 2 * NextDouble() - 1;
                v = 2 * NextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            var m = Math.Sqrt(-2 * Math.Log(s) / s);
            _spare = v * m;
            _hasSpare = true;
            return u * m;
        }
    }
}
