using BenchmarkDotNet.Attributes;
using Concord.Features.Forecasting;

namespace Concord.Benchmarks;

/// <summary>
/// The entry-into-force sampler: 1,000,000 trajectories of the last of 32 Parties' times (each Party a hold mixture,
/// tabulated once), independent and with a shared factor. The floor is the same loop with Concord taken out: as many
/// uniforms from the same generator and a running maximum, no table and no counting — what the hardware needs just to
/// draw the numbers. The goal (issue: under 1 s on one core, about 31 ns a draw) is read from Independent's mean.
/// </summary>
[MemoryDiagnoser]
public class SamplerBenchmarks
{
    public const int Trajectories = 1_000_000, Parties = 32;

    private Sampler _sampler = null!;

    [GlobalSetup]
    public void Setup() =>
        _sampler = new Sampler([.. Enumerable.Range(0, Parties).Select(i => (IDuration)new HoldMixture(Math.Log(40 + 5 * i), 0.7, 0.08, Math.Log(300), 0.6))]);

    [Benchmark(Baseline = true)]
    public double Floor()
    {
        var x = 0x9E3779B97F4A7C15UL;
        var sum = 0.0;
        for (var n = 0; n < Trajectories; n++)
        {
            var max = 0.0;
            for (var i = 0; i < Parties; i++)
            {
                // The same xorshift-class cost per draw as the sampler's generator, and a maximum.
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                var u = (x >> 11) * (1.0 / (1UL << 53));
                if (u > max) max = u;
            }
            sum += max;
        }
        return sum;
    }

    [Benchmark]
    public long[] Independent() => _sampler.Maxima(Trajectories, rho: 0, seed: 1, days: 3000);

    [Benchmark]
    public long[] SharedFactor() => _sampler.Maxima(Trajectories, rho: 0.3, seed: 1, days: 3000);
}
