using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Rules;
using Concord.Features.Decisions;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Tests.Decisions;

public sealed class DecisionUseCasesTests
{
    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_ukraine_invitation_concluded_on_2024_07_11_without_consensus_with_its_source(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var view = (await Seeded.Get(store, Seeded.Ukraine)).Value!;
        Assert.Equal((Outcome.Lapsed, DecisionStatus.Concluded), (view.Outcome, view.Status));
        Assert.Equal(Zones.StartOf(new LocalDate(2024, 7, 11)), view.Closed);
        Assert.Equal("S34", view.ConclusionSource);
        Assert.Equal(["DEU", "HUN", "SVK", "USA"], view.Blocking);
        Assert.Empty(view.WhatItWouldTake);
        Assert.Equal(32, view.Positions.Count);
        Assert.Contains(view.Positions, p => p is { Member: "BEL", Confidence: Confidence.Claimed });
        Assert.Equal("Closed without consensus on 2024-07-11. " + HedgedHeadline, view.Explanation);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task as_of_2024_04_05_the_ukraine_invitation_was_open_and_blocked_as_reported(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var view = (await Seeded.Get(store, Seeded.Ukraine, "2024-04-05")).Value!;
        Assert.Equal((Outcome.Blocked, DecisionStatus.Open), (view.Outcome, view.Status));
        Assert.Equal(["DEU", "HUN", "SVK", "USA"], view.Blocking);
        Assert.Equal(HedgedHeadline, view.Explanation);
        Assert.Null(view.Closed);
    }

    /// <summary>The headline of the Washington question, as strong as the reports it rests on.</summary>
    public const string HedgedHeadline =
        "Blocked, as reported: Germany and the United States (reported), Hungary and Slovakia (reported as sceptical).";

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_concluded_ukraine_invitation_takes_no_more_positions(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var before = await store.EventCount();

        var refused = await Seeded.Record(store, Seeded.Ukraine, "USA", "concur");

        Assert.Equal(RefusalKind.Conflict, refused.Refusal?.Kind);
        Assert.Equal(before, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task before_any_position_was_recorded_the_ukraine_invitation_was_pending(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var view = (await Seeded.Get(store, Seeded.Ukraine, "2024-01-01")).Value!;
        Assert.Equal(Outcome.Pending, view.Outcome);
        Assert.Empty(view.Blocking);
        Assert.Equal(31, view.ToAct.Count); // Sweden joined on 2024-03-07
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_refused_position_changes_nothing(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Seeded.OpenInvitation(store);
        var before = await store.EventCount();
        var refusals = new[]
        {
            await Seeded.Record(store, Seeded.Invitation, "SWE", "concur", "2023-08-01"),
            await Seeded.Record(store, Seeded.Invitation, "XYZ", "concur"),
            await Seeded.Record(store, Seeded.Invitation, "FRA", "against"),
            await Seeded.Record(store, Seeded.Invitation, "FRA", "reservation"),
            await Seeded.Record(store, Seeded.Invitation, "FRA", "concur", "2030-01-01"),
            await Seeded.Record(store, Seeded.Invitation, "FRA", "concur", "2023-01-01"),
        };
        Assert.Equal(
            [RefusalKind.Unprocessable, RefusalKind.NotFound, RefusalKind.Unprocessable, RefusalKind.Invalid, RefusalKind.Unprocessable, RefusalKind.Unprocessable],
            refusals.Select(r => r.Refusal!.Kind));
        Assert.Equal(before, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_position_entered_late_with_an_older_date_lands_in_its_place_in_every_as_of_view(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Seeded.OpenInvitation(store);
        await Seeded.Record(store, Seeded.Invitation, "DEU", "concur", "2024-06-01");
        await Seeded.Record(store, Seeded.Invitation, "DEU", "reservation", "2024-05-01", condition: "Ceasefire first");

        Assert.Equal(PositionKind.Object, Position(await Seeded.Get(store, Seeded.Invitation, "2024-04-30"), "DEU"));
        Assert.Equal(PositionKind.Reservation, Position(await Seeded.Get(store, Seeded.Invitation, "2024-05-15"), "DEU"));
        Assert.Equal(PositionKind.Concur, Position(await Seeded.Get(store, Seeded.Invitation), "DEU"));
        Assert.Equal(["HUN", "SVK", "USA"], (await Seeded.Get(store, Seeded.Invitation)).Value!.Blocking);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_same_idempotency_key_twice_appends_one_event_only(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Seeded.OpenInvitation(store);
        var before = await store.EventCount();
        var first = await Seeded.Record(store, Seeded.Invitation, "USA", "concur", key: "k-1");
        var again = await Seeded.Record(store, Seeded.Invitation, "USA", "concur", key: "k-1");
        Assert.Equal(before + 1, await store.EventCount());
        Assert.Equal(first.Value!.Version, again.Value!.Version);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_key_spent_by_one_request_refuses_another_request_under_it_naming_the_key_and_stores_nothing(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Seeded.OpenInvitation(store);
        Assert.Null((await Seeded.Record(store, Seeded.Invitation, "USA", "concur", key: "k-2")).Refusal);
        var before = await store.EventCount();

        var other = await Seeded.Record(store, Seeded.Invitation, "USA", "object", key: "k-2");

        Assert.Equal((RefusalKind.Unprocessable, "Idempotency-Key"), (other.Refusal?.Kind, other.Refusal?.Field));
        Assert.Equal(before, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task of_two_different_requests_racing_under_one_key_one_is_stored_and_the_other_refused_never_acknowledged_and_dropped(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Seeded.OpenInvitation(store);
        var before = await store.EventCount();

        var results = await Task.WhenAll(
            Task.Run(() => Seeded.Record(store, Seeded.Invitation, "USA", "concur", key: "k-race")),
            Task.Run(() => Seeded.Record(store, Seeded.Invitation, "USA", "object", key: "k-race")));

        Assert.Single(results, r => r.Refusal is null);
        Assert.Single(results, r => r.Refusal is { Kind: RefusalKind.Unprocessable, Field: "Idempotency-Key" });
        Assert.Equal(before + 1, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_silence_deadline_that_passed_while_the_server_was_down_concludes_at_the_deadline(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind, seed: true);
        await Seeded.Open(store, "plan-under-silence", silenceDeadline: "2026-12-01T10:00", opened: null);
        store.Clock.AdvanceDays(10);

        await using (var db = store.NewContext()) Assert.Equal(1, await ConcludeDueSilences.Handle(db, store.Clock, ct));

        var deadline = Instant.FromUtc(2026, 12, 1, 9, 0);
        await using var check = store.NewContext();
        var last = await check.Events.Where(e => e.StreamId == "decision-plan-under-silence").OrderByDescending(e => e.StreamVersion).FirstAsync(ct);
        Assert.Equal(("DecisionAdoptedUnderSilence", deadline), (last.Name, last.Effective));
        Assert.Equal(Outcome.AdoptedUnderSilence, (await Seeded.Get(store, DecisionId.Parse("plan-under-silence"))).Value!.Outcome);
        Assert.Equal(RefusalKind.Conflict, (await Seeded.Record(store, DecisionId.Parse("plan-under-silence"), "FRA", "object")).Refusal?.Kind);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_draft_reissued_after_silence_was_broken_is_adopted_when_the_new_deadline_passes_unbroken(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind, seed: true);
        var id = DecisionId.Parse("eagle-defender");
        await Seeded.Open(store, id.Value, silenceDeadline: "2026-12-01T10:00", opened: null);
        var broken = await Seeded.Record(store, id, "TUR", "object");
        Assert.Equal((Outcome.Blocked, "SilenceBroken"), (broken.Value!.Outcome, await LastEventName(store, id)));

        await using (var db = store.NewContext())
            Assert.Equal(Outcome.Pending, (await PutUnderSilence.Handle(db, store.Clock, id, new("2026-12-15T10:00", null), new WriteContext("test"), ct)).Value!.Outcome);
        store.Clock.AdvanceDays(20);

        Assert.Equal(Outcome.AdoptedUnderSilence, (await Seeded.Get(store, id)).Value!.Outcome);
    }

    private static PositionKind Position(Result<DecisionView> view, string member) => view.Value!.Positions.Single(p => p.Member == member).Kind;

    private static async Task<string> LastEventName(TestStore store, DecisionId id)
    {
        await using var db = store.NewContext();
        return await db.Events.Where(e => e.StreamId == "decision-" + id.Value).OrderByDescending(e => e.StreamVersion)
            .Select(e => e.Name).FirstAsync(TestContext.Current.CancellationToken);
    }
}
