using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Features.Decisions;
using Concord.Features.Importing;
using static Concord.Features.Tests.Readers.ReaderTests;

namespace Concord.Features.Tests.Decisions;

/// <summary>A delegation states only its own state's position, whatever path the write takes.</summary>
public sealed class PositionScopeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_delegation_stating_another_states_position_is_refused_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var events = await store.EventCount();
        await using var db = store.NewContext();

        var single = await RecordPosition.Handle(db, store.Clock, Seeded.Ukraine, new RecordPosition.Request("HUN", "concur"), WriteContext.By(GermanyRestricted), Ct);
        var (batch, _) = await RecordPositions.Handle(db, store.Clock, Seeded.Ukraine,
            [(1, new RecordPositionCommand(Domain.Members.MemberCode.Parse("DEU"), PositionKind.Concur, null, null, null, null, store.Clock.GetCurrentInstant()), null),
             (2, new RecordPositionCommand(Domain.Members.MemberCode.Parse("HUN"), PositionKind.Concur, null, null, null, null, store.Clock.GetCurrentInstant()), null)],
            WriteContext.By(GermanyRestricted), Ct);

        Assert.Equal((RefusalKind.Forbidden, "The delegation of Germany may state only Germany's position, not Hungary's."), (single.Refusal!.Kind, single.Refusal.Reason));
        Assert.Equal(RefusalKind.Forbidden, batch.Refusal?.Kind);
        Assert.Equal(events, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_delegation_states_its_own_states_position(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Seeded.OpenInvitation(store);
        await using var db = store.NewContext();

        var result = await RecordPosition.Handle(db, store.Clock, Seeded.Invitation, new RecordPosition.Request("DEU", "concur"), WriteContext.By(GermanyRestricted), Ct);

        Assert.Null(result.Refusal);
        Assert.Equal(PositionKind.Concur, result.Value!.Positions.Single(p => p.Member == "DEU").Kind);
    }

    [Fact]
    public async Task an_account_that_speaks_for_no_state_states_no_position()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite, seed: true);
        await using var db = store.NewContext();

        var result = await RecordPosition.Handle(db, store.Clock, Seeded.Ukraine, new RecordPosition.Request("NLD", "concur"), WriteContext.By(Analyst), Ct);

        Assert.Equal(RefusalKind.Forbidden, result.Refusal?.Kind);
    }
}
