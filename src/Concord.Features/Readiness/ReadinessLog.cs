using System.Text.Json;
using Concord.Domain.Members;
using Concord.Domain.Readiness;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Readiness;

/// <summary>The readiness area's events: each Ally's expenditure, stocks, floors and GDP.</summary>
public static class ReadinessLog
{
    public static void Register(LogRegistry log) => log
        .Event<DefenceExpenditureReported>("DefenceExpenditureReported")
        .Event<StockReported>("StockReported")
        .Event<ReadinessFloorSet>("ReadinessFloorSet")
        .Event<GdpReported>("GdpReported")
        .Projection(new ReadinessProjection());
}

/// <summary>The facts of an Ally's readiness still in force: folding them gives the Ally's readiness.</summary>
public sealed record ReadinessFacts(IReadOnlyList<DefenceExpenditureReported> Expenditure, IReadOnlyList<StockReported> Stocks,
    IReadOnlyList<ReadinessFloorSet> Floors, GdpReported? Gdp)
{
    public static ReadinessFacts Of(AllyReadiness state) => new(
        [.. state.Expenditure.Values],
        [.. state.Stocks.Select(s => new StockReported(state.Ally, s.Key, s.Value.Quantity, s.Value.Unit, s.Value.On, s.Value.Source, s.Value.Basis, s.Value.LeadDays))],
        [.. state.Floors.Select(f => new ReadinessFloorSet(state.Ally, f.Key, f.Value.Quantity, f.Value.Source))],
        state.Gdp);

    public AllyReadiness Fold(MemberCode ally) =>
        AllyReadiness.Replay(ally, [.. Expenditure, .. Stocks, .. Floors, .. (Gdp is null ? Array.Empty<IReadinessEvent>() : [Gdp])]);
}

/// <summary>Projects each Ally's readiness stream into its read model (a stream of a few dozen reports, folded whole).</summary>
public sealed class ReadinessProjection : IWholeStreamProjection
{
    public IReadOnlyList<string> Streams { get; } = [StreamIds.ReadinessPrefix];

    public IReadOnlyList<Type> Rows { get; } = [typeof(ReadinessRow)];

    public Task Clear(ConcordDbContext db, CancellationToken ct) => db.DeleteAll<ReadinessRow>(ct);

    public async Task Project(ConcordDbContext db, StreamChange change, Instant now, CancellationToken ct)
    {
        var stream = change.IsWhole ? change.Appended : await new EventStore(db).ReadStream(change.StreamId, ct);
        var ally = AllyOf(change);
        var row = change.IsWhole ? null : await db.Readiness.FindAsync([ally.Value], ct);
        if (row is null)
        {
            row = NewRow(ally);
            db.Readiness.Add(row);
        }
        Write(row, ally, stream);
    }

    public void Rebuild(StreamChange stream, IRows rows, Instant now)
    {
        var ally = AllyOf(stream);
        var row = NewRow(ally);
        Write(row, ally, stream.Appended);
        rows.Add(row);
    }

    private static MemberCode AllyOf(StreamChange change) => MemberCode.Parse(change.StreamId[StreamIds.ReadinessPrefix.Length..]);

    private static ReadinessRow NewRow(MemberCode ally) => new() { Ally = ally.Value, Version = 0, Facts = "" };

    /// <summary>Writes the readiness folded from the Ally's whole <paramref name="stream"/> onto its row.</summary>
    private static void Write(ReadinessRow row, MemberCode ally, IReadOnlyList<StoredEvent> stream)
    {
        var state = AllyReadiness.Replay(ally, stream.Select(r => (IReadinessEvent)EventStore.Deserialize(r)));
        row.Version = stream[^1].StreamVersion;
        row.Facts = JsonSerializer.Serialize(ReadinessFacts.Of(state), ConcordJson.Options);
    }

    public static AllyReadiness StateOf(ReadinessRow row) =>
        (JsonSerializer.Deserialize<ReadinessFacts>(row.Facts, ConcordJson.Options) ?? throw new InvalidOperationException($"Readiness of {row.Ally} has no facts."))
            .Fold(MemberCode.Parse(row.Ally));
}
