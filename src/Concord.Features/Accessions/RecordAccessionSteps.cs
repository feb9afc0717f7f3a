using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features.EventLog;
using Concord.Features.Members;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>
/// Opens an accession (when new) and records its steps, in one transaction: every step is checked in one pass
/// (<see cref="StepPlan"/>), each refusal reported with the line that causes it, and nothing at all is stored when any step
/// is refused or when the request carries rows that could not be read (<see cref="Request.Unread"/>). Depositing the
/// instrument of accession admits the candidate as an Ally from that date. A step outside the writer's scope
/// (<see cref="AccessionScope"/>) refuses the whole request (403).
/// </summary>
public static class RecordAccessionSteps
{
    /// <param name="Unread">Rows of the same file already refused (their own errors are reported by the caller): checked
    /// against nothing, they still tell which rows depend on them, and they keep the file from being stored.</param>
    /// <param name="CheckOnly">The file has errors of its own (a column it should not have): check every step, store nothing.</param>
    /// <param name="CorrectsRecorded">A step giving another date for one the stream holds corrects it (a newer data pack).</param>
    public sealed record Request(MemberCode Candidate, string? Name, IReadOnlyList<(int Line, RecordAccessionStepCommand Step)> Steps,
        IReadOnlyList<StepPlan.Unread>? Unread = null, bool CheckOnly = false, bool CorrectsRecorded = false);

    /// <returns>The number of events stored, or the refusal of the whole request, or the refused steps by line (then nothing is stored).</returns>
    public static Task<(Result<int> Result, IReadOnlyList<(int Line, Refusal Refusal)> Errors)> Handle(
        ConcordDbContext db, IClock clock, Request request, WriteContext who, CancellationToken ct) =>
        EventStore.Serialized(async () =>
        {
            var errors = new List<(int Line, Refusal Refusal)>();
            return (await Decide(db, clock, request, who, errors, ct), (IReadOnlyList<(int, Refusal)>)errors);
        }, ct);

    private static async Task<Result<int>> Decide(ConcordDbContext db, IClock clock, Request request, WriteContext who, List<(int Line, Refusal Refusal)> errors, CancellationToken ct)
    {
        var log = new EventStore(db);
        var stream = await log.FetchForWriting(StreamIds.Accession(request.Candidate), rows => (Accession.Replay(rows.Select(AccessionStream.ToFact)), rows), ct);
        var (state, rows) = stream.State;
        var nato = await Bodies.Load(db, Body.Nato, ct) ?? new Body(Body.Nato, BodyNames.For(Body.Nato), []);
        var now = clock.GetCurrentInstant();
        var pending = new List<PendingEvent>();
        string NameOf(MemberCode code) => nato.Find(code)?.Name ?? (code == request.Candidate ? state?.Name ?? request.Name ?? code.Value : code.Value);
        if (state is null && AccessionScope.RefuseOpening(who.Actor, request.Candidate, NameOf) is { } notOpener) return notOpener;
        foreach (var (_, step) in request.Steps)
            if (AccessionScope.Refuse(who.Actor, request.Candidate, step, NameOf) is { } outOfScope) return outOfScope;
        if (nato.Seats.Count == 0 && NeedsParties(request))
            return Refusal.Unprocessable($"The store holds no members of {Body.Nato}: load them first (concord import members data/nato/members.csv); "
                + "a ratification is checked against the Parties of its day.");
        if (state is null)
        {
            var name = Input.Name(request.Name, "name", 200, required: true);
            if (name.Refusal is { } n) return n;
            if (nato.Find(request.Candidate) is { } seat && request.Steps.Count == 0)
                return Refusal.Conflict($"{seat.Name} is already an Ally since {seat.Since:yyyy-MM-dd}.");
            var opened = Accession.Decide(null, new OpenAccessionCommand(request.Candidate, name.Value!));
            pending.Add(new PendingEvent(opened.Events[0], now, Classification.Public));
            state = Accession.Evolve(null, opened.Events[0])!;
        }
        // A step the stream already holds word for word (even one corrected since) is not recorded again: the same file
        // imported twice adds nothing and does not undo a correction.
        var facts = rows.Select(r => (AccessionStream.ToFact(r).Event, r.RecordedBy)).ToList();
        var recorded = facts.Select(f => f.Event).ToHashSet();
        var steps = request.Steps.Select((s, i) => new StepRow(i, s.Line, s.Step, Accession.RecordOf(s.Step)!)).Where(s => s.Event is not null).ToList();
        if (request.CorrectsRecorded) steps = AsNewerPack(steps, state, facts, who.RecordedBy);
        var incomplete = request.Steps.Where(s => Accession.RecordOf(s.Step) is null).ToList();
        foreach (var (line, step) in incomplete) errors.Add((line, state.Decide(step, nato, Zones.BrusselsDate(now)).Refusal!));
        // A step citing a source id that is not registered is refused on its line; the steps that depend on it are checked
        // as if it stood, so that one bad citation is one error, not a cascade.
        var book = await Sources.SourceBook.For(db, steps.Select(s => s.Command.Source), ct);
        var unread = (request.Unread ?? []).ToList();
        foreach (var row in steps.ToList())
            if (book.Check(row.Command.Source) is { } uncited)
            {
                errors.Add((row.Line, uncited));
                unread.Add(new StepPlan.Unread(row.Line, new StepShape(row.Command.Step, row.Command.Party, row.Command.Stage, row.Command.Corrects)));
                steps.Remove(row);
            }
        var procedures = await Procedures.Load(db, ct);
        var outcome = new StepPlan(nato, Zones.BrusselsDate(now), procedures).Run(state, recorded, steps, unread);
        errors.AddRange(outcome.Errors);
        errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        if (errors.Count > 0 || request.Unread is { Count: > 0 } || request.CheckOnly) return new Result<int>(0, null);
        pending.AddRange(outcome.Events.Select(e => new PendingEvent(e.Event, AccessionSteps.Effective((AccessionStepRecorded)e.Event), Classification.Public)));
        if (pending.Count == 0) return new Result<int>(0, null);
        var writes = new List<StreamWrite> { stream.Append(pending) };
        if (outcome.Admitted.Count > 0)
        {
            var seats = await log.FetchForWriting(StreamIds.Body(Body.Nato), _ => 0, ct);
            writes.Add(seats.Append([.. outcome.Admitted.Select(a => new PendingEvent(a, Zones.StartOf(a.Since), Classification.Public))]));
        }
        await log.Commit(writes, new Recording(now, who.RecordedBy, who.IdempotencyKey), ct);
        return new Result<int>(pending.Count, null);
    }

    /// <summary>
    /// The rows of a newer data pack, as they may apply to what the store holds. The pack restates or corrects only what an
    /// earlier pack (<paramref name="pack"/>) recorded: what someone has recorded since for the same act (its date, note,
    /// source or confidence) stands, and the pack's row for it is left out. A row giving another date for an act the pack
    /// recorded corrects it; across a Party's withdrawal nothing is corrected, since a stage before it and one after it are
    /// two acts, not one record.
    /// </summary>
    private static List<StepRow> AsNewerPack(List<StepRow> steps, Accession state, IReadOnlyList<(IAccessionEvent Event, string RecordedBy)> facts, string pack)
    {
        var lastBy = facts.Where(f => Accession.SlotOf(f.Event) is not null).GroupBy(f => Accession.SlotOf(f.Event)!)
            .ToDictionary(g => g.Key, g => g.Last().RecordedBy);
        bool RecordedSinceByOthers(StepRow s) => Accession.SlotOf(s.Event) is { } slot && lastBy.TryGetValue(slot, out var by) && by != pack;
        bool Corrects(StepRow s) => !s.Command.Corrects && Accession.SlotOf(s.Event) is not null
            && !(s.Event is RatificationStageRecorded r && state.TrackOf(r.Party).Withdrawn is not null)
            && state.RecordedDateOf(s.Event) is { } d && d != s.Event.Date;
        return [.. steps.Where(s => !RecordedSinceByOthers(s))
            .Select(s => Corrects(s) ? s with { Command = s.Command with { Corrects = true }, Event = s.Event with { Corrects = true } } : s)];
    }

    /// <summary>Whether a step of the request names a Party (a ratification or a withdrawal): then the Allies must be known.</summary>
    private static bool NeedsParties(Request request) =>
        request.Steps.Any(s => s.Step.Step is AccessionStep.Ratification or AccessionStep.RatificationWithdrawn)
        || (request.Unread ?? []).Any(u => u.Shape.Step is AccessionStep.Ratification or AccessionStep.RatificationWithdrawn);
}
