using Concord.Features.Forecasting;
using MathNet.Numerics.Distributions;

namespace Concord.Features.Tests.Forecasting;

public sealed class RatificationModelTests
{
    [Fact]
    public void a_window_weighs_the_whole_window_and_a_pending_party_its_survival_never_one_end()
    {
        var d = new HoldMixture(Math.Log(60), 0.8, 0.1, Math.Log(300), 0.7);

        Assert.Equal(Math.Log(d.Cdf(90) - d.Cdf(30)), Durations.LogLikelihood(d, Observed.Between(30, 90)), 1e-12);
        Assert.Equal(Math.Log(d.Cdf(45)), Durations.LogLikelihood(d, Observed.OnOrBefore(45)), 1e-12);
        Assert.Equal(Math.Log(1 - d.Cdf(200)), Durations.LogLikelihood(d, Observed.PendingAfter(200)), 1e-12);
        Assert.Equal(d.LogDensity(45), Durations.LogLikelihood(d, Observed.Exact(45)), 1e-12);
    }

    [Fact]
    public void a_party_pending_for_a_long_time_gets_a_later_median_than_at_signature_and_after_the_days_already_passed()
    {
        var d = new HoldMixture(Math.Log(40), 0.6, 0.1, Math.Log(300), 0.7);
        var atSignature = d.Quantile(0.5);

        var after200 = new Pending(d, 200).Quantile(0.5);

        Assert.True(atSignature < 60, $"{atSignature}");
        Assert.True(after200 > 200 && after200 > atSignature + 100, $"{after200}");
    }

    [Fact]
    public void a_mixtures_quantile_inverts_its_distribution_function()
    {
        var d = new HoldMixture(Math.Log(40), 0.6, 0.15, Math.Log(300), 0.7);
        foreach (var p in new[] { 0.05, 0.5, 0.8, 0.95 }) Assert.Equal(p, d.Cdf(d.Quantile(p)), 1e-9);
    }

    [Fact]
    public void the_fit_recovers_the_alliance_wide_time_and_pulls_an_ally_seen_once_toward_it_more_than_one_seen_five_times()
    {
        // 20 Allies over 5 rounds, times drawn from a known model; two more, slow (about 120 days): one seen once, one five times.
        var truth = new LogNormal(Math.Log(50), 0.5);
        var random = new Random(42);
        var history = new List<PartyTime>();
        for (var round = 0; round < 5; round++)
        {
            for (var ally = 0; ally < 20; ally++)
                history.Add(new PartyTime($"A{ally:D2}", Observed.Exact(Math.Round(truth.InverseCumulativeDistribution(random.NextDouble()), 0) + 1)));
            history.Add(new PartyTime("SLOW5", Observed.Exact(116 + 2 * round)));
        }
        history.Add(new PartyTime("SLOW1", Observed.Exact(120)));

        var model = RatificationModel.Fit(history);

        Assert.InRange(Math.Exp(model.Mu), 40, 62);
        var (alliance, once, fiveTimes) = (model.For("never-seen").Quantile(0.5), model.For("SLOW1").Quantile(0.5), model.For("SLOW5").Quantile(0.5));
        Assert.True(alliance < once && once < fiveTimes && fiveTimes < 125, $"Medians: alliance {alliance:F0}, seen once {once:F0}, seen five times {fiveTimes:F0}.");
        Assert.True(once < 100, $"The Ally seen once at 120 days is taken at its word: {once:F0}.");
        Assert.Equal((1, 5), (model.Observations["SLOW1"], model.Observations["SLOW5"]));
        Assert.Equal(RatificationModel.Prior().Mu, RatificationModel.Fit([]).Mu);
    }

    [Fact]
    public void the_fit_uses_windows_and_pending_parties_rather_than_dropping_them()
    {
        var exact = Enumerable.Range(0, 30).Select(i => new PartyTime($"P{i}", Observed.Exact(20 + i))).ToList();
        var withPending = exact.Concat(Enumerable.Range(0, 10).Select(i => new PartyTime($"Q{i}", Observed.PendingAfter(500)))).ToList();

        var without = RatificationModel.Fit(exact);
        var with = RatificationModel.Fit(withPending);

        // Ten Parties still pending after 500 days make long holds likelier: the alliance's 90th percentile moves out.
        Assert.True(with.For("new").Quantile(0.9) > without.For("new").Quantile(0.9) + 50,
            $"{without.For("new").Quantile(0.9):F0} without the pending Parties, {with.For("new").Quantile(0.9):F0} with them");
    }
}
