namespace Concord.Web.Hosting;

/// <summary>The web host's part of configuration section "Concord" (the store's part is <c>ConcordOptions</c>).</summary>
public sealed class WebOptions
{
    /// <summary><c>Concord:PublicView</c> (default true): visitors who have not signed in read what is PUBLIC. Off, they
    /// are sent to sign in and the API answers them 401.</summary>
    public bool PublicView { get; set; } = true;

    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary><c>Concord:BacktestStepDays</c> (default 30, the full backtest): days between the origins of the backtest the
    /// calibration page shows; 90 is the fast mode.</summary>
    public int BacktestStepDays { get; set; } = Features.Forecasting.Backtest.FullStepDays;
}

/// <summary><c>Concord:RateLimits</c>: requests allowed per minute, per client.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sign-in attempts per client IP address and minute (default 10).</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Writes to the API (anything but GET, HEAD, OPTIONS under /api) per account, or per IP address when not
    /// signed in, and minute (default 120).</summary>
    public int WritesPerMinute { get; set; } = 120;
}
