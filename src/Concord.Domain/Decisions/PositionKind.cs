namespace Concord.Domain.Decisions;

/// <summary>
/// What a member has said on a decision. NATO practice is not yes/no: an Ally may concur, agree ad referendum,
/// place a reservation (a hold), concur with a footnote, not participate, or object (under the silence
/// procedure: break silence). <see cref="Abstain"/>, <see cref="ConstructiveAbstention"/> and
/// <see cref="Against"/> exist only in bodies whose rules have votes.
/// </summary>
public enum PositionKind
{
    /// <summary>Nothing said yet: the default for every eligible member.</summary>
    Undeclared,
    /// <summary>Agrees (in a voting body: votes in favour).</summary>
    Concur,
    /// <summary>Agrees subject to confirmation by its capital: not yet final.</summary>
    AdReferendum,
    /// <summary>Withholds agreement until its condition is met; blocks until lifted.</summary>
    Reservation,
    /// <summary>Concurs, with its dissent recorded in a footnote; does not block.</summary>
    Footnote,
    /// <summary>Does not block, but takes no part (opt-out).</summary>
    NonParticipation,
    /// <summary>Objects; under the silence procedure this is breaking silence.</summary>
    Object,
    /// <summary>Abstains in a vote (EU: counts as not in favour; UNSC: not a veto).</summary>
    Abstain,
    /// <summary>EU constructive abstention (Art. 31(1) TEU): does not block unanimity, need not apply the decision.</summary>
    ConstructiveAbstention,
    /// <summary>Votes against.</summary>
    Against,
}
