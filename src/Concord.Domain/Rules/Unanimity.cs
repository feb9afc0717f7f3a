using System.Collections.Frozen;
using Concord.Domain.Decisions;
using static Concord.Domain.Decisions.PositionKind;

namespace Concord.Domain.Rules;

/// <summary>
/// Unanimity in the ratification sense: <em>in force when every Party has acted</em>. Every eligible Party must
/// concur; silence is not consent.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>One objection, vote against or reservation blocks.</item>
/// <item>Otherwise an undeclared Party keeps the decision pending, for as long as it stays silent.</item>
/// <item>What it would take: every Party that has not concurred concurs; each of them has to, so no smaller set
/// exists.</item>
/// <item>With no eligible Party at all nobody withholds consent, so the decision is adopted.</item>
/// </list>
/// </remarks>
public sealed class Unanimity : IDecisionRule
{
    private static readonly FrozenSet<PositionKind> Allowed =
        new[] { Undeclared, Concur, PositionKind.Object, Against, Reservation }.ToFrozenSet();

    private Unanimity() { }

    /// <summary>The one unanimity rule.</summary>
    public static Unanimity Instance { get; } = new();

    public RuleKind Kind => RuleKind.Unanimity;

    /// <summary>Undeclared, concur, object, against, reservation.</summary>
    public IReadOnlySet<PositionKind> AllowedPositions => Allowed;

    /// <inheritdoc />
    public Evaluation Evaluate(RuleInput input)
    {
        var tally = Tally.Of(input, this);
        var blocking = tally.MembersWith(PositionKind.Object, Against, Reservation);
        var toAct = tally.MembersWith(Undeclared);
        var outcome = blocking.Count > 0 ? Outcome.Blocked : toAct.Count > 0 ? Outcome.Pending : Outcome.Adopted;
        return new Evaluation(outcome, blocking, toAct, Tally.ToConcur(tally.Except(Concur)), Explain(outcome, tally));
    }

    private static string Explain(Outcome outcome, Tally tally) => outcome switch
    {
        Outcome.Blocked => "Blocked: " + Phrases.And(
            Phrases.Who(Noun.Party, tally.MembersWith(PositionKind.Object), "objects", "object"),
            Phrases.Who(Noun.Party, tally.MembersWith(Against), "votes against", "vote against"),
            Phrases.Who(Noun.Party, tally.MembersWith(Reservation), "holds a reservation", "hold reservations")) + ".",
        Outcome.Pending => "Pending: "
            + Phrases.Who(Noun.Party, tally.MembersWith(Undeclared), "has not acted", "have not acted")
            + "; silence is not consent.",
        _ => "Adopted: every Party concurs.",
    };
}
