using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Features.Decisions;
using Concord.Features.Tests.Readers;
using static Concord.Features.Tests.Readers.ReaderTests;

namespace Concord.Features.Tests.Decisions;

/// <summary>Markings on decisions and positions: a position is marked at least as high as its decision; bad words are a 400 naming the field.</summary>
public sealed class DecisionMarkingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_position_marked_below_its_decision_is_refused_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await VisibilityTests.Open(store, "restricted-talks", "NATO RESTRICTED REL UKR");
        var events = await store.EventCount();

        var lower = await VisibilityTests.State(store, "restricted-talks", "DEU", "concur", "2025-02-01", GermanyRestricted, "NATO UNCLASSIFIED");
        var wider = await VisibilityTests.State(store, "restricted-talks", "DEU", "concur", "2025-02-01", GermanyRestricted, "NATO RESTRICTED REL UKR, SWE");

        Assert.Equal((RefusalKind.Unprocessable, "classification"), (lower.Refusal!.Kind, lower.Refusal.Field));
        Assert.Equal("A position on a NATO RESTRICTED REL UKR decision cannot be marked NATO UNCLASSIFIED: a position is marked at least as high as its decision.",
            lower.Refusal.Reason);
        Assert.Equal((RefusalKind.Unprocessable, "classification"), (wider.Refusal!.Kind, wider.Refusal.Field));
        Assert.Equal(events, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_position_marked_higher_than_its_decision_is_stored_under_its_own_marking(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await VisibilityTests.Open(store, "unclassified-talks", "NATO UNCLASSIFIED");

        var result = await VisibilityTests.State(store, "unclassified-talks", "DEU", "concur", "2025-02-01", GermanyRestricted, "NATO CONFIDENTIAL");

        Assert.Null(result.Refusal);
        await using var db = store.NewContext();
        var history = (await PositionHistory.Handle(db, DecisionId.Parse("unclassified-talks"), null, Features.Access.Reader.System, Ct)).Value!;
        Assert.Equal("NATO CONFIDENTIAL", Assert.Single(history).Classification);
    }

    [Theory]
    [InlineData("TOP SECRET")]
    [InlineData("NATO RESTRICTED REL UKRAINE")]
    [InlineData(" ")]
    public async Task a_marking_that_is_not_one_is_refused_naming_the_field(string text)
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite, seed: true);
        await using var db = store.NewContext();

        var opened = await OpenDecision.Handle(db, store.Clock, new OpenDecision.Request("marked", "Marked", Classification: text), WriteContext.By(VisibilityTests.Secretariat), Ct);
        var stated = await RecordPosition.Handle(db, store.Clock, Seeded.Ukraine, new RecordPosition.Request("DEU", "concur", Classification: text),
            WriteContext.By(GermanyRestricted), Ct);

        Assert.Equal((RefusalKind.Invalid, "classification"), (opened.Refusal!.Kind, opened.Refusal.Field));
        Assert.Equal((RefusalKind.Invalid, "classification"), (stated.Refusal!.Kind, stated.Refusal.Field));
    }

    [Fact]
    public async Task the_secretariat_cannot_open_a_decision_above_its_own_clearance()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite, seed: true);
        await using var db = store.NewContext();
        var junior = new Features.Access.Reader("junior", new HashSet<Features.Access.Role> { Features.Access.Role.Secretariat }, null, Marking.NatoUnclassified);

        var opened = await OpenDecision.Handle(db, store.Clock, new OpenDecision.Request("too-high", "Too high", Classification: "NATO SECRET"), WriteContext.By(junior), Ct);

        Assert.Equal((RefusalKind.Forbidden, "classification"), (opened.Refusal!.Kind, opened.Refusal.Field));
    }
}
