using System.Collections.Frozen;
using Concord.Domain.Decisions;
using static Concord.Domain.Decisions.PositionKind;

namespace Concord.Domain.Rules;

/// <summary>
/// NATO consensus, as the Alliance states it: <em>adopted when no Ally objects</em>. Outside the silence procedure
/// silence is not yet consent: the decision is adopted only once every eligible Ally has given a final position
/// that does not block. (Under silence, see <see cref="SilenceProcedure"/>.)
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>One objection or one reservation (hold) is enough to block; lifting it (concurring) removes the block.</item>
/// <item>An undeclared Ally, or one that agreed ad referendum (its capital has not yet confirmed), keeps the decision
/// pending and is listed in <see cref="Evaluation.ToAct"/>, also while it is blocked.</item>
/// <item>A footnote (dissociation) and non-participation (opt-out) never block; any footnote makes the outcome
/// <see cref="Outcome.AdoptedWithFootnotes"/>.</item>
/// <item>What it would take: every blocking, undeclared or ad referendum Ally concurs. Each of them has to move,
/// so no smaller set exists.</item>
/// <item>With no eligible Ally at all nobody objects, so the decision is adopted.</item>
/// </list>
/// </remarks>
public sealed class NatoConsensus : IDecisionRule
{
    internal static readonly FrozenSet<PositionKind> Allowed =
        new[] { Undeclared, Concur, AdReferendum, Reservation, Footnote, NonParticipation, PositionKind.Object }
            .ToFrozenSet();

    private NatoConsensus() { }

    /// <summary>The one NATO consensus rule.</summary>
    public static NatoConsensus Instance { get; } = new();

    public RuleKind Kind => RuleKind.NatoConsensus;

    /// <summary>Undeclared, concur, ad referendum, reservation, footnote, non-participation, object.</summary>
    public IReadOnlySet<PositionKind> AllowedPositions => Allowed;

    /// <inheritdoc />
    public Evaluation Evaluate(RuleInput input) => Decide(Tally.Of(input, this), Noun.Ally);

    /// <summary>Consensus over <paramref name="tally"/>, worded with the body's <paramref name="noun"/>.</summary>
    internal static Evaluation Decide(Tally tally, Noun noun)
    {
        var blocking = tally.MembersWith(PositionKind.Object, Reservation);
        var toAct = tally.MembersWith(Undeclared, AdReferendum);
        var outcome = blocking.Count > 0 ? Outcome.Blocked
            : toAct.Count > 0 ? Outcome.Pending
            : tally.Any(Footnote) ? Outcome.AdoptedWithFootnotes
            : Outcome.Adopted;
        var changes = Tally.ToConcur(tally.With(PositionKind.Object, Reservation, Undeclared, AdReferendum));
        return new Evaluation(outcome, blocking, toAct, changes, Explain(outcome, tally, noun));
    }

    private static string Explain(Outcome outcome, Tally tally, Noun noun) => outcome switch
    {
        Outcome.Blocked => "Blocked: " + Phrases.And(
            Phrases.Who(noun, tally.MembersWith(PositionKind.Object), "objects", "object"),
            Phrases.Who(noun, tally.MembersWith(Reservation), "holds a reservation", "hold reservations")) + ".",
        Outcome.Pending => "Pending: " + Phrases.NotFinal(noun, tally) + ".",
        Outcome.AdoptedWithFootnotes =>
            $"Adopted with footnotes: no {noun.One} objects{Phrases.Then(Phrases.Footnotes(noun, tally))}.",
        _ => $"Adopted: no {noun.One} objects.",
    };
}
