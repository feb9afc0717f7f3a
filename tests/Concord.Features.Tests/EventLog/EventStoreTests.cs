using Concord.Domain.Summits;
using Concord.Features.EventLog;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Tests.EventLog;

public sealed class EventStoreTests
{
    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task every_event_is_chained_to_the_one_before_it_from_the_genesis(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();
        Assert.True((await ChainVerifier.Verify(db, TestContext.Current.CancellationToken)).Intact);
        var first = await db.Events.OrderBy(e => e.Position).FirstAsync(TestContext.Current.CancellationToken);
        Assert.Equal(EventStore.GenesisHash, first.PreviousHash);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_altered_event_breaks_the_chain(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();
        await db.Events.Where(e => e.Position == 40)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.RecordedBy, "someone else"), TestContext.Current.CancellationToken);
        var report = await ChainVerifier.Verify(db, TestContext.Current.CancellationToken);
        Assert.Equal((40, BreakKind.Altered), (report.FirstBreak!.Position, report.FirstBreak.Kind));
        Assert.EndsWith("was altered: its hash does not match its content.", report.Sentence, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task two_writers_at_the_same_stream_version_cannot_both_append(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        var ct = TestContext.Current.CancellationToken;
        await using var first = store.NewContext();
        await using var second = store.NewContext();
        var recording = new Recording(store.Clock.GetCurrentInstant(), "test");
        var summit = new SummitScheduled("oslo-2030", "Oslo Summit", "Oslo", null, new LocalDate(2030, 1, 1), new LocalDate(2030, 1, 2), null, null, null, null, null);
        StreamWrite[] write = [new StreamWrite("summit-oslo-2030", 0, [new PendingEvent(summit, store.Clock.GetCurrentInstant())])];
        await new EventStore(first).Commit(write, recording, ct);

        await Assert.ThrowsAsync<ConcurrencyException>(() => new EventStore(second).Commit(write, recording, ct));
        Assert.Equal(1, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_store_that_refuses_writes_is_not_a_conflict_and_stores_nothing(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        var ct = TestContext.Current.CancellationToken;
        string connection;
        await using (var db = store.NewContext()) connection = db.Database.GetConnectionString()!;
        await using var readOnly = kind == StoreKind.Sqlite
            ? (Features.Storage.ConcordDbContext)new Features.Storage.SqliteConcordDbContext(new DbContextOptionsBuilder<Features.Storage.SqliteConcordDbContext>()
                .UseSqlite(connection + ";Mode=ReadOnly").Options)
            : new Features.Storage.PostgresConcordDbContext(new DbContextOptionsBuilder<Features.Storage.PostgresConcordDbContext>()
                .UseNpgsql(connection + ";Options=-c default_transaction_read_only=on", o => o.UseNodaTime()).Options);
        var summit = new SummitScheduled("oslo-2030", "Oslo Summit", "Oslo", null, new LocalDate(2030, 1, 1), new LocalDate(2030, 1, 2), null, null, null, null, null);

        var refused = await Assert.ThrowsAsync<StoreWriteException>(() => new EventStore(readOnly).Commit(
            [new StreamWrite("summit-oslo-2030", 0, [new PendingEvent(summit, store.Clock.GetCurrentInstant())])],
            new Recording(store.Clock.GetCurrentInstant(), "test"), ct));

        Assert.IsNotType<ConcurrencyException>(refused.InnerException);
        Assert.Equal(0, await store.EventCount());
    }
}
