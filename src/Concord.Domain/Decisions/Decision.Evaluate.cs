using Concord.Domain.Members;
using Concord.Domain.Rules;
using NodaTime;

namespace Concord.Domain.Decisions;

public sealed partial record Decision
{
    /// <summary>
    /// The decision's outcome at <paramref name="at"/> under its rule, over the seats eligible on that date.
    /// A concluded decision keeps the outcome it concluded with; a draft under silence whose deadline has passed
    /// unbroken is adopted under silence even if no one has yet recorded the conclusion (the server may have
    /// been down at the deadline).
    /// </summary>
    public Evaluation Evaluate(IReadOnlyList<Seat> eligible, Instant at)
    {
        var rule = DecisionRules.For(Rule, IsUnderSilence);
        var positions = Positions.ToDictionary(p => p.Key, p => p.Value.Kind);
        var input = new RuleInput(eligible, positions, IsSilenceDeadlinePassed(at), Concerned);
        var live = rule.Evaluate(input);
        return ConcludedOutcome switch
        {
            null => live,
            Outcome.Withdrawn => live with { Outcome = Outcome.Withdrawn, WhatItWouldTake = [], Explanation = "Withdrawn by the secretariat." },
            Outcome.Lapsed => live with { Outcome = Outcome.Lapsed, WhatItWouldTake = [], Explanation = "Closed without consensus. " + live.Explanation },
            { } outcome => live with { Outcome = outcome },
        };
    }
}
