using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features.EventLog;
using Concord.Features.Members;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>A recorded step, for the accession's timeline.</summary>
public sealed record StepView(AccessionStep Step, DateBound Date, string? Party, RatificationStage? Stage, string? Decision, string? Summit,
    string? Source, string? Confidence, string? Note);

/// <summary>An accession as of a date: where it stands (tracks and analytics) and the steps recorded so far.</summary>
public sealed record AccessionView(AccessionStatus Status, IReadOnlyList<StepView> Steps, int Version);

/// <summary>One accession, now or as of a date, folded from its stream with the same Evolve as writes use.</summary>
public static class GetAccession
{
    public static async Task<Result<AccessionView>> Handle(ConcordDbContext db, IClock clock, MemberCode candidate, LocalDate? asOf, CancellationToken ct)
    {
        var rows = await new EventStore(db).ReadStream(StreamIds.Accession(candidate), ct);
        if (rows.Count == 0) return Refusal.NotFound($"There is no accession of '{candidate}'.");
        var date = asOf ?? Zones.BrusselsDate(clock.GetCurrentInstant());
        var facts = rows.Select(AccessionStream.ToFact).Where(f => f.Event is AccessionOpened || f.Effective <= Zones.EndOf(date)).ToList();
        var state = Accession.Replay(facts)!;
        var nato = await Bodies.Load(db, Body.Nato, ct) ?? new Body(Body.Nato, Body.Nato, []);
        var steps = facts.Where(f => f.Event is AccessionStepRecorded).OrderBy(f => f.Effective).ThenBy(f => Rank(f.Event)).ThenBy(f => f.Version)
            .Select(f => View((AccessionStepRecorded)f.Event)).ToList();
        return new AccessionView(state.Evaluate(nato, date, await Procedures.Load(db, ct)), steps, facts.Count == 0 ? 0 : facts.Max(f => f.Version));
    }

    /// <summary>Within one day: the steps in the order of the path, a Party's stages in the order of its procedure, a withdrawal before them.</summary>
    private static (int, int) Rank(IAccessionEvent e) => e switch
    {
        RatificationStageRecorded r => ((int)AccessionStep.Ratification, (int)r.Stage),
        RatificationWithdrawn => ((int)AccessionStep.Ratification, -1),
        AccessionStepRecorded s => ((int)Accession.StepOf(s), 0),
        _ => (0, 0),
    };

    private static StepView View(AccessionStepRecorded e) => new(Accession.StepOf(e), e.Date,
        e switch { RatificationStageRecorded r => r.Party.Value, RatificationWithdrawn w => w.Party.Value, _ => null },
        (e as RatificationStageRecorded)?.Stage, (e as InvitationDecisionLinked)?.Decision, (e as InvitationExtended)?.Summit,
        e.Source, e.Confidence, e.Note);
}
