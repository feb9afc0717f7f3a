using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features.EventLog;
using Concord.Features.Members;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>
/// Opens an accession (when new) and records its steps, in one transaction: each step is decided against the
/// state the previous ones left, in the order they happened; a refused step is reported with its line and
/// nothing at all is stored. Depositing the instrument of accession admits the candidate as an Ally from that date.
/// A step outside the writer's scope (<see cref="AccessionScope"/>) refuses the whole request (403).
/// </summary>
public static class RecordAccessionSteps
{
    public sealed record Request(MemberCode Candidate, string? Name, IReadOnlyList<(int Line, RecordAccessionStepCommand Step)> Steps);

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
        var today = Zones.BrusselsDate(now);
        var pending = new List<PendingEvent>();
        string NameOf(MemberCode code) => nato.Find(code)?.Name ?? (code == request.Candidate ? state?.Name ?? request.Name ?? code.Value : code.Value);
        if (state is null && AccessionScope.RefuseOpening(who.Actor, request.Candidate, NameOf) is { } notOpener) return notOpener;
        foreach (var (_, step) in request.Steps)
            if (AccessionScope.Refuse(who.Actor, request.Candidate, step, NameOf) is { } outOfScope) return outOfScope;
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
        var admitted = new List<MemberAdmitted>();
        // A step the stream already holds word for word (even one corrected since) is not recorded again: the same file
        // imported twice adds nothing and does not undo a correction.
        var recorded = rows.Select(r => AccessionStream.ToFact(r).Event).ToHashSet();
        var book = await Sources.SourceBook.Load(db, ct);
        foreach (var (line, step) in request.Steps.OrderBy(s => s.Step.Date.Placed).ThenBy(s => s.Step.Step))
        {
            if (Accession.RecordOf(step) is { } same && !recorded.Add(same)) continue;
            if (book.Check(step.Source) is { } uncited) { errors.Add((line, uncited)); continue; }
            var decided = state.Decide(step, nato, today);
            if (decided.Refusal is { } refusal) { errors.Add((line, refusal)); continue; }
            foreach (var e in decided.Events)
            {
                state = Accession.Evolve(state, e)!;
                pending.Add(new PendingEvent(e, AccessionSteps.Effective((AccessionStepRecorded)e), Classification.Public));
                if (e is InstrumentOfAccessionDeposited deposit && Admit(nato, state, deposit, line, errors) is { } seat)
                {
                    admitted.Add(seat);
                    nato = BodySeats.Evolve(nato, Body.Nato, seat);
                }
            }
        }
        if (errors.Count > 0 || pending.Count == 0) return new Result<int>(0, null);
        var writes = new List<StreamWrite> { stream.Append(pending) };
        if (admitted.Count > 0)
        {
            var seats = await log.FetchForWriting(StreamIds.Body(Body.Nato), _ => 0, ct);
            writes.Add(seats.Append([.. admitted.Select(a => new PendingEvent(a, Zones.StartOf(a.Since), Classification.Public))]));
        }
        await log.Commit(writes, new Recording(now, who.RecordedBy, who.IdempotencyKey), ct);
        return new Result<int>(pending.Count, null);
    }

    /// <summary>The seat the deposit gives; none when the candidate already holds that very seat; a refusal for a second membership.</summary>
    private static MemberAdmitted? Admit(Body nato, Accession state, InstrumentOfAccessionDeposited deposit, int line, List<(int Line, Refusal Refusal)> errors)
    {
        var seat = new MemberAdmitted(Body.Nato, state.Candidate, state.Name, deposit.Date.Placed, 0, false, deposit.Source, "Deposit of the instrument of accession");
        var decided = BodySeats.Decide(nato, seat);
        if (decided.Refusal is { } refusal) errors.Add((line, refusal with { Field = "date" }));
        return decided.Events.Count > 0 ? seat : null;
    }
}
