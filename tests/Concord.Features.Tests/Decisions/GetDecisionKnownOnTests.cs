using Concord.Domain.Decisions;
using Concord.Features.Access;
using Concord.Features.Decisions;
using Concord.Features.Importing;
using NodaTime;

namespace Concord.Features.Tests.Decisions;

/// <summary>A decision read as known on a day: no position, note, source or conclusion published after it.</summary>
public sealed class GetDecisionKnownOnTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_invitation_decision_known_on_a_day_before_the_report_of_the_positions_shows_no_position_and_no_outcome(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();

        var view = (await GetDecision.Handle(db, store.Clock, Seeder.UkraineInvitation, null, Reader.System, Ct, new LocalDate(2024, 4, 4))).Value!;

        Assert.Equal(new LocalDate(2024, 4, 4), view.KnownOn);
        Assert.Equal(DecisionStatus.Open, view.Status);
        Assert.All(view.Positions, p => Assert.Equal(PositionKind.Undeclared, p.Kind));
        Assert.Null(view.ConclusionSource);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task known_after_the_report_and_before_the_summit_the_positions_stand_with_only_the_sources_published_by_then_and_the_decision_is_open(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();

        var view = (await GetDecision.Handle(db, store.Clock, Seeder.UkraineInvitation, null, Reader.System, Ct, new LocalDate(2024, 5, 1))).Value!;
        var everything = (await GetDecision.Handle(db, store.Clock, Seeder.UkraineInvitation, null, Reader.System, Ct)).Value!;

        Assert.Equal(DecisionStatus.Open, view.Status);
        Assert.Equal(["DEU", "HUN", "SVK", "USA"], view.Positions.Where(p => p.Kind == PositionKind.Object).Select(p => p.Member).Order());
        // Hungary's position cites the report of 2024-04-05 and a later one with no date: known on 2024-05-01, only the first.
        var hungary = view.Positions.Single(p => p.Member == "HUN");
        Assert.Equal("up-2024-04-05-stefanishyna", hungary.Source);
        Assert.Equal("up-2024-04-05-stefanishyna;g-novosti-2024-hun-svk", everything.Positions.Single(p => p.Member == "HUN").Source);
        Assert.Equal(DecisionStatus.Concluded, everything.Status);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task known_on_the_day_it_ended_the_decision_is_concluded_without_consensus_as_its_source_records(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();

        var view = (await GetDecision.Handle(db, store.Clock, Seeder.UkraineInvitation, null, Reader.System, Ct, new LocalDate(2024, 7, 11))).Value!;

        Assert.Equal(DecisionStatus.Concluded, view.Status);
        Assert.Equal(Domain.Rules.Outcome.Lapsed, view.Outcome);
        Assert.Equal("S34", view.ConclusionSource);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_decision_known_on_a_day_before_it_opened_is_not_found_and_says_it_was_not_yet_opened_then(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();

        var view = await GetDecision.Handle(db, store.Clock, Seeder.UkraineInvitation, null, Reader.System, Ct, new LocalDate(2023, 7, 10));

        Assert.Equal(Domain.RefusalKind.NotFound, view.Refusal!.Kind);
        Assert.Contains("was not yet opened on 2023-07-10", view.Refusal.Reason, StringComparison.Ordinal);
    }
}
