using MathNet.Numerics.Distributions;

namespace Concord.Features.Forecasting;

/// <summary>
/// What the record says of one Party's time in one round, in days from the day it could first act: exact
/// (<see cref="Lower"/> = <see cref="Upper"/>), a window (on or before: from 0; between), or still pending at
/// <see cref="Lower"/> (right-censored: <see cref="Upper"/> is infinite). A window is never replaced by one of its ends.
/// </summary>
public readonly record struct Observed(double Lower, double Upper)
{
    public static Observed Exact(double days) => new(days, days);
    public static Observed OnOrBefore(double days) => new(0, days);
    public static Observed Between(double from, double to) => new(from, to);
    public static Observed PendingAfter(double days) => new(days, double.PositiveInfinity);

    public bool IsExact => Lower == Upper;
    public bool IsPending => double.IsPositiveInfinity(Upper);
}

/// <summary>A distribution of a time in days (non-negative).</summary>
public interface IDuration
{
    /// <summary>P(T ≤ t).</summary>
    double Cdf(double t);

    /// <summary>log f(t), the density at an exact time.</summary>
    double LogDensity(double t);

    /// <summary>The t with P(T ≤ t) = p, for p in (0, 1).</summary>
    double Quantile(double p);
}

/// <summary>A distribution from MathNet.Numerics as a duration.</summary>
public sealed class LibraryDuration(IContinuousDistribution distribution) : IDuration
{
    public double Cdf(double t) => t <= 0 ? 0 : distribution.CumulativeDistribution(t);
    public double LogDensity(double t) => distribution.DensityLn(t);
    public double Quantile(double p) => Durations.Invert(this, p);
}

/// <summary>
/// How long a Party takes, in two parts: with probability 1 − <see cref="Hold"/> a procedural time (log-normal: most
/// Allies ratify within weeks), with probability <see cref="Hold"/> a political hold (a second, later and wider
/// log-normal: the Parties that hold for months for reasons outside procedure). Times are in days.
/// </summary>
public sealed class HoldMixture : IDuration
{
    private readonly LogNormal _procedure, _hold;

    public HoldMixture(double mu, double sigma, double hold, double holdMu, double holdSigma)
    {
        (Mu, Sigma, Hold, HoldMu, HoldSigma) = (mu, sigma, hold, holdMu, holdSigma);
        _procedure = new LogNormal(mu, sigma);
        _hold = new LogNormal(holdMu, holdSigma);
    }

    public double Mu { get; }
    public double Sigma { get; }
    public double Hold { get; }
    public double HoldMu { get; }
    public double HoldSigma { get; }

    public double Cdf(double t) => t <= 0 ? 0 : (1 - Hold) * _procedure.CumulativeDistribution(t) + Hold * _hold.CumulativeDistribution(t);

    public double LogDensity(double t) =>
        t <= 0 ? double.NegativeInfinity : Math.Log((1 - Hold) * _procedure.Density(t) + Hold * _hold.Density(t));

    public double Quantile(double p) => Durations.Invert(this, p);
}

/// <summary>A duration known to exceed <paramref name="after"/> days: F(t | T &gt; a) = (F(t) − F(a)) / (1 − F(a)).</summary>
public sealed class Pending(IDuration duration, double after) : IDuration
{
    private readonly double _before = duration.Cdf(after);

    public double After => after;

    public double Cdf(double t) => t <= after ? 0 : _before >= 1 ? 1 : (duration.Cdf(t) - _before) / (1 - _before);

    public double LogDensity(double t) => t <= after ? double.NegativeInfinity : duration.LogDensity(t) - Math.Log(1 - _before);

    public double Quantile(double p) => Durations.Invert(this, p);
}

/// <summary>A Party that is done: its time is known (or bounded) and no longer uncertain for what follows.</summary>
public sealed class Done(double at) : IDuration
{
    public double Cdf(double t) => t >= at ? 1 : 0;
    public double LogDensity(double t) => t == at ? 0 : double.NegativeInfinity;
    public double Quantile(double p) => at;
}

public static class Durations
{
    /// <summary>The longest time a forecast considers: 20 years.</summary>
    public const double Horizon = 7305;

    /// <summary>
    /// The log-likelihood of one observation: log f(t) for an exact time, log(F(u) − F(l)) for a window, log(1 − F(a))
    /// for a Party still pending at a (Turnbull's and every interval-censored survival model's likelihood).
    /// </summary>
    public static double LogLikelihood(IDuration d, Observed o)
    {
        if (o.IsExact) return d.LogDensity(Math.Max(o.Lower, 0.5));
        var upper = o.IsPending ? 1 : d.Cdf(o.Upper);
        var mass = upper - d.Cdf(o.Lower);
        return mass > 1e-300 ? Math.Log(mass) : -690;
    }

    /// <summary>The t with F(t) = p, by bisection on log t (F is monotone; no closed form for a mixture).</summary>
    public static double Invert(IDuration d, double p)
    {
        if (p <= 0) return 0;
        double lo = 1e-6, hi = Horizon * 10;
        if (d.Cdf(hi) < p) return double.PositiveInfinity;
        for (var i = 0; i < 100 && hi - lo > 1e-9 * hi; i++)
        {
            var mid = Math.Sqrt(lo * hi);
            if (d.Cdf(mid) < p) lo = mid; else hi = mid;
        }
        return hi;
    }
}
