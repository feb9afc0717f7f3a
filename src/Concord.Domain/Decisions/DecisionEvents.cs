using Concord.Domain.Members;
using Concord.Domain.Rules;
using NodaTime;

namespace Concord.Domain.Decisions;

/// <summary>A fact in a decision's stream. Stored names are registered in the event log, never CLR names.</summary>
public interface IDecisionEvent;

/// <summary>The secretariat opened a decision under a rule, optionally due at a summit.</summary>
public sealed record DecisionOpened(
    DecisionId Decision,
    string Subject,
    string Body,
    RuleKind Rule,
    string? Summit,
    MemberCode? Concerned) : IDecisionEvent;

/// <summary>A member's position on a decision changed. The concrete record names what happened.</summary>
public abstract record PositionRecorded(
    MemberCode Member,
    PositionKind Kind,
    string? Condition,
    string? Source,
    string? Confidence,
    string? Note) : IDecisionEvent;

/// <summary>A member stated a position (concur, ad referendum, non-participation, object, a vote...).</summary>
public sealed record PositionStated(MemberCode Member, PositionKind Kind, string? Condition, string? Source, string? Confidence, string? Note)
    : PositionRecorded(Member, Kind, Condition, Source, Confidence, Note);

/// <summary>A member placed a reservation (a hold) with its condition; it blocks until lifted.</summary>
public sealed record ReservationPlaced(MemberCode Member, PositionKind Kind, string? Condition, string? Source, string? Confidence, string? Note)
    : PositionRecorded(Member, Kind, Condition, Source, Confidence, Note);

/// <summary>A member lifted its reservation, moving to the position it now holds.</summary>
public sealed record ReservationLifted(MemberCode Member, PositionKind Kind, string? Condition, string? Source, string? Confidence, string? Note)
    : PositionRecorded(Member, Kind, Condition, Source, Confidence, Note);

/// <summary>A member concurred with its dissent recorded as a footnote.</summary>
public sealed record FootnoteEntered(MemberCode Member, PositionKind Kind, string? Condition, string? Source, string? Confidence, string? Note)
    : PositionRecorded(Member, Kind, Condition, Source, Confidence, Note);

/// <summary>A member broke silence: it objected to a draft under the silence procedure.</summary>
public sealed record SilenceBroken(MemberCode Member, PositionKind Kind, string? Condition, string? Source, string? Confidence, string? Note)
    : PositionRecorded(Member, Kind, Condition, Source, Confidence, Note);

/// <summary>The draft was put under silence with a deadline (an instant; shown in Europe/Brussels time).</summary>
public sealed record DraftPutUnderSilence(Instant Deadline) : IDecisionEvent;

/// <summary>
/// After silence was broken, the chair re-issued a redrafted text under a new deadline. The objections to the
/// previous draft no longer apply: the Allies that broke silence are undeclared again.
/// </summary>
public sealed record DraftReissuedUnderSilence(Instant Deadline) : IDecisionEvent;

/// <summary>The silence deadline passed and no Ally had broken silence: the decision is adopted, effective at the deadline.</summary>
public sealed record DecisionAdoptedUnderSilence(Instant Deadline) : IDecisionEvent;

/// <summary>The secretariat closed the decision with the outcome its rule gave then (adopted, or lapsed without consensus).</summary>
public sealed record DecisionConcluded(Outcome Outcome) : IDecisionEvent;

/// <summary>
/// The secretariat recorded how the decision ended as a source gives it (a summit declaration, a communiqué), effective
/// the day it ended: adopted, or lapsed without consensus. Unlike <see cref="DecisionConcluded"/>, the outcome is the
/// source's, not the rule's of the day it is entered; Concord accepted it only where it agreed with the positions
/// standing that day (no adoption while an Ally's objection stood, no lapse once every Ally had concurred).
/// </summary>
public sealed record ConclusionRecorded(Outcome Outcome, string Source, string? Note) : IDecisionEvent;

/// <summary>The secretariat withdrew the decision.</summary>
public sealed record DecisionWithdrawn(string Reason) : IDecisionEvent;

/// <summary>
/// The secretariat released an outcome statement ("No consensus.") for readers not cleared for every position: what
/// they are shown instead of the tally, the blockers and what it would take. A later release replaces it.
/// </summary>
public sealed record OutcomeReleased(string Statement) : IDecisionEvent;
