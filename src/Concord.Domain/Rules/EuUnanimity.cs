using System.Collections.Frozen;
using Concord.Domain.Decisions;
using static Concord.Domain.Decisions.PositionKind;

namespace Concord.Domain.Rules;

/// <summary>
/// EU Council unanimity with constructive abstention (Art. 31(1) TEU, Art. 238(4) TFEU): adopted when no
/// participating member votes against. An abstention does not block, but the decision fails if the constructive
/// abstainers are at least one third of the member states comprising at least one third of the population.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>One vote against blocks.</item>
/// <item>Plain and constructive abstentions do not block on their own. Constructive abstainers block together when
/// they are at least one third of the participating members <em>and</em> hold at least one third of their population
/// (both inclusive, compared exactly: 9 of 27 is enough); they are then the members blocking.</item>
/// <item>Non-participation (an opt-out) takes the member out of the base of both thirds, as for QMV.</item>
/// <item>Otherwise an undeclared member keeps the decision pending.</item>
/// <item>What it would take: every member against or undeclared concurs, and, when the constructive abstainers reach
/// both thirds, the fewest of them concur, the most populous first (bringing either the count or the population below
/// one third, whichever comes first).</item>
/// <item>With no participating member nobody is against, so the decision is adopted.</item>
/// </list>
/// </remarks>
public sealed class EuUnanimity : IDecisionRule
{
    private static readonly FrozenSet<PositionKind> Allowed =
        new[] { Undeclared, Concur, Abstain, ConstructiveAbstention, Against, NonParticipation }.ToFrozenSet();

    private EuUnanimity() { }

    /// <summary>The one EU unanimity rule.</summary>
    public static EuUnanimity Instance { get; } = new();

    public RuleKind Kind => RuleKind.EuUnanimity;

    /// <summary>Undeclared, concur, abstain, constructive abstention, against, non-participation.</summary>
    public IReadOnlySet<PositionKind> AllowedPositions => Allowed;

    /// <inheritdoc />
    public Evaluation Evaluate(RuleInput input)
    {
        var voting = Tally.Of(input, this).Excluding(NonParticipation);
        var abstainers = voting.With(ConstructiveAbstention).ToList();
        var tooMany = TooManyAbstainers(voting, abstainers);
        var blocking = Tally.Members(voting.With(Against).Concat(tooMany ? abstainers : []));
        var toAct = voting.MembersWith(Undeclared);
        var outcome = blocking.Count > 0 ? Outcome.Blocked : toAct.Count > 0 ? Outcome.Pending : Outcome.Adopted;
        var winBack = FewestToWinBack(voting, abstainers);
        var changes = Tally.ToConcur(voting.With(Against, Undeclared).Concat(winBack));
        return new Evaluation(outcome, blocking, toAct, changes, Explain(outcome, voting, tooMany));
    }

    /// <summary>At least one third of the participating members, comprising at least one third of their population.</summary>
    private static bool TooManyAbstainers(Tally voting, IReadOnlyCollection<Stance> abstainers) =>
        abstainers.Count > 0
        && abstainers.Count * 3L >= voting.Count
        && abstainers.Sum(s => s.Seat.Population) * 3 >= voting.Population;

    private static IEnumerable<Stance> FewestToWinBack(Tally voting, IReadOnlyList<Stance> abstainers)
    {
        var largestFirst = Tally.LargestFirst(abstainers).ToList();
        var k = 0;
        while (TooManyAbstainers(voting, largestFirst.Skip(k).ToList())) k++;
        return largestFirst.Take(k);
    }

    private static string Explain(Outcome outcome, Tally voting, bool tooMany) => outcome switch
    {
        Outcome.Blocked => "Blocked: " + Phrases.And(
            Phrases.Who(Noun.Member, voting.MembersWith(Against), "votes against", "vote against"),
            tooMany ? Phrases.Who(Noun.Member, voting.MembersWith(ConstructiveAbstention), "abstains constructively",
                "abstain constructively") + ", at least one third of the members and of the population" : "") + ".",
        Outcome.Pending => "Pending: "
            + Phrases.Who(Noun.Member, voting.MembersWith(Undeclared), "has not voted", "have not voted") + ".",
        _ => "Adopted: no member votes against" + (voting.Any(Abstain, ConstructiveAbstention)
            ? "; " + Phrases.Who(
                Noun.Member, voting.MembersWith(Abstain, ConstructiveAbstention), "abstains", "abstain")
                + ", which does not block unanimity" : "") + ".",
    };
}
