using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>The accession area's events (a candidate's path, the Parties' procedures) and its read models (each accession, the procedures).</summary>
public static class AccessionsLog
{
    public static void Register(LogRegistry log) => log
        .Event<AccessionOpened>("AccessionOpened")
        .Event<MembershipApplied>("MembershipApplied")
        .Event<AllianceDeclared>("AllianceDeclared")
        .Event<MembershipActionPlanRecorded>("MembershipActionPlanRecorded")
        .Event<InvitationDecisionLinked>("InvitationDecisionLinked")
        .Event<InvitationExtended>("InvitationExtended")
        .Event<AccessionTalksCompleted>("AccessionTalksCompleted")
        .Event<ProtocolSigned>("ProtocolSigned")
        .Event<RatificationStageRecorded>("RatificationStageRecorded")
        .Event<RatificationWithdrawn>("RatificationWithdrawn")
        .Event<LastRatificationDeposited>("LastRatificationDeposited")
        .Event<ProtocolEnteredIntoForce>("ProtocolEnteredIntoForce")
        .Event<InvitationToAccedeSent>("InvitationToAccedeSent")
        .Event<CandidateApprovedTreaty>("CandidateApprovedTreaty")
        .Event<InstrumentOfAccessionDeposited>("InstrumentOfAccessionDeposited")
        .Event<RatificationProcedureSet>("RatificationProcedureSet")
        .Projection(new AccessionProjection())
        .Projection(new ProcedureProjection());
}

/// <summary>
/// Projects each accession into its read model: the folded state and the timeline. Nothing in it depends on the date or
/// the seats (those are applied when it is read), so a new Ally or a new day changes no row.
/// </summary>
public sealed class AccessionProjection : IWholeStreamProjection
{
    public IReadOnlyList<string> Streams { get; } = [StreamIds.AccessionPrefix];

    public IReadOnlyList<Type> Rows { get; } = [typeof(AccessionRow)];

    public Task Clear(ConcordDbContext db, CancellationToken ct) => db.DeleteAll<AccessionRow>(ct);

    /// <summary>
    /// Folds the appended steps onto the row when they are the latest in world order (the cost does not grow with the
    /// stream); refolds the whole stream when one took effect before a step the row already holds (history entered late,
    /// or a correction to an earlier date, which takes the place of the record it corrects).
    /// </summary>
    public async Task Project(ConcordDbContext db, StreamChange change, Instant now, CancellationToken ct)
    {
        var candidate = change.StreamId[StreamIds.AccessionPrefix.Length..];
        var row = change.IsWhole ? null : await db.Accessions.FindAsync([candidate], ct);
        var appended = change.Appended.Select(AccessionStream.ToFact).ToList();
        if (row is not null && FollowsInWorldOrder(row.LastEffective, appended))
        {
            var state = appended.Aggregate((Accession?)AccessionStream.State(row), (s, f) => Accession.Evolve(s, f.Event))!;
            var timeline = AccessionStream.InTimelineOrder(AccessionStream.Timeline(row).Concat(AccessionStream.Timeline(appended)));
            AccessionStream.Write(row, state, timeline, change.Version, AccessionStream.LastEffective(appended) ?? row.LastEffective);
            return;
        }
        var stream = change.IsWhole ? change.Appended : await new EventStore(db).ReadStream(change.StreamId, ct);
        var facts = stream.Select(AccessionStream.ToFact).ToList();
        if (Accession.Replay(facts) is not { } folded) return;
        row ??= await db.Accessions.FindAsync([candidate], ct);
        if (row is null)
        {
            row = NewRow(candidate, folded);
            db.Accessions.Add(row);
        }
        AccessionStream.Write(row, folded, AccessionStream.Timeline(facts), stream[^1].StreamVersion, AccessionStream.LastEffective(facts));
    }

    /// <summary>The row of a whole stream, as <see cref="Project"/> makes it for a stream it has not seen.</summary>
    public void Rebuild(StreamChange stream, IRows rows, Instant now)
    {
        var facts = stream.Appended.Select(AccessionStream.ToFact).ToList();
        if (Accession.Replay(facts) is not { } folded) return;
        var row = NewRow(stream.StreamId[StreamIds.AccessionPrefix.Length..], folded);
        AccessionStream.Write(row, folded, AccessionStream.Timeline(facts), stream.Version, AccessionStream.LastEffective(facts));
        rows.Add(row);
    }

    private static AccessionRow NewRow(string candidate, Accession folded) =>
        new() { Candidate = candidate, Name = folded.Name, Version = 0, State = "", Steps = "" };

    /// <summary>
    /// True when the appended steps come, in the order they were appended, at or after every step already folded: then
    /// folding them in that order is the replay of the whole stream, and none of them corrects an earlier record.
    /// </summary>
    private static bool FollowsInWorldOrder(Instant? last, IReadOnlyList<Fact<IAccessionEvent>> appended)
    {
        foreach (var fact in appended)
        {
            if (fact.Event is not AccessionStepRecorded || last is { } l && fact.Effective < l) return false;
            last = fact.Effective;
        }
        return true;
    }
}

/// <summary>Projects the Parties' ratification procedures: the latest setting of each Party, in the order they were recorded.</summary>
public sealed class ProcedureProjection : IProjection
{
    public IReadOnlyList<string> Streams { get; } = [StreamIds.Procedures];

    public IReadOnlyList<Type> Rows { get; } = [typeof(ProcedureRow)];

    public Task Clear(ConcordDbContext db, CancellationToken ct) => db.DeleteAll<ProcedureRow>(ct);

    public async Task Project(ConcordDbContext db, StreamChange change, Instant now, CancellationToken ct)
    {
        foreach (var set in change.Appended.Select(EventStore.Deserialize).OfType<RatificationProcedureSet>())
        {
            var row = await db.Procedures.FindAsync([set.Party.Value], ct);
            if (row is null)
            {
                row = new ProcedureRow { Party = set.Party.Value, Stages = "" };
                db.Procedures.Add(row);
            }
            row.Stages = Procedures.StagesText(set.Stages);
            (row.Note, row.Source) = (set.Note, set.Source);
        }
    }
}
