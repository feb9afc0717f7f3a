using Concord.Features.Access;
using Concord.Features.EventLog;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Tests.EventLog;

public sealed class LogOperationsTests
{
    [Theory]
    [InlineData(StoreKind.Sqlite, StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres, StoreKind.Postgres)]
    [InlineData(StoreKind.Sqlite, StoreKind.Postgres)]
    [InlineData(StoreKind.Postgres, StoreKind.Sqlite)]
    public async Task export_then_import_into_an_empty_store_reproduces_every_event_and_hash(StoreKind from, StoreKind to)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = await TestStore.Create(from, seed: true);
        await Seeded.OpenInvitation(source);
        await Seeded.Record(source, Seeded.Invitation, "DEU", "concur", "2024-05-01");
        var exported = await Export(source);

        await using var target = await TestStore.Create(to);
        await using (var db = target.NewContext())
        {
            var imported = await LogOperations.Import(db, target.Clock, new StringReader(exported), ct);
            Assert.Null(imported.Refusal);
        }

        Assert.Equal(exported, await Export(target));
        await using var check = target.NewContext();
        Assert.True((await ChainVerifier.Verify(check, ct)).Intact);
        Assert.Equal(32, await check.Members.CountAsync(ct));
        Assert.Equal(["HUN", "SVK", "USA"], (await Seeded.Get(target, Seeded.Invitation)).Value!.Blocking);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_log_cannot_be_imported_into_a_store_that_has_events(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var before = await store.EventCount();
        await using var db = store.NewContext();
        var result = await LogOperations.Import(db, store.Clock, new StringReader(await Export(store)), TestContext.Current.CancellationToken);
        Assert.Equal(Domain.RefusalKind.Conflict, result.Refusal?.Kind);
        Assert.Equal(before, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_altered_export_is_refused_and_loads_nothing(StoreKind kind)
    {
        await using var source = await TestStore.Create(StoreKind.Sqlite, seed: true);
        var altered = (await Export(source)).Replace("\"TUR\"", "\"TUX\"", StringComparison.Ordinal);
        await using var target = await TestStore.Create(kind);
        await using var db = target.NewContext();
        var result = await LogOperations.Import(db, target.Clock, new StringReader(altered), TestContext.Current.CancellationToken);
        Assert.NotNull(result.Refusal);
        Assert.Contains("does not reproduce its hash", result.Refusal.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await target.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task rebuilding_the_read_models_from_the_log_gives_what_was_written_live(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind, seed: true);
        await Seeded.OpenInvitation(store);
        await Seeded.Record(store, Seeded.Invitation, "USA", "reservation", "2024-06-01", condition: "Conditions met");
        var live = await Snapshot(store);
        await using (var db = store.NewContext()) await LogOperations.Rebuild(db, store.Clock, ct);
        Assert.Equal(live, await Snapshot(store));
    }

    private static async Task<string> Export(TestStore store)
    {
        await using var db = store.NewContext();
        var writer = new StringWriter();
        await ReadableLog.Export(db, writer, Access.Reader.System, TestContext.Current.CancellationToken);
        return writer.ToString();
    }

    private static async Task<string> Snapshot(TestStore store)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = store.NewContext();
        var members = await db.Members.OrderBy(m => m.Code).Select(m => m.Code + m.Since + m.Name).ToListAsync(ct);
        var summits = await db.Summits.OrderBy(s => s.Id).Select(s => s.Id + s.Start + s.End).ToListAsync(ct);
        var decisions = await db.Decisions.OrderBy(d => d.Id).Select(d => d.Id + d.Markings + d.ConcludedOutcome + d.Version + d.Concluded).ToListAsync(ct);
        var positions = await db.Positions.OrderBy(p => p.DecisionId).ThenBy(p => p.Member)
            .Select(p => p.Member + p.Kind + p.Condition + p.Source + p.Effective).ToListAsync(ct);
        return string.Join('\n', members.Concat(summits).Concat(decisions).Concat(positions));
    }
}
