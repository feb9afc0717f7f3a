using Concord.Domain.Members;
using NodaTime;

namespace Concord.Domain.Decisions;

/// <summary>
/// An analyst's judgment, never a fact: the probability that <paramref name="Member"/> moves to concur on
/// <paramref name="Decision"/> by <paramref name="By"/>, with the reasoning and the source it rests on. Kept in the
/// decision's own stream of judgments, apart from the decision's, so that a judgment never moves the decision's version
/// and no rule reads it. Its author and the day it was made are the event's own (recorded by, effective).
/// </summary>
public sealed record JudgmentRecorded(DecisionId Decision, MemberCode Member, double Probability, LocalDate By, string Rationale, string Source);

/// <summary>How a judgment stated for one day reads at another.</summary>
public static class Judgments
{
    /// <summary>
    /// The chance that the member has moved by <paramref name="horizon"/>, from a judgment made on <paramref name="made"/>
    /// of <paramref name="probability"/> by <paramref name="by"/>: exactly the judgment on its own day; before it, under a
    /// constant hazard from the day it was made, 1 − (1 − p)^((horizon − made) / (by − made)), the model's assumption,
    /// said in every forecast that uses it; after it, the judgment itself, which is then only a lower bound
    /// (<see cref="IsLowerBound"/>): a judgment says nothing of how much likelier a later day is. Nothing moves before the
    /// day the judgment was made.
    /// </summary>
    public static double ChanceBy(double probability, LocalDate made, LocalDate by, LocalDate horizon)
    {
        if (horizon <= made) return 0;
        if (horizon >= by || probability is 0 or 1) return probability;
        var span = Period.DaysBetween(made, by);
        if (span <= 0) return probability;
        var share = (double)Period.DaysBetween(made, horizon) / span;
        return 1 - Math.Pow(1 - probability, share);
    }

    /// <summary>True when a judgment stated for <paramref name="by"/> read at a later <paramref name="horizon"/> is only a lower bound.</summary>
    public static bool IsLowerBound(LocalDate by, LocalDate horizon) => horizon > by;
}
