using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Features.EventLog;
using Concord.Features.Members;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>
/// A recorded step, for the accession's timeline. <see cref="Confidence"/> is a word of docs/confidence.md, or null when
/// unlabelled (also when stored with free text from before the vocabulary: <see cref="Readable"/>). <paramref name="Corrects"/> is true for a record that corrects the date
/// of the record of the same step (or Party's stage) before it, which it supersedes and which stays on the timeline.
/// </summary>
public sealed record StepView(AccessionStep Step, DateWindow Date, string? Party, RatificationStage? Stage, string? Decision, string? Summit,
    string? Source, string? Confidence, string? Note, bool Corrects = false)
{
    /// <summary>The step with its confidence as the vocabulary reads it: free text stored before the vocabulary reads as unlabelled.</summary>
    public StepView Readable() => ConfidenceWords.Read(Confidence) is { } level
        ? (Words.Of(level) == Confidence ? this : this with { Confidence = Words.Of(level) })
        : Confidence is null ? this : this with { Confidence = null };
}

/// <summary>
/// An accession as of a date: where it stands (tracks and analytics) and the steps recorded so far; <see cref="KnownOn"/>
/// is the day whose knowledge it shows (null: everything recorded, as now).
/// </summary>
public sealed record AccessionView(AccessionStatus Status, IReadOnlyList<StepView> Steps, int Version, LocalDate? KnownOn = null);

/// <summary>
/// One accession, now or as of a date. Where it stands is evaluated when read, for the date asked, with the seats and the
/// procedures of the read models. The folded state comes from the read model when the date is on or after its latest step
/// (today, as a rule); an earlier date folds the stream up to it with the same Evolve as writes use.
/// </summary>
public static class GetAccession
{
    /// <param name="knownOn">
    /// Read the accession as it was known on that day (docs/known-on.md): no step, note, source or bound published later.
    /// Null, or today and later, reads everything recorded.
    /// </param>
    public static async Task<Result<AccessionView>> Handle(ConcordDbContext db, IClock clock, MemberCode candidate, LocalDate? asOf, CancellationToken ct,
        LocalDate? knownOn = null)
    {
        var row = await db.Accessions.AsNoTracking().FirstOrDefaultAsync(a => a.Candidate == candidate.Value, ct);
        if (row is null) return NoSuch(candidate);
        var today = Zones.BrusselsDate(clock.GetCurrentInstant());
        var date = asOf ?? today;
        if (knownOn is { } known && known < today) return await FromLog(db, candidate, date, ct, known);
        if (row.LastEffective is { } last && last > Zones.EndOf(date)) return await FromLog(db, candidate, date, ct);
        var steps = AccessionStream.Timeline(row).Select(s => s.Step.Readable()).ToList();
        return await View(db, AccessionStream.State(row), date, steps, row.Version, ct);
    }

    /// <summary>
    /// The accession as of <paramref name="date"/>, folded from its stream (what <see cref="Handle"/> does for a date before
    /// its latest step, or to read it as known on a day). Known on <paramref name="knownOn"/>, only the steps known by then
    /// count, for what was done and for who was still pending, and of those only the notes and sources published by then.
    /// </summary>
    public static async Task<Result<AccessionView>> FromLog(ConcordDbContext db, MemberCode candidate, LocalDate date, CancellationToken ct,
        LocalDate? knownOn = null)
    {
        var rows = await new EventStore(db).ReadStream(StreamIds.Accession(candidate), ct);
        if (rows.Count == 0) return NoSuch(candidate);
        var all = rows.Select(r => (Fact: AccessionStream.ToFact(r), r.Recorded)).ToList();
        var lens = knownOn is { } day
            ? new Sources.KnownOn(day, await Sources.SourceBook.For(db, all.Select(x => (x.Fact.Event as AccessionStepRecorded)?.Source), ct))
            : null;
        // Opening the file on a candidate is bookkeeping, known whenever the stream is read; a step, from when it was known.
        var known = all.Where(x => lens is null || x.Fact.Event is not AccessionStepRecorded s || lens.Knows(s.Date, s.Confidence, s.Source, x.Recorded)).ToList();
        var facts = known.Where(x => x.Fact.Event is AccessionOpened || x.Fact.Effective <= Zones.EndOf(date)).Select(x => x.Fact).ToList();
        var recorded = all.ToDictionary(x => x.Fact.Version, x => x.Recorded);
        var steps = AccessionStream.Timeline(facts).Select(s => (lens is null ? s.Step : Shown(lens, s.Step, recorded[s.Version])).Readable()).ToList();
        // Acts dated after the day are not shown, but they tell which Parties were still pending on it.
        var view = await View(db, Accession.Replay(facts)!, date, steps, facts.Count == 0 ? 0 : facts.Max(f => f.Version), ct,
            Accession.Replay(known.Select(x => x.Fact)), knownOn);
        if (view.Refusal is not null) return view;
        if (lens is null) return view.Value!;
        var status = view.Value!.Status;
        var procedures = await ProcedureLens(db, knownOn!.Value, status, ct);
        return view.Value! with { KnownOn = knownOn, Status = status with { Parties = [.. status.Parties.Select(p => AsKnown(p, steps, procedures))] } };
    }

    /// <summary>
    /// A Party's row as known on the lens's day: each stage with the note and sources its step shows then (the status is
    /// folded from the steps as recorded, with every note), and its procedure's note only when known by then.
    /// </summary>
    private static PartyStatus AsKnown(PartyStatus party, IReadOnlyList<StepView> steps, Func<RatificationProcedure, RatificationProcedure> procedure) =>
        party with
        {
            Stages = [.. party.Stages.Select(stage => steps.LastOrDefault(s => s.Party == party.Party.Value && s.Stage == stage.Stage && s.Date == stage.Date) is { } shown
                ? stage with { Note = shown.Note, Source = shown.Source }
                : stage with { Note = null, Source = null })],
            Procedure = procedure(party.Procedure),
        };

    /// <summary>
    /// A procedure's note as known on <paramref name="day"/>. The note describes how a Party ratifies and cites the acts
    /// that show it, often of later accessions, so it is known only when every source it cites had been published: an
    /// undated source, or a note without one, counts from when the procedure was recorded in Concord.
    /// </summary>
    private static async Task<Func<RatificationProcedure, RatificationProcedure>> ProcedureLens(
        ConcordDbContext db, LocalDate day, AccessionStatus status, CancellationToken ct)
    {
        var lens = new Sources.KnownOn(day, await Sources.SourceBook.For(db, status.Parties.Select(p => p.Procedure.Source), ct));
        var recorded = await db.Events.AsNoTracking().Where(e => e.StreamId == StreamIds.Procedures).Select(e => e.Recorded).ToListAsync(ct);
        // No procedure recorded: every Party follows the default, which has no note.
        if (recorded.Count == 0) return procedure => procedure;
        var configured = recorded.Max();
        return procedure => procedure.Note is null && procedure.Source is null || lens.KnowsAll(procedure.Source, configured)
            ? procedure
            : procedure with { Note = null, Source = null };
    }

    /// <summary>The step as known on the lens's day: its note only when published by then, and only the sources published by then.</summary>
    private static StepView Shown(Sources.KnownOn lens, StepView step, Instant recorded) => step with
    {
        Note = lens.Note(step.Date, step.Confidence, step.Source, recorded, step.Note),
        Source = lens.Citation(step.Source, recorded),
    };

    private static async Task<Result<AccessionView>> View(ConcordDbContext db, Accession state, LocalDate date, IReadOnlyList<StepView> steps, int version,
        CancellationToken ct, Accession? known = null, LocalDate? knownOn = null)
    {
        var nato = await Bodies.Load(db, Body.Nato, ct) ?? new Body(Body.Nato, Body.Nato, []);
        var status = state.Evaluate(nato, date, await Procedures.Load(db, ct), known);
        return new AccessionView(await WithInvitationDecision(db, state, status, knownOn, ct), steps, version);
    }

    /// <summary>
    /// The next step of a candidate whose invitation waits on a Council decision, as that decision stood on the date: one
    /// that was concluded without adoption by then no longer "must be adopted", and the step says how it ended. Only a
    /// decision every reader may see in full is read: the accession is public, and its words must not tell a reader how a
    /// decision hidden from it ended. The conclusion is known from its own day: read as known on an earlier day, it is not said.
    /// </summary>
    private static async Task<AccessionStatus> WithInvitationDecision(ConcordDbContext db, Accession state, AccessionStatus status, LocalDate? knownOn,
        CancellationToken ct)
    {
        if (status.ProtocolSigned is not null || state.Steps.ContainsKey(AccessionStep.Invitation)) return status;
        if (state.Step<InvitationDecisionLinked>(AccessionStep.InvitationDecision)?.Decision is not { } linked || Domain.Decisions.DecisionId.TryParse(linked) is not { } id)
            return status;
        var decision = await Decisions.CurrentDecisions.Load(db, id, ct);
        if (decision is null || decision.SightOf(Access.Reader.Anonymous) != Access.DecisionSight.Full) return status;
        var day = knownOn is { } k && k < status.AsOf ? k : status.AsOf;
        if (decision.State.ConcludedAt is not { } concluded || Zones.BrusselsDate(concluded) > day) return status;
        if (decision.State.ConcludedOutcome is { } outcome && outcome.IsAdopted()) return status;
        var ended = decision.State.ConcludedOutcome switch
        {
            Outcome.Withdrawn => "was withdrawn",
            Outcome.Blocked => "was blocked",
            _ => "ended without consensus",
        };
        return status with
        {
            NextStep = $"A political invitation by consensus of the Allies: the Council decision '{linked}' {ended} on {Zones.BrusselsDate(concluded):yyyy-MM-dd}; no later decision is linked to this path.",
        };
    }

    private static Refusal NoSuch(MemberCode candidate) => Refusal.NotFound($"There is no accession of '{candidate}'.");
}
