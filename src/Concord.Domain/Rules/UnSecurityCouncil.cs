using System.Collections.Frozen;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using static Concord.Domain.Decisions.PositionKind;

namespace Concord.Domain.Rules;

/// <summary>
/// UN Security Council substantive vote (Charter Art. 27(3)): adopted with at least
/// <see cref="AffirmativeVotesNeeded"/> affirmative votes <em>and</em> no permanent member voting against (a veto).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>9 is inclusive and absolute, whatever the number of seats (15 under the Charter).</item>
/// <item>A permanent member's abstention or non-participation is not a veto (practice since 1946); it is simply not
/// an affirmative vote. Only a concurring member votes yes.</item>
/// <item>Undeclared members: adopted if it passes even when they all vote against (an undeclared permanent member is
/// a potential veto), blocked if it fails even when they all concur, pending otherwise.</item>
/// <item>When blocked, the members blocking are the permanent members vetoing; with no veto (too few votes), every
/// member that has declared something other than concur.</item>
/// <item>What it would take: every permanent member against or undeclared concurs (each is a veto, actual or
/// potential), then the fewest other members concur to reach 9, elected members first, then by code. Impossible
/// (empty) with fewer than 9 seats.</item>
/// </list>
/// </remarks>
public sealed class UnSecurityCouncil : IDecisionRule
{
    /// <summary>Affirmative votes a substantive decision needs (inclusive).</summary>
    public const int AffirmativeVotesNeeded = 9;

    private static readonly FrozenSet<PositionKind> Allowed =
        new[] { Undeclared, Concur, Abstain, Against, NonParticipation }.ToFrozenSet();

    private UnSecurityCouncil() { }

    /// <summary>The one Security Council rule (substantive matters).</summary>
    public static UnSecurityCouncil Instance { get; } = new();

    public RuleKind Kind => RuleKind.UnSecurityCouncil;

    /// <summary>Undeclared, concur, abstain, against, non-participation.</summary>
    public IReadOnlySet<PositionKind> AllowedPositions => Allowed;

    /// <inheritdoc />
    public Evaluation Evaluate(RuleInput input)
    {
        var tally = Tally.Of(input, this);
        var outcome = tally.Bracket(Adopts);
        var adopted = outcome.IsAdopted();
        return new Evaluation(
            outcome,
            outcome == Outcome.Blocked ? Blocking(tally) : [],
            adopted ? [] : tally.MembersWith(Undeclared),
            adopted ? [] : Persuade(tally),
            Explain(outcome, tally));
    }

    private static bool Adopts(Tally tally) =>
        tally.With(Concur).Count() >= AffirmativeVotesNeeded && !Vetoes(tally).Any();

    private static IEnumerable<Stance> Vetoes(Tally tally) => tally.With(Against).Where(s => s.Seat.Permanent);

    private static IReadOnlyList<MemberCode> Blocking(Tally tally) =>
        Vetoes(tally).Any() ? Tally.Members(Vetoes(tally)) : tally.MembersWith(Abstain, Against, NonParticipation);

    private static IReadOnlyList<PositionChange> Persuade(Tally tally)
    {
        if (tally.Count < AffirmativeVotesNeeded) return [];
        var vetoes = tally.With(Against, Undeclared).Where(s => s.Seat.Permanent).ToList();
        var missing = AffirmativeVotesNeeded - tally.With(Concur).Count() - vetoes.Count;
        var others = tally.Except(Concur).Except(vetoes)
            .OrderBy(s => s.Seat.Permanent)
            .ThenBy(s => s.Member.Value, StringComparer.Ordinal)
            .Take(Math.Max(0, missing));
        return Tally.ToConcur(vetoes.Concat(others));
    }

    private static string Explain(Outcome outcome, Tally tally)
    {
        var yes = $"{tally.With(Concur).Count()} affirmative votes of the {AffirmativeVotesNeeded} needed";
        var vetoes = Tally.Members(Vetoes(tally));
        return outcome switch
        {
            Outcome.Adopted => $"Adopted: {yes} and no permanent member against.",
            Outcome.Blocked when vetoes.Count > 0 => "Blocked: vetoed by "
                + Phrases.Group(Noun.PermanentMember, vetoes) + ".",
            Outcome.Blocked => $"Blocked: {yes}, and too few members remain to vote.",
            _ => $"Pending: {yes}" + Phrases.Then(
                Phrases.Who(Noun.Member, tally.MembersWith(Undeclared), "has not voted", "have not voted")) + ".",
        };
    }
}
