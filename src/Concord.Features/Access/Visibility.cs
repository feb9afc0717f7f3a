using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Features.Decisions;
using Concord.Features.EventLog;
using NodaTime;

namespace Concord.Features.Access;

/// <summary>What a reader may see of one decision.</summary>
public enum DecisionSight
{
    /// <summary>Not cleared for the decision itself: it is answered exactly as a decision that does not exist.</summary>
    Invisible,
    /// <summary>Cleared for the decision and for every event of its stream: the whole view.</summary>
    Full,
    /// <summary>
    /// Cleared for the decision but not for every position: subject, body, rule, dates, status and the released
    /// statement, and nothing from which a hidden position could be inferred (no positions, tally, blockers, counts).
    /// </summary>
    Redacted,
}

/// <summary>
/// Redaction, in one place. Every read of a decision (its view now or as of a date, the list, the summits, the
/// position history, the event feed and the export) asks here what the reader may see, using the one rule of
/// <see cref="Reader.CanSee"/> on the marking each event was stored with. A decision's marking is the marking of its
/// opening event; an event stored before markings existed is PUBLIC.
/// </summary>
public static partial class Visibility
{
    /// <summary>The classification an event was stored with.</summary>
    public static Classification ClassificationOf(StoredEvent e) => ClassificationOf(e.Marking, e.ReleasableTo);

    public static Classification ClassificationOf(Marking marking, string? releasableTo) => Classification.FromStored(marking, releasableTo);

    /// <summary>True when <paramref name="reader"/> may see the stored event <paramref name="e"/> on its own.</summary>
    public static bool CanSee(this Reader reader, StoredEvent e) => reader.CanSee(ClassificationOf(e));

    /// <summary>True when the reader's clearance and standing let it see every decision and position (the host, a fully cleared Ally).</summary>
    public static bool SeesEverything(Reader reader) => reader.IsAllied && reader.Clearance == Marking.NatoSecret;

    /// <summary>
    /// True when the reader sees every event the log may hold, whatever it holds: every decision and position, and the
    /// accounts' events. Only such a reader is given what counts events (log positions, stream versions, the chain's
    /// hashes, the head): for any other reader those would count the events hidden from it. Decided by the reader's
    /// standing alone, never by what the log holds, so that a hidden event cannot change the form a reader is given.
    /// </summary>
    public static bool SeesEveryEvent(Reader reader) => SeesEverything(reader) && ReadsAccounts(reader);

    /// <summary>
    /// True when the reader may read the accounts' events (who holds which role, clearance, nationality and token): those who
    /// may read the audit trail. A rule at reading time, never a marking: the marking an event was stored with is covered by
    /// its hash, so account events keep the marking they were written with and every other reader is simply not shown them.
    /// </summary>
    public static bool ReadsAccounts(Reader reader) => Access.Allows(reader, Permission.ReadAudit);

    /// <summary>A decision's marking: the marking of its opening event (PUBLIC for an empty stream).</summary>
    public static Classification MarkingOf(IReadOnlyList<StoredEvent> stream) =>
        stream.Count == 0 ? Classification.Public : ClassificationOf(stream.MinBy(e => e.StreamVersion)!);

    /// <summary>
    /// What <paramref name="reader"/> may see of the decision whose whole stream is <paramref name="stream"/>, as of
    /// <paramref name="asOf"/> (now when null): invisible when it is not cleared for the decision; redacted when an
    /// event effective by then is hidden from it; otherwise the whole view.
    /// </summary>
    public static DecisionSight Of(Reader reader, IReadOnlyList<StoredEvent> stream, Instant? asOf = null)
    {
        if (stream.Count == 0 || !reader.CanSee(MarkingOf(stream))) return DecisionSight.Invisible;
        return stream.Where(e => asOf is null || e.Effective <= asOf).All(reader.CanSee) ? DecisionSight.Full : DecisionSight.Redacted;
    }

    /// <summary>
    /// The view of a decision <paramref name="reader"/> may have at <paramref name="at"/>: the whole view, or the redacted
    /// one. <paramref name="state"/> is the decision folded from the events of <paramref name="stream"/> effective by then.
    /// The caller has already answered an invisible decision as unknown.
    /// <para>
    /// The whole view as of a past instant carries a version only for a reader who sees the whole stream now: events are
    /// entered late and out of order, so the highest version effective by then can count an event recorded before it and
    /// effective later, hidden from the reader. Any other reader is given version 0, as in the redacted view.
    /// </para>
    /// </summary>
    public static DecisionView View(Reader reader, IReadOnlyList<StoredEvent> stream, Decision state, Body body, Instant at)
    {
        var marking = MarkingOf(stream);
        var shown = stream.Where(e => e.Effective <= at).ToList();
        var version = shown.Count == 0 || Of(reader, stream) != DecisionSight.Full ? 0 : shown.Max(e => e.StreamVersion);
        return Of(reader, stream, at) == DecisionSight.Full
            ? DecisionViews.Build(state, body, at, version) with { Classification = marking.ToString() }
            : Redacted(state, at, marking, SilenceStarts.Of(stream, at));
    }

    /// <summary>
    /// The view of a decision as it stands (its read model) that <paramref name="reader"/> may have at <paramref name="at"/>;
    /// <paramref name="firstDeadline"/> is its first silence deadline (<see cref="SilenceStarts"/>), for the redacted view.
    /// </summary>
    public static DecisionView View(Reader reader, CurrentDecision current, Body body, Instant at, Instant? firstDeadline = null) =>
        current.SightOf(reader) == DecisionSight.Full
            ? DecisionViews.Build(current.State, body, at, current.Version) with { Classification = current.Marking.ToString() }
            : Redacted(current.State, at, current.Marking, firstDeadline);

    /// <summary>
    /// The redacted view: what the secretariat released and the decision's own facts, and every aggregate empty. The
    /// version is 0 too: a count of events would count the hidden positions. The status is <see cref="RedactedStatus"/>.
    /// </summary>
    public static DecisionView Redacted(Decision state, Instant at, Classification marking, Instant? firstDeadline = null)
    {
        var status = RedactedStatus(state, at, firstDeadline);
        var outcome = status == DecisionStatus.Withdrawn ? Outcome.Withdrawn : Outcome.Withheld;
        var closed = status is DecisionStatus.Concluded or DecisionStatus.Withdrawn ? state.ConcludedAt : null;
        return new DecisionView(state.Id.Value, state.Subject, state.Body, state.Rule, state.Summit, state.Opened, null, null, at, outcome,
            state.ReleasedOutcome ?? NotReleased, [], [], [], [], 0,
            marking.ToString(), status, closed, PositionsShown: false, state.ReleasedOutcome);
    }

    /// <summary>
    /// Where a decision stands, as a reader who sees it redacted is told. Under the silence procedure, whether the draft is
    /// adopted at its deadline or stays open (then is re-issued, concluded or withdrawn) depends on whether an Ally broke
    /// silence, which may be hidden from the reader: once the first deadline (<paramref name="firstDeadline"/>; the current
    /// one when not given) has passed, the reader is told only <see cref="DecisionStatus.SilenceDeadlinePassed"/>, whatever
    /// happened, and learns more only from the outcome the secretariat releases. What the secretariat did before that
    /// deadline (concluding, withdrawing) is its own act and shown.
    /// </summary>
    public static DecisionStatus RedactedStatus(Decision state, Instant at, Instant? firstDeadline = null)
    {
        var deadline = firstDeadline ?? state.SilenceDeadline;
        if (deadline is { } d && d <= at && !(state.ConcludedAt is { } closed && closed < d)) return DecisionStatus.SilenceDeadlinePassed;
        return DecisionViews.StatusOf(state);
    }

    /// <summary>A row of the list as the reader may see it, or null when the decision is invisible to it.</summary>
    public static DecisionSummary? Summary(DecisionSummary full, DecisionSight sight) => sight switch
    {
        DecisionSight.Full => full,
        DecisionSight.Redacted => full with
        {
            SilenceDeadline = null,
            Outcome = full.Status == DecisionStatus.Withdrawn ? Outcome.Withdrawn : Outcome.Withheld,
            Blocking = [],
            Version = 0,
            PositionsShown = false,
        },
        _ => null,
    };

    /// <summary>
    /// True when the feed or an export shows event <paramref name="e"/> to the reader: an event it is cleared for, and
    /// of a decision with hidden positions only the opening and the released outcome.
    /// </summary>
    public static bool Shows(Reader reader, StoredEvent e, DecisionSight sight) => Shows(reader, e.StreamVersion, e.Name, ClassificationOf(e), sight);

    /// <summary>The same rule, for an event known by its version, name and marking.</summary>
    public static bool Shows(Reader reader, int streamVersion, string name, Classification classification, DecisionSight sight) => sight switch
    {
        DecisionSight.Full => reader.CanSee(classification),
        DecisionSight.Redacted => (streamVersion == 1 || name == EventNames.NameOf<OutcomeReleased>()) && reader.CanSee(classification),
        _ => false,
    };

    /// <summary>What a reader is told in place of an outcome the secretariat has not released.</summary>
    public const string NotReleased = "Outcome not released.";

    /// <summary>What a reader is told in place of the positions.</summary>
    public const string PositionsNotShown = "Positions are not shown at your clearance.";
}
