using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>
/// Decides the steps of one request (a file, or one step of the API) against an accession, in one pass, and reports every
/// refusal on the row that causes it. What is wrong between rows is found first (<see cref="StepConflicts"/>); the others
/// are decided in the order of their dates, each against the path as the rows before it left it. A refused row is left out of the path, and a row
/// whose only fault is to depend on a refused row (a ratification after a protocol signature that was refused, the
/// invitation to accede after a refused deposit) is not reported: it is decided again as if every refused row had
/// happened on its own date, and refused only if it still is.
/// </summary>
public sealed class StepPlan(Body nato, LocalDate today, IReadOnlyDictionary<MemberCode, RatificationProcedure> procedures)
{
    /// <summary>A row refused before it could become a command (a date that is not a date...), as far as it can be read.</summary>
    public sealed record Unread(int Line, StepShape Shape);

    public sealed record Outcome(Accession State, Body Nato, IReadOnlyList<(int Line, IAccessionEvent Event)> Events,
        IReadOnlyList<MemberAdmitted> Admitted, IReadOnlyList<(int Line, Refusal Refusal)> Errors);

    public Outcome Run(Accession state, IReadOnlySet<IAccessionEvent> recorded, IReadOnlyList<StepRow> rows, IReadOnlyList<Unread> unread)
    {
        var found = StepConflicts.Find(rows, procedures, today);
        var errors = found.Refused.Select(r => (rows.Single(x => x.Index == r.Key).Line, r.Value)).ToList();
        var refused = unread.Select(u => u.Shape).ToList();
        refused.AddRange(found.Refused.Keys.Select(i => ShapeOf(rows.Single(r => r.Index == i).Command)));
        var seen = recorded.ToHashSet();
        var events = new List<(int, IAccessionEvent)>();
        var admitted = new List<MemberAdmitted>();
        var body = nato;
        foreach (var row in Order(rows.Where(r => !found.Refused.ContainsKey(r.Index) && !found.Superseded.Contains(r.Index)).ToList()))
        {
            var command = found.Correcting.Contains(row.Index) ? Settled(state, row) : row.Command;
            if (!seen.Add(Accession.RecordOf(command)!)) continue;
            var decided = state.Decide(command, body, today, procedures);
            if (decided.Refusal is { } refusal)
            {
                if (Own(state, body, command, refused, refusal) is { } own) errors.Add((row.Line, own));
                refused.Add(ShapeOf(command));
                continue;
            }
            foreach (var e in decided.Events)
            {
                state = Accession.Evolve(state, e)!;
                events.Add((row.Line, e));
                if (e is not InstrumentOfAccessionDeposited deposit) continue;
                var seat = new MemberAdmitted(Body.Nato, state.Candidate, state.Name, deposit.Date.Placed, 0, false, deposit.Source, "Deposit of the instrument of accession");
                var admission = BodySeats.Decide(body, seat);
                if (admission.Refusal is { } second) errors.Add((row.Line, second with { Field = "date" }));
                else if (admission.Events.Count > 0) { admitted.Add(seat); body = BodySeats.Evolve(body, Body.Nato, seat); }
            }
        }
        return new Outcome(state, body, events, admitted, [.. errors.OrderBy(e => e.Line)]);
    }

    /// <summary>
    /// A correction of a row of the same file whose step the accession does not hold yet is its first record: the row it
    /// corrects was never stored.
    /// </summary>
    private static RecordAccessionStepCommand Settled(Accession state, StepRow row) =>
        row.Command.Corrects && state.RecordedDateOf(row.Event) is null && Accession.SlotOf(row.Event) is not null
            ? row.Command with { Corrects = false } : row.Command;

    /// <summary>
    /// The refusal that is the row's own: null when the row passes once every refused row is taken as having happened on
    /// the row's own date (its only fault is to depend on them); otherwise why it still fails.
    /// </summary>
    private Refusal? Own(Accession state, Body body, RecordAccessionStepCommand command, List<StepShape> refused, Refusal refusal)
    {
        if (refused.Count == 0) return refusal;
        var on = DateWindow.On(command.Date.Placed);
        var supposed = state;
        foreach (var shape in refused)
            if (Supposed(shape, on) is { } other && Accession.RecordOf(other) is { } fact)
                supposed = Accession.Evolve(supposed, fact)!;
        return supposed.Decide(command, body, today, procedures).Refusal;
    }

    private static RecordAccessionStepCommand? Supposed(StepShape shape, DateWindow on) => shape.Step is not { } step ? null
        : step is AccessionStep.Ratification && (shape.Party is null || shape.Stage is null) ? null
        : step is AccessionStep.RatificationWithdrawn && shape.Party is null ? null
        : new RecordAccessionStepCommand(step, on, null, null, null, shape.Party, shape.Stage, Decision: "supposed");

    private static StepShape ShapeOf(RecordAccessionStepCommand c) => new(c.Step, c.Party, c.Stage, c.Corrects);

    /// <summary>
    /// By date, then by the order of the path (and a Party's stages in their usual order), then by their order in the file.
    /// A window is placed where it lets the path decide its steps in order: a step the ratifications need (up to the
    /// signature) at its first possible day, a ratification and what follows it at its last, so that a signature known
    /// only by its month comes before the approvals dated within it, and an approval known only by its month after an
    /// exact signature in it, as the path allows both.
    /// </summary>
    private static IEnumerable<StepRow> Order(List<StepRow> rows) =>
        rows.OrderBy(r => r.Command.Step < AccessionStep.Ratification ? r.Event.Date.Earliest ?? r.Event.Date.Placed : r.Event.Date.Latest ?? r.Event.Date.Placed)
            .ThenBy(r => r.Command.Step).ThenBy(r => r.Command.Stage).ThenBy(r => r.Index);
}
