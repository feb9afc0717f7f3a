using Concord.Features.Forecasting;
using MathNet.Numerics.Distributions;

namespace Concord.Features.Tests.Forecasting;

public sealed class EntryIntoForceTests
{
    [Fact]
    public void the_last_of_two_allies_with_exponential_times_is_the_product_of_their_distribution_functions_to_1e_9()
    {
        var parties = new IDuration[] { new LibraryDuration(new Exponential(1.0 / 30)), new LibraryDuration(new Exponential(1.0 / 90)) };

        foreach (var t in new[] { 1.0, 10, 30, 45.5, 90, 180, 365, 1000 })
        {
            var byHand = (1 - Math.Exp(-t / 30)) * (1 - Math.Exp(-t / 90));
            Assert.Equal(byHand, EntryIntoForce.Exact(parties, t), 1e-9);
        }
    }

    [Fact]
    public void without_a_shared_factor_the_monte_carlo_of_32_parties_agrees_with_the_exact_product_within_half_a_point_at_every_date()
    {
        var parties = Enumerable.Range(0, 32)
            .Select(i => (IDuration)new HoldMixture(Math.Log(40 + 5 * i), 0.6 + 0.01 * i, 0.05 + 0.005 * (i % 5), Math.Log(250), 0.6)).ToList();
        var sampler = new Sampler(parties);

        var sampled = Sampler.Cumulative(sampler.Maxima(200_000, rho: 0, seed: 20_240_710, days: 2000));

        var worst = Enumerable.Range(1, 1999).Max(t => Math.Abs(sampled[t] - EntryIntoForce.Exact(parties, t)));
        Assert.True(worst < 0.005, $"The sampled and exact distributions differ by up to {worst:P3}.");
    }

    [Fact]
    public void a_shared_factor_widens_the_spread_of_the_last_deposit_but_leaves_each_partys_own_distribution()
    {
        var parties = Enumerable.Range(0, 10).Select(_ => (IDuration)new HoldMixture(Math.Log(60), 0.7, 0.1, Math.Log(300), 0.6)).ToList();
        var sampler = new Sampler(parties);

        var independent = Sampler.Cumulative(sampler.Maxima(100_000, rho: 0, seed: 7, days: 3000));
        var shared = Sampler.Cumulative(sampler.Maxima(100_000, rho: 0.6, seed: 7, days: 3000));

        // Correlated Parties fail together: the last one is more often early (all quick) than when they are independent.
        Assert.True(shared[90] > independent[90] + 0.02, $"P(E ≤ 90) independent {independent[90]:P1}, shared {shared[90]:P1}");
        // Alone, a Party drawn through the shared factor is still drawn from its own distribution (MathNet's, here).
        var library = new LogNormal(Math.Log(45), 0.8);
        var alone = Sampler.Cumulative(new Sampler([new LibraryDuration(library)]).Maxima(200_000, rho: 0.6, seed: 13, days: 2000));
        var ks = Enumerable.Range(1, 1999).Max(t => Math.Abs(alone[t] - library.CumulativeDistribution(t)));
        Assert.True(ks < 0.005, $"Kolmogorov–Smirnov distance through the shared factor {ks:F4}");
    }

    [Fact]
    public void the_tabulated_sampler_draws_each_party_from_the_library_distribution()
    {
        var library = new LogNormal(Math.Log(45), 0.8);
        var sampler = new Sampler([new LibraryDuration(library)]);

        foreach (var p in new[] { 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 })
        {
            var expected = library.InverseCumulativeDistribution(p);
            Assert.True(Math.Abs(sampler.Interpolate(0, p) - expected) < 0.002 * expected, $"At {p}: {sampler.Interpolate(0, p)} against {expected}");
        }
        var sampled = Sampler.Cumulative(sampler.Maxima(200_000, 0, 11, 2000));
        var ks = Enumerable.Range(1, 1999).Max(t => Math.Abs(sampled[t] - library.CumulativeDistribution(t)));
        Assert.True(ks < 0.005, $"Kolmogorov–Smirnov distance {ks:F4}");
    }
}
