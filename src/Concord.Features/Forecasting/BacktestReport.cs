using NodaTime;

namespace Concord.Features.Forecasting;

/// <summary>
/// What a rolling-origin backtest of the accession forecast found: the scores of the model and of two baselines over
/// every shipped accession, counting only outcomes the record determines. A model's backtest, not a fact about the
/// future: <see cref="Method"/> says how it was made.
/// </summary>
/// <param name="AsOf">The day the truths were read on (today: hindsight).</param>
/// <param name="StepDays">Days between origins (30 in full, 90 in the fast mode).</param>
/// <param name="Accessions">The accessions covered: every one with a signed protocol in force.</param>
/// <param name="Origins">Forecasts made: one per accession per origin.</param>
/// <param name="RoundOrigins">Distinct (round, origin) pairs: the protocols signed on one day form one round.</param>
/// <param name="KnownLater">
/// Scored Party observations whose ratification, dated in hindsight, fell before the day the forecast counted it pending
/// from: the record as known on the origin had not yet published it, so the forecast took the Party as not done.
/// </param>
/// <param name="Rounds">The same scores round by round, to show where the forecast fails.</param>
/// <param name="Undated">Party observations without a dated ratification even today: undetermined for every score.</param>
public sealed record BacktestReport(LocalDate AsOf, int StepDays, IReadOnlyList<string> Accessions, int Origins, int RoundOrigins,
    IReadOnlyList<ForecasterScores> Forecasters, IReadOnlyList<RoundScores> Rounds, int PartyObservations, int KnownLater, int Undated, double Seconds, string Method)
{
    /// <summary>The partially pooled model the served forecast uses.</summary>
    public ForecasterScores Model => Forecasters[0];
}

/// <summary>One forecaster's scores: the model, or a baseline.</summary>
/// <param name="Coverage">Of the central 50%, 80% and 95% intervals of each pending Party's date; empty for a point forecast.</param>
/// <param name="Brier">Of "done within 30, 90, 180 days of the origin", over pending Parties.</param>
/// <param name="Crps">Of the entry-into-force date, in days.</param>
/// <param name="Pit">The forecast's F at each exact Party date, in 10 bins of width 0.1; empty for a point forecast.</param>
/// <param name="Reliability">10 bins of forecast probability of the Brier events (all three horizons), with what happened.</param>
public sealed record ForecasterScores(string Name, string Description, IReadOnlyList<CoverageScore> Coverage, IReadOnlyList<BrierScore> Brier,
    CrpsScore Crps, IReadOnlyList<int> Pit, IReadOnlyList<ReliabilityBin> Reliability);

/// <summary>
/// How often the central interval of <see cref="Level"/> held the Party's date: counted when the date is exact, or its window
/// lies wholly inside or wholly outside the interval; any other window is undetermined.
/// </summary>
public sealed record CoverageScore(double Level, int Inside, int Outside, int Undetermined)
{
    public int Count => Inside + Outside;

    /// <summary>The share inside, or null with nothing counted.</summary>
    public double? Rate => Count == 0 ? null : (double)Inside / Count;
}

/// <summary>The mean of (p − outcome)² for "done within <see cref="Days"/> days of the origin" (lower is better); null with nothing counted.</summary>
public sealed record BrierScore(int Days, double? Score, int Count, int Undetermined);

/// <summary>The mean continuous ranked probability score of the entry-into-force date, in days (lower is better); null with nothing counted.</summary>
public sealed record CrpsScore(double? MeanDays, int Count, int Undetermined);

/// <summary>Forecasts whose probability fell in [<see cref="From"/>, <see cref="To"/>), with their mean and the share that happened.</summary>
public sealed record ReliabilityBin(double From, double To, int Count, double? MeanForecast, double? Observed);

/// <summary>One round's scores: the protocols signed on <see cref="Signed"/>, forecast at <see cref="Origins"/> origins each.</summary>
public sealed record RoundScores(LocalDate Signed, IReadOnlyList<string> Accessions, int Origins, IReadOnlyList<ForecasterScores> Forecasters);
