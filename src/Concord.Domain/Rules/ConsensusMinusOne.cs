using Concord.Domain.Decisions;
using Concord.Domain.Members;

namespace Concord.Domain.Rules;

/// <summary>
/// OSCE consensus-minus-one (CSCE Prague Council, 1992): consensus, as <see cref="NatoConsensus"/>, disregarding the
/// State concerned (<see cref="RuleInput.Concerned"/>) in cases of clear, gross and uncorrected violations.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The State concerned is taken out of the count altogether: its objection or reservation does not block, and
/// it is not awaited while undeclared or ad referendum. Its footnote is not recorded as a footnote either.</item>
/// <item>Every other participating State is counted exactly as under NATO consensus.</item>
/// <item>Without a State concerned (or when it is not eligible) the outcome, blocking members, members to act and
/// what it would take are those of <see cref="NatoConsensus"/>; only the explanation names participating States.</item>
/// </list>
/// </remarks>
public sealed class ConsensusMinusOne : IDecisionRule
{
    private ConsensusMinusOne() { }

    /// <summary>The one consensus-minus-one rule.</summary>
    public static ConsensusMinusOne Instance { get; } = new();

    public RuleKind Kind => RuleKind.ConsensusMinusOne;

    /// <summary>The same positions as NATO consensus.</summary>
    public IReadOnlySet<PositionKind> AllowedPositions => NatoConsensus.Allowed;

    /// <inheritdoc />
    public Evaluation Evaluate(RuleInput input)
    {
        var tally = Tally.Of(input, this);
        if (input.Concerned is not { } concerned || tally.Stances.All(s => s.Member != concerned))
            return NatoConsensus.Decide(tally, Noun.State);

        var evaluation = NatoConsensus.Decide(tally.Without(concerned), Noun.State);
        var note = Disregarded(concerned, input.PositionOf(concerned));
        return evaluation with { Explanation = evaluation.Explanation + note };
    }

    private static string Disregarded(MemberCode concerned, PositionKind position)
    {
        var what = position switch
        {
            PositionKind.Object => "objection",
            PositionKind.Reservation => "reservation",
            _ => "position",
        };
        return $" The {what} of {concerned}, the State concerned, is disregarded.";
    }
}
