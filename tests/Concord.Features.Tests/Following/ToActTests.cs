using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.Decisions;
using Concord.Features.Following;
using Concord.Features.Tests.Readers;
using NodaTime;

namespace Concord.Features.Tests.Following;

public sealed class ToActTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Reader Delegation(string state, Marking clearance = Marking.NatoSecret) =>
        new(state.ToLowerInvariant(), new HashSet<Role> { Role.Delegation }, MemberCode.Parse(state), clearance);

    private static async Task<ToActList> List(TestStore store, Reader reader)
    {
        await using var db = store.NewContext();
        var result = await ToAct.Handle(db, store.Clock, reader, Ct);
        Assert.Null(result.Refusal);
        return result.Value!;
    }

    private static async Task Open(TestStore store, string id, string classification, Duration deadlineIn)
    {
        await using var db = store.NewContext();
        var deadline = NodaTime.Text.InstantPattern.General.Format(store.Clock.GetCurrentInstant() + deadlineIn);
        var opened = await OpenDecision.Handle(db, store.Clock, new OpenDecision.Request(id, "To act " + id, null, null, null, deadline, null, null, classification),
            WriteContext.By(VisibilityTests.Secretariat), Ct);
        Assert.Null(opened.Refusal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_delegation_sees_the_decisions_awaiting_its_position_and_the_silences_ending_within_48_hours_and_nothing_it_may_not_see(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Open(store, "act-near", "PUBLIC", Duration.FromHours(47));
        await Open(store, "act-far", "PUBLIC", Duration.FromHours(49));
        await Open(store, "act-secret", "NATO SECRET", Duration.FromHours(2));
        Assert.Null((await VisibilityTests.State(store, "act-far", "FRA", "concur", "2026-11-29T12:00:00Z", Delegation("FRA"))).Refusal);

        var france = await List(store, Delegation("FRA", Marking.NatoRestricted));

        Assert.Equal(["act-near"], france.AwaitingPosition.Select(a => a.Decision).Where(d => d.StartsWith("act-", StringComparison.Ordinal)));
        Assert.Equal(["act-near"], france.SilenceEndingSoon.Select(a => a.Decision).Where(d => d.StartsWith("act-", StringComparison.Ordinal)));
        Assert.Equal(PositionKind.Undeclared, france.SilenceEndingSoon.Single(a => a.Decision == "act-near").Position);
        var cleared = await List(store, Delegation("FRA"));
        Assert.Contains(cleared.SilenceEndingSoon, a => a.Decision == "act-secret");
    }

    [Fact]
    public async Task an_account_that_speaks_for_no_state_is_refused()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite, seed: true);
        await using var db = store.NewContext();
        Assert.Equal(RefusalKind.Forbidden, (await ToAct.Handle(db, store.Clock, ReaderTests.Analyst, Ct)).Refusal?.Kind);
        Assert.Equal(RefusalKind.Forbidden, (await ToAct.Handle(db, store.Clock, Reader.Anonymous, Ct)).Refusal?.Kind);
    }
}
