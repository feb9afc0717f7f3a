namespace Concord.Features.Forecasting;

/// <summary>
/// When the last Party is done: E = max over the Parties of their times. With independent Parties exactly
/// P(E ≤ t) = Π F_i(t); with a shared factor (one political climate moving several Parties at once) by sampling
/// (<see cref="Sampler"/>).
/// </summary>
public static class EntryIntoForce
{
    /// <summary>P(E ≤ t) for independent Parties: the product of their distribution functions.</summary>
    public static double Exact(IReadOnlyList<IDuration> parties, double t)
    {
        var p = 1.0;
        foreach (var party in parties)
        {
            p *= party.Cdf(t);
            if (p == 0) break;
        }
        return p;
    }
}
