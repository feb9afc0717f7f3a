using Concord.Domain.Assistance;
using Concord.Features.Assistance.Importing;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>The assistance area's events: each pledge's life, the funding timeline, and Kiel's monthly figures.</summary>
public static class AssistanceLog
{
    public static void Register(LogRegistry log) => log
        .Event<PledgeAnnounced>("PledgeAnnounced")
        .Event<PledgeAdvanced>("PledgeAdvanced")
        .Event<DeliveryRecorded>("DeliveryRecorded")
        .Event<PledgeAmended>("PledgeAmended")
        .Event<PledgeCancelled>("PledgeCancelled")
        .Event<FundingEventRecorded>("FundingEventRecorded")
        .Event<KielMonthlyFigureRecorded>("KielMonthlyFigureRecorded")
        .Event<KielMonthlyFigureRevised>("KielMonthlyFigureRevised")
        .Projection(new PledgeProjection());
}

/// <summary>Projects each pledge into the ledger's read model: its stream folded by the ledger's own Replay (a pledge has a handful of events).</summary>
public sealed class PledgeProjection : IProjection
{
    public IReadOnlyList<string> Streams { get; } = [StreamIds.PledgePrefix];

    public IReadOnlyList<Type> Rows { get; } = [typeof(PledgeRow)];

    public Task Clear(ConcordDbContext db, CancellationToken ct) => db.Pledges.ExecuteDeleteAsync(ct);

    public async Task Project(ConcordDbContext db, StreamChange change, Instant now, CancellationToken ct)
    {
        var stream = change.IsWhole ? change.Appended : await new EventStore(db).ReadStream(change.StreamId, ct);
        var facts = stream.Select(PledgeStream.ToFact).ToList();
        if (Pledge.Replay(facts) is not { } pledge) return;
        var id = change.StreamId[StreamIds.PledgePrefix.Length..];
        var row = change.IsWhole ? null : await db.Pledges.FindAsync([id], ct);
        if (row is null)
        {
            row = new PledgeRow { Id = id, Donor = "", Category = "", Announced = pledge.Announced, LastOn = pledge.Announced, Version = 0, State = "" };
            db.Pledges.Add(row);
        }
        row.Donor = pledge.Donor.Value;
        row.Category = pledge.Category.ToString();
        row.Announced = pledge.Announced;
        row.LastOn = facts.Max(f => Pledge.DateOf(f.Event));
        row.Version = stream[^1].StreamVersion;
        row.State = PledgeStream.Serialize(pledge);
    }
}
