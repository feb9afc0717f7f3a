using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features.EventLog;
using Concord.Features.Members;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>The accession area's events (a candidate's path, the Parties' procedures) and its list read model.</summary>
public static class AccessionsLog
{
    public static void Register(LogRegistry log) => log
        .Event<AccessionOpened>("AccessionOpened")
        .Event<MembershipApplied>("MembershipApplied")
        .Event<MembershipActionPlanRecorded>("MembershipActionPlanRecorded")
        .Event<InvitationDecisionLinked>("InvitationDecisionLinked")
        .Event<InvitationExtended>("InvitationExtended")
        .Event<AccessionTalksCompleted>("AccessionTalksCompleted")
        .Event<ProtocolSigned>("ProtocolSigned")
        .Event<RatificationStageRecorded>("RatificationStageRecorded")
        .Event<RatificationWithdrawn>("RatificationWithdrawn")
        .Event<InvitationToAccedeSent>("InvitationToAccedeSent")
        .Event<CandidateApprovedTreaty>("CandidateApprovedTreaty")
        .Event<InstrumentOfAccessionDeposited>("InstrumentOfAccessionDeposited")
        .Event<RatificationProcedureSet>("RatificationProcedureSet")
        .Projection(new AccessionListProjection());
}

/// <summary>
/// Where each accession stands, for the list: re-projected when its stream grows, and, like any projection following
/// the alliance's seats, when a member is admitted (a new seat changes the Parties that must ratify a pending protocol,
/// and can take one out of force retroactively).
/// </summary>
public sealed class AccessionListProjection : IProjection
{
    public IReadOnlyList<string> Streams { get; } = [StreamIds.AccessionPrefix, StreamIds.Body(Body.Nato)];

    public IReadOnlyList<Type> Rows { get; } = [typeof(AccessionRow)];

    public Task Clear(ConcordDbContext db, CancellationToken ct) => db.Accessions.ExecuteDeleteAsync(ct);

    public async Task Project(ConcordDbContext db, StreamChange change, Instant now, CancellationToken ct)
    {
        var nato = await Bodies.Load(db, Body.Nato, ct) ?? new Body(Body.Nato, BodyNames.For(Body.Nato), []);
        var today = Domain.Zones.BrusselsDate(now);
        if (change.StreamId.StartsWith(StreamIds.AccessionPrefix, StringComparison.Ordinal))
        {
            var (state, rows) = await AccessionStream.Load(db, MemberCode.Parse(change.StreamId[StreamIds.AccessionPrefix.Length..]), ct);
            if (state is not null) await AccessionStream.Project(db, state, nato, today, rows.Count, ct);
            return;
        }
        var open = await db.Accessions.Where(a => a.MemberSince == null).Select(a => a.Candidate).ToListAsync(ct);
        foreach (var candidate in open)
        {
            var (state, rows) = await AccessionStream.Load(db, MemberCode.Parse(candidate), ct);
            if (state is not null) await AccessionStream.Project(db, state, nato, today, rows.Count, ct);
        }
    }
}
