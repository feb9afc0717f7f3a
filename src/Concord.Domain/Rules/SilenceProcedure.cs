using Concord.Domain.Decisions;
using static Concord.Domain.Decisions.PositionKind;

namespace Concord.Domain.Rules;

/// <summary>
/// NATO consensus under the silence procedure: a draft circulated with a deadline is <em>adopted unless an Ally
/// breaks silence</em>. Undeclared Allies, and those that agreed ad referendum, are deemed to consent once the deadline
/// has passed (<see cref="RuleInput.SilenceDeadlinePassed"/>).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>An objection is breaking silence, and blocks; so does a reservation (hold). One Ally is enough.</item>
/// <item>With no block, the draft is <see cref="Outcome.AdoptedUnderSilence"/> once the deadline has passed, footnotes
/// or not, and <see cref="Outcome.Pending"/> until then, even if every Ally has already concurred: the procedure
/// concludes at the deadline.</item>
/// <item>While it is not adopted, undeclared and ad referendum Allies are listed to act: they may still break
/// silence.</item>
/// <item>What it would take means adoption <em>at the deadline</em>: only the blocking Allies need to lift their
/// objection or reservation (concur); silence does the rest. Before the deadline, with no block, it is empty.</item>
/// </list>
/// </remarks>
public sealed class SilenceProcedure : IDecisionRule
{
    private SilenceProcedure() { }

    /// <summary>The one silence procedure.</summary>
    public static SilenceProcedure Instance { get; } = new();

    /// <summary>The silence procedure is a way of reaching NATO consensus, not a rule of its own.</summary>
    public RuleKind Kind => RuleKind.NatoConsensus;

    /// <summary>The same positions as NATO consensus.</summary>
    public IReadOnlySet<PositionKind> AllowedPositions => NatoConsensus.Allowed;

    /// <inheritdoc />
    public Evaluation Evaluate(RuleInput input)
    {
        var tally = Tally.Of(input, this);
        var blocking = tally.MembersWith(PositionKind.Object, Reservation);
        var outcome = blocking.Count > 0 ? Outcome.Blocked
            : input.SilenceDeadlinePassed ? Outcome.AdoptedUnderSilence
            : Outcome.Pending;
        var toAct = outcome.IsAdopted() ? [] : tally.MembersWith(Undeclared, AdReferendum);
        var changes = Tally.ToConcur(tally.With(PositionKind.Object, Reservation));
        return new Evaluation(outcome, blocking, toAct, changes, Explain(outcome, tally));
    }

    private static string Explain(Outcome outcome, Tally tally) => outcome switch
    {
        Outcome.Blocked => "Blocked: " + Phrases.And(
            tally.Any(PositionKind.Object)
                ? "silence broken by " + Phrases.Group(Noun.Ally, tally.MembersWith(PositionKind.Object))
                : "",
            Phrases.Who(Noun.Ally, tally.MembersWith(Reservation), "holds a reservation", "hold reservations")) + ".",
        Outcome.AdoptedUnderSilence => "Adopted under silence: the deadline passed and no Ally broke silence"
            + Phrases.Then(Phrases.Footnotes(Noun.Ally, tally)) + ".",
        _ => "Pending: adopted at the deadline unless an Ally breaks silence"
            + Phrases.Then(Phrases.NotFinal(Noun.Ally, tally)) + ".",
    };
}
