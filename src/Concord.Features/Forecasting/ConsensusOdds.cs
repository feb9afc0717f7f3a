using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;

namespace Concord.Features.Forecasting;

/// <summary>One member whose move matters: its chance of moving to concur by the horizon, and the decision's chance if it surely did.</summary>
public sealed record Mover(MemberCode Member, PositionKind Position, double? Chance, double? IfItConcurs);

/// <summary>
/// The chance a decision is adopted by a horizon. <see cref="Probability"/> is null when a member whose move is needed has
/// no judgment (<see cref="Missing"/>): an unknown is not a zero. <see cref="Method"/> says how it was computed.
/// </summary>
public sealed record Odds(double? Probability, IReadOnlyList<Mover> Movers, IReadOnlyList<MemberCode> Missing, string Method);

/// <summary>
/// The chance that a decision's rule adopts it by a horizon, when each member that has not concurred moves to concur with
/// its own chance, independently of the others (a model's assumption, said with every forecast).
/// <list type="bullet">
/// <item>Under NATO consensus, unanimity, EU unanimity and consensus-minus-one every member in the rule's "what it would
/// take" must move, and nothing else matters: the chance is the product of theirs, and it needs a judgment of each.</item>
/// <item>Under the silence procedure, a horizon at or after the deadline reads the rule as it will stand then (undeclared
/// Allies deemed to consent: the model does not forecast an Ally breaking silence); a horizon before it needs every Ally's
/// explicit concurrence, as plain consensus does.</item>
/// <item>Under a majority (EU qualified majority, the UN Security Council) any set of moves may do: every combination of the
/// judged members' moves is weighed (all of them up to <see cref="MaxEnumerated"/> members, else a seeded Monte Carlo of
/// <see cref="Draws"/>), and a member without a judgment keeps its position.</item>
/// </list>
/// </summary>
public static class ConsensusOdds
{
    public const int MaxEnumerated = 14;
    public const int Draws = 20_000;

    public static Odds For(RuleKind kind, bool underSilence, bool deadlinePassedByHorizon, IReadOnlyList<Seat> eligible,
        IReadOnlyDictionary<MemberCode, PositionKind> positions, MemberCode? concerned, IReadOnlyDictionary<MemberCode, double> chances)
    {
        var rule = DecisionRules.For(kind, underSilence && deadlinePassedByHorizon);
        var input = new RuleInput(eligible, positions, deadlinePassedByHorizon, concerned);
        var now = rule.Evaluate(input);
        if (now.Outcome.IsAdopted()) return new Odds(1, [], [], "the rule adopts it on the positions as they stand");

        if (DecisionRules.WaitsOnEach(kind))
        {
            var needed = now.WhatItWouldTake.Select(c => c.Member).ToList();
            var missing = needed.Where(m => !chances.ContainsKey(m)).ToList();
            double? product = missing.Count > 0 ? null : needed.Aggregate(1.0, (p, m) => p * chances[m]);
            var movers = needed.Select(m =>
            {
                double? chance = chances.TryGetValue(m, out var c) ? c : null;
                double? ifItConcurs = missing.Count > 0 ? null : needed.Where(o => o != m).Aggregate(1.0, (p, o) => p * chances[o]);
                return new Mover(m, input.PositionOf(m), chance, ifItConcurs);
            }).ToList();
            return new Odds(product, Ordered(movers), missing, "the product of the needed members' chances (every one must move)");
        }

        // A majority: the judged members who have not concurred may move; the others keep their positions.
        var judged = eligible.Select(s => s.Member).Where(m => input.PositionOf(m) != PositionKind.Concur && chances.ContainsKey(m)).ToList();
        var (probability, conditional, method) = judged.Count <= MaxEnumerated
            ? Enumerate(rule, input, judged, chances)
            : Sample(rule, input, judged, chances);
        var list = judged.Select((m, i) => new Mover(m, input.PositionOf(m), chances[m], conditional[i])).ToList();
        return new Odds(probability, Ordered(list), [], method);
    }

    /// <summary>The least likely first: whose move matters most.</summary>
    private static List<Mover> Ordered(List<Mover> movers) =>
        [.. movers.OrderBy(m => m.Chance ?? -1).ThenBy(m => m.Member.Value, StringComparer.Ordinal)];

    private static (double, double?[], string) Enumerate(IDecisionRule rule, RuleInput input, List<MemberCode> judged, IReadOnlyDictionary<MemberCode, double> chances)
    {
        var n = judged.Count;
        var total = 0.0;
        var given = new double[n];
        for (var mask = 0; mask < 1 << n; mask++)
        {
            var weight = 1.0;
            for (var i = 0; i < n; i++) weight *= (mask & (1 << i)) != 0 ? chances[judged[i]] : 1 - chances[judged[i]];
            if (weight == 0 || !Adopts(rule, input, judged, mask)) continue;
            total += weight;
            // P(adopted | i concurs) = P(adopted and i concurs) / P(i concurs), summed over the masks where i moved.
            for (var i = 0; i < n; i++)
                if ((mask & (1 << i)) != 0) given[i] += weight / chances[judged[i]];
        }
        // A member certain not to move (chance 0) gets its conditional from the masks where it moved, weighed without it.
        for (var i = 0; i < n; i++)
            if (chances[judged[i]] == 0) given[i] = ConditionalOnMove(rule, input, judged, chances, i);
        return (total, [.. given.Select(g => (double?)g)], $"every combination of the {n} judged members' moves");
    }

    private static double ConditionalOnMove(IDecisionRule rule, RuleInput input, List<MemberCode> judged, IReadOnlyDictionary<MemberCode, double> chances, int sure)
    {
        var n = judged.Count;
        var total = 0.0;
        for (var mask = 0; mask < 1 << n; mask++)
        {
            if ((mask & (1 << sure)) == 0) continue;
            var weight = 1.0;
            for (var i = 0; i < n; i++)
                if (i != sure) weight *= (mask & (1 << i)) != 0 ? chances[judged[i]] : 1 - chances[judged[i]];
            if (weight > 0 && Adopts(rule, input, judged, mask)) total += weight;
        }
        return total;
    }

    private static (double, double?[], string) Sample(IDecisionRule rule, RuleInput input, List<MemberCode> judged, IReadOnlyDictionary<MemberCode, double> chances)
    {
        var n = judged.Count;
        var random = new Random(20_240_709);
        var adopted = 0;
        var moved = new int[n];
        var adoptedWhenMoved = new int[n];
        var positions = new Dictionary<MemberCode, PositionKind>(input.Positions);
        for (var draw = 0; draw < Draws; draw++)
        {
            var picks = new bool[n];
            for (var i = 0; i < n; i++)
            {
                picks[i] = random.NextDouble() < chances[judged[i]];
                positions[judged[i]] = picks[i] ? PositionKind.Concur : input.PositionOf(judged[i]);
            }
            var yes = rule.Evaluate(input with { Positions = positions }).Outcome.IsAdopted();
            if (yes) adopted++;
            for (var i = 0; i < n; i++)
                if (picks[i]) { moved[i]++; if (yes) adoptedWhenMoved[i]++; }
        }
        var given = Enumerable.Range(0, n).Select(i => moved[i] == 0 ? (double?)null : (double)adoptedWhenMoved[i] / moved[i]).ToArray();
        var p = (double)adopted / Draws;
        var se = Math.Sqrt(p * (1 - p) / Draws);
        return (p, given, $"a seeded Monte Carlo of {Draws:N0} draws of the {n} judged members' moves (standard error {se * 100:0.0} points)");
    }

    private static bool Adopts(IDecisionRule rule, RuleInput input, List<MemberCode> judged, int mask)
    {
        var positions = new Dictionary<MemberCode, PositionKind>(input.Positions);
        for (var i = 0; i < judged.Count; i++)
            if ((mask & (1 << i)) != 0) positions[judged[i]] = PositionKind.Concur;
        return rule.Evaluate(input with { Positions = positions }).Outcome.IsAdopted();
    }
}
