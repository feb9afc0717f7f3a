using System.Collections.Frozen;
using Concord.Domain.Decisions;
using static Concord.Domain.Decisions.PositionKind;

namespace Concord.Domain.Rules;

/// <summary>
/// EU Council qualified majority (Art. 16(4) TEU, Art. 238 TFEU): adopted when the members in favour are at least
/// <see cref="MemberPercent"/> of the participating members <em>and</em> represent at least
/// <see cref="PopulationPercent"/>% of their population. <see cref="Standard"/> needs 55% of members (15 of 27);
/// <see cref="Reinforced"/> (a proposal not from the Commission or the High Representative) needs 72% (20 of 27).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Both thresholds are inclusive and compared exactly, never rounded: 15 of 27 is 55.6% and passes, 14 of 27
/// does not; exactly 65% of population passes.</item>
/// <item>Only a concurring member is in favour: an abstention counts as not in favour.</item>
/// <item>Non-participation (an opt-out) takes the member out of the base: both thresholds are recomputed over the
/// participating members and their population.</item>
/// <item>Standard QMV only: a blocking minority needs at least <see cref="BlockingMinorityMembers"/> members, so with
/// fewer than 4 participating members not in favour the population threshold is deemed met (the member threshold
/// still applies).</item>
/// <item>Undeclared members: adopted if it passes even when they all vote against, blocked if it fails even when
/// they all concur, pending otherwise. When blocked, the members blocking are those abstaining or voting against.</item>
/// <item>What it would take: the fewest participating members moving to concur, the most populous first. Since the
/// member threshold and the blocking-minority clause depend only on how many move, and the population threshold
/// only grows with who moves, the most populous k are always the best k members to persuade.</item>
/// <item>With no participating member nothing is below either threshold, so the decision is adopted.</item>
/// </list>
/// </remarks>
public sealed class EuQualifiedMajority : IDecisionRule
{
    /// <summary>Share of the participating population the members in favour must reach (inclusive).</summary>
    public const int PopulationPercent = 65;

    /// <summary>Smallest blocking minority under standard QMV, whatever its population.</summary>
    public const int BlockingMinorityMembers = 4;

    private static readonly FrozenSet<PositionKind> Allowed =
        new[] { Undeclared, Concur, Abstain, Against, NonParticipation }.ToFrozenSet();

    private EuQualifiedMajority(RuleKind kind, int memberPercent, bool needsBlockingMinority, string name) =>
        (Kind, MemberPercent, NeedsBlockingMinority, Name) = (kind, memberPercent, needsBlockingMinority, name);

    /// <summary>Standard QMV: 55% of members, 65% of population, blocking minority of at least 4 members.</summary>
    public static EuQualifiedMajority Standard { get; } =
        new(RuleKind.EuQualifiedMajority, 55, needsBlockingMinority: true, "qualified majority");

    /// <summary>Reinforced QMV: 72% of members, 65% of population, no blocking-minority clause.</summary>
    public static EuQualifiedMajority Reinforced { get; } =
        new(RuleKind.EuReinforcedQualifiedMajority, 72, needsBlockingMinority: false, "reinforced qualified majority");

    public RuleKind Kind { get; }

    /// <summary>Share of the participating members that must be in favour (inclusive): 55 or 72.</summary>
    public int MemberPercent { get; }

    /// <summary>Whether fewer than <see cref="BlockingMinorityMembers"/> members not in favour deem the majority met.</summary>
    public bool NeedsBlockingMinority { get; }

    private string Name { get; }

    /// <summary>Undeclared, concur, abstain, against, non-participation.</summary>
    public IReadOnlySet<PositionKind> AllowedPositions => Allowed;

    /// <inheritdoc />
    public Evaluation Evaluate(RuleInput input)
    {
        var tally = Tally.Of(input, this);
        var voting = tally.Excluding(NonParticipation);
        var outcome = voting.Bracket(Adopts);
        var adopted = outcome.IsAdopted();
        return new Evaluation(
            outcome,
            outcome == Outcome.Blocked ? voting.MembersWith(Abstain, Against) : [],
            adopted ? [] : voting.MembersWith(Undeclared),
            adopted ? [] : Persuade(voting),
            Explain(outcome, voting, tally.Count - voting.Count));
    }

    private bool Adopts(Tally voting) => Adopts(Share.Of(voting));

    private bool Adopts(Share share) =>
        share.InFavour * 100 >= MemberPercent * share.Members && (EnoughPopulation(share) || NoBlockingMinority(share));

    private static bool EnoughPopulation(Share share) =>
        share.InFavourPopulation * 100 >= PopulationPercent * share.Population;

    /// <summary>Too few members are not in favour to form a blocking minority (standard QMV only).</summary>
    private bool NoBlockingMinority(Share share) =>
        NeedsBlockingMinority && share.Members - share.InFavour < BlockingMinorityMembers;

    private IReadOnlyList<PositionChange> Persuade(Tally voting)
    {
        var candidates = Tally.LargestFirst(voting.Except(Concur)).ToList();
        for (var k = 1; k <= candidates.Count; k++)
        {
            var changes = Tally.ToConcur(candidates.Take(k));
            if (Adopts(voting.Apply(changes).Assume(Undeclared, Against))) return changes;
        }
        return [];
    }

    private string Explain(Outcome outcome, Tally voting, int optedOut)
    {
        var share = Share.Of(voting);
        var inFavour = $"{share.InFavour} of {share.Members} participating members representing "
            + $"{Phrases.Percent(share.InFavourPopulation, share.Population)} of their population are in favour"
            + (optedOut > 0 ? $" ({optedOut} not participating)" : "");
        return outcome switch
        {
            Outcome.Adopted => $"Adopted: {inFavour}"
                + (!EnoughPopulation(share) ? "; fewer than 4 are not, too few for a blocking minority" : "") + ".",
            Outcome.Blocked => $"Blocked: {inFavour}; a {Name} needs {MemberPercent}% of members and "
                + $"{PopulationPercent}% of population"
                + Phrases.Then(Phrases.Who(Noun.Member, voting.MembersWith(Abstain, Against),
                    "is not in favour", "are not in favour")) + ".",
            _ => $"Pending: {inFavour}" + Phrases.Then(
                    Phrases.Who(Noun.Member, voting.MembersWith(Undeclared), "has not voted", "have not voted"))
                + " and the outcome depends on them.",
        };
    }

    /// <summary>The counts a qualified majority is measured by; undeclared members count as not in favour.</summary>
    private readonly record struct Share(long Members, long InFavour, long Population, long InFavourPopulation)
    {
        public static Share Of(Tally voting) => new(
            voting.Count,
            voting.With(Concur).Count(),
            voting.Population,
            voting.With(Concur).Sum(s => s.Seat.Population));
    }
}
