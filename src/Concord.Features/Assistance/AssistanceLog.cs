using Concord.Domain;
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
        .Event<DelayEventRecorded>("DelayEventRecorded")
        .Event<KielMonthlyFigureRecorded>("KielMonthlyFigureRecorded")
        .Event<KielMonthlyFigureRevised>("KielMonthlyFigureRevised")
        .Projection(new PledgeProjection());
}

/// <summary>Projects each pledge into the ledger's read model: its stream folded by the ledger's own Replay (a pledge has a handful of events).</summary>
public sealed class PledgeProjection : IWholeStreamProjection
{
    public IReadOnlyList<string> Streams { get; } = [StreamIds.PledgePrefix];

    public IReadOnlyList<Type> Rows { get; } = [typeof(PledgeRow)];

    public Task Clear(ConcordDbContext db, CancellationToken ct) => db.DeleteAll<PledgeRow>(ct);

    public async Task Project(ConcordDbContext db, StreamChange change, Instant now, CancellationToken ct)
    {
        var stream = change.IsWhole ? change.Appended : await new EventStore(db).ReadStream(change.StreamId, ct);
        var facts = stream.Select(PledgeStream.ToFact).ToList();
        if (Pledge.Replay(facts) is not { } pledge) return;
        var id = change.StreamId[StreamIds.PledgePrefix.Length..];
        var row = change.IsWhole ? null : await db.Pledges.FindAsync([id], ct);
        if (row is null)
        {
            row = NewRow(id, pledge);
            db.Pledges.Add(row);
        }
        Write(row, pledge, facts, stream[^1].StreamVersion);
    }

    public void Rebuild(StreamChange stream, IRows rows, Instant now)
    {
        var facts = stream.Appended.Select(PledgeStream.ToFact).ToList();
        if (Pledge.Replay(facts) is not { } pledge) return;
        var row = NewRow(stream.StreamId[StreamIds.PledgePrefix.Length..], pledge);
        Write(row, pledge, facts, stream.Version);
        rows.Add(row);
    }

    private static PledgeRow NewRow(string id, Pledge pledge) =>
        new() { Id = id, Donor = "", Category = "", Announced = pledge.Announced, LastOn = pledge.Announced, Version = 0, State = "" };

    /// <summary>Writes the pledge folded from the whole stream (<paramref name="facts"/>) onto its row.</summary>
    private static void Write(PledgeRow row, Pledge pledge, IReadOnlyList<Fact<IPledgeEvent>> facts, int version)
    {
        row.Donor = pledge.Donor.Value;
        row.Category = pledge.Category.ToString();
        row.Announced = pledge.Announced;
        row.LastOn = facts.Max(f => Pledge.DateOf(f.Event));
        row.Version = version;
        row.State = PledgeStream.Serialize(pledge);
    }
}
