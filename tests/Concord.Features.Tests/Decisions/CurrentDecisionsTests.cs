using Concord.Domain.Decisions;
using Concord.Features.Decisions;
using Concord.Features.Storage;

namespace Concord.Features.Tests.Decisions;

/// <summary>A write reads the decision as it stands from the store, and answers with what its commit left.</summary>
public sealed class CurrentDecisionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_unit_of_work_that_wrote_before_reads_the_decision_afresh_with_what_another_writer_recorded_since(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var id = DecisionId.Parse((await Seeded.Open(store, "afresh")).Id);
        await using var db = store.NewContext();

        var first = await Record(store, db, id, "DEU", "concur");
        var elsewhere = await Seeded.Record(store, id, "FRA", "reservation", condition: "Its parliament votes first");
        var second = await Record(store, db, id, "POL", "concur");

        Assert.Null(first.Refusal?.Reason);
        Assert.Null(elsewhere.Refusal?.Reason);
        Assert.Null(second.Refusal?.Reason);
        Assert.Equal(elsewhere.Value!.Version + 1, second.Value!.Version);
        Assert.Equal(PositionKind.Reservation, KindOf(second.Value, "FRA"));
        Assert.Equal(PositionKind.Concur, KindOf(second.Value, "POL"));
        var read = (await Seeded.Get(store, id)).Value!;
        Assert.Equal(read.Positions.Select(p => (p.Member, p.Kind)), second.Value.Positions.Select(p => (p.Member, p.Kind)));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_answer_to_a_position_entered_late_is_the_decision_a_fresh_read_gives(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var id = DecisionId.Parse((await Seeded.Open(store, "late")).Id);
        await using var db = store.NewContext();

        Assert.Null((await Record(store, db, id, "DEU", "reservation")).Refusal?.Reason);
        var late = await Record(store, db, id, "DEU", "concur", effective: "2025-02-01");

        var read = (await Seeded.Get(store, id)).Value!;
        Assert.Equal(PositionKind.Reservation, KindOf(late.Value!, "DEU"));
        Assert.Equal(read.Version, late.Value!.Version);
        Assert.Equal(read.Positions.Select(p => (p.Member, p.Kind)), late.Value.Positions.Select(p => (p.Member, p.Kind)));
    }

    private static PositionKind KindOf(DecisionView view, string member) => view.Positions.Single(p => p.Member == member).Kind;

    /// <summary>Records through <paramref name="db"/>, a unit of work the test keeps across writes (as an importer does).</summary>
    private static Task<Result<DecisionView>> Record(TestStore store, ConcordDbContext db, DecisionId id, string member, string kind, string? effective = null) =>
        RecordPosition.Handle(db, store.Clock, id, new RecordPosition.Request(member, kind, kind == "reservation" ? "Its parliament votes first" : null, "test", null, null, effective), new WriteContext("test"), Ct);
}
