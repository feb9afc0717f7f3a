using Concord.Domain.Members;
using Concord.Domain.Rules;
using NodaTime;

namespace Concord.Domain.Decisions;

public sealed partial record Decision
{
    /// <summary>
    /// The decision's outcome at <paramref name="at"/> under its rule, over the seats eligible on that date, with its
    /// headline as strong as the weakest fact it rests on (<see cref="Headline"/>).
    /// A concluded decision keeps the outcome it concluded with; a draft under silence whose deadline has passed
    /// unbroken is adopted under silence even if no one has yet recorded the conclusion (the server may have
    /// been down at the deadline).
    /// </summary>
    public Evaluation Evaluate(IReadOnlyList<Seat> eligible, Instant at)
    {
        var live = Live(eligible, at);
        var said = live with { Explanation = Headline.For(live, Facts(eligible)) };
        var on = ConcludedAt is { } closed ? $" on {Zones.BrusselsDate(closed):yyyy-MM-dd}" : "";
        return ConcludedOutcome switch
        {
            null => said,
            Outcome.Withdrawn => said with { Outcome = Outcome.Withdrawn, WhatItWouldTake = [], Explanation = "Withdrawn by the secretariat." },
            Outcome.Lapsed => said with { Outcome = Outcome.Lapsed, WhatItWouldTake = [], Explanation = $"Closed without consensus{on}. " + said.Explanation },
            { } outcome when !live.Outcome.IsAdopted() => said with
            {
                Outcome = outcome, ToAct = [], WhatItWouldTake = [], Explanation = $"Adopted{on}, as its source records.",
            },
            { } outcome => said with { Outcome = outcome },
        };
    }

    /// <summary>What the rule gives over the positions as they stand, whether or not the decision has concluded.</summary>
    private Evaluation Live(IReadOnlyList<Seat> eligible, Instant at)
    {
        var rule = DecisionRules.For(Rule, IsUnderSilence);
        var positions = Positions.ToDictionary(p => p.Key, p => p.Value.Kind);
        return rule.Evaluate(new RuleInput(eligible, positions, IsSilenceDeadlinePassed(at), Concerned));
    }

    /// <summary>The recorded position of every eligible member, as the headline weighs it.</summary>
    private Dictionary<string, HeadlineFact> Facts(IReadOnlyList<Seat> eligible)
    {
        var facts = new Dictionary<string, HeadlineFact>(StringComparer.Ordinal);
        foreach (var seat in eligible)
            if (Positions.TryGetValue(seat.Member, out var p))
                facts[seat.Member.Value] = new HeadlineFact(seat.Member.Value, seat.Name, p.Kind, p.Confidence, p.Condition);
        return facts;
    }

    /// <summary>
    /// Why the outcome <paramref name="recorded"/> on <paramref name="at"/> contradicts the positions standing then (an
    /// adoption while a member blocks, a lapse once the rule adopts); null when it agrees with them. A pending rule does not
    /// contradict either: the source records what the positions entered so far do not yet show.
    /// </summary>
    private Refusal? Contradiction(Outcome recorded, Instant at, Body body, string field)
    {
        var date = Zones.BrusselsDate(at);
        var live = Live(body.EligibleOn(date), at);
        if (recorded.IsAdopted() && live.Outcome == Outcome.Blocked)
        {
            var who = live.Blocking.Select(m => $"{body.Find(m)?.Name ?? m.Value} ({Words.Of(PositionOf(m))})");
            return Refusal.Unprocessable(
                $"An adoption on {date:yyyy-MM-dd} contradicts the positions standing then: {string.Join(", ", who)} blocked it. Record the change of position first, or the outcome the source gives.", field);
        }
        if (recorded == Outcome.Lapsed && live.Outcome.IsAdopted())
            return Refusal.Unprocessable(
                $"A lapse without consensus on {date:yyyy-MM-dd} contradicts the positions standing then: under {Words.Of(Rule)} they adopt it ({Words.Of(live.Outcome)}).", field);
        return null;
    }
}
