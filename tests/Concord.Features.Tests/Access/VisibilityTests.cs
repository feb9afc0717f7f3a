using System.Text.Json;
using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Features.Access;
using Concord.Features.Decisions;
using Concord.Features.EventLog;
using Microsoft.EntityFrameworkCore;
using static Concord.Features.Tests.Readers.ReaderTests;

namespace Concord.Features.Tests.Readers;

/// <summary>
/// Redaction on a real store: a reader never receives a position it is not cleared for, through any read (the view now
/// and as of a date, the list, the position history, the feed, an export), and cannot infer it from an aggregate.
/// </summary>
public sealed class VisibilityTests
{
    public static readonly Reader Secretariat = new("secretariat", new HashSet<Role> { Role.Secretariat }, null, Marking.NatoSecret);

    /// <summary>A PUBLIC decision: France concurs publicly, Hungary objects under NATO RESTRICTED, the secretariat releases "No consensus.".</summary>
    private const string Flank = "flank-plans";

    /// <summary>NATO UNCLASSIFIED REL UKR: Poland concurs (released to Ukraine), Hungary objects under NATO RESTRICTED (not released).</summary>
    private const string Support = "support-package";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, Reader> Uncleared = new() { ["observer"] = Observer, ["candidate delegation UKR"] = UkraineCleared };

    public static TheoryData<StoreKind, string, string> UnclearedReads() => new()
    {
        { StoreKind.Sqlite, "observer", Flank }, { StoreKind.Postgres, "observer", Flank },
        { StoreKind.Sqlite, "candidate delegation UKR", Flank }, { StoreKind.Postgres, "candidate delegation UKR", Flank },
        { StoreKind.Sqlite, "candidate delegation UKR", Support }, { StoreKind.Postgres, "candidate delegation UKR", Support },
    };

    [Theory, MemberData(nameof(UnclearedReads))]
    public async Task a_reader_not_cleared_for_a_restricted_position_never_receives_it_nor_an_aggregate_that_betrays_it(StoreKind kind, string who, string id)
    {
        await using var store = await WithRestrictedPositions(kind);
        var reader = Uncleared[who];
        var decision = DecisionId.Parse(id);
        await using var db = store.NewContext();

        AssertRedacted((await GetDecision.Handle(db, store.Clock, decision, null, reader, Ct)).Value!, "No consensus.");
        AssertRedacted((await GetDecision.Handle(db, store.Clock, decision, Input.AsOf("2025-03-15").Value, reader, Ct)).Value!, Visibility.NotReleased);
        var row = Assert.Single(await ListDecisions.Handle(db, store.Clock, null, reader, Ct), d => d.Id == id);
        Assert.Equal((Outcome.Withheld, 0, false, 0, "No consensus."), (row.Outcome, row.Blocking.Count, row.PositionsShown, row.Version, row.ReleasedOutcome));
        Assert.Empty((await PositionHistory.Handle(db, decision, null, reader, Ct)).Value!);
        Assert.Empty((await PositionHistory.Handle(db, decision, MemberCode.Parse("HUN"), reader, Ct)).Value!);

        var feed = (await ReadableLog.Feed(db, 0, 1000, reader, Ct)).Events.Where(e => e.StreamId == "decision-" + id).ToList();
        Assert.Equal(["DecisionOpened", "OutcomeReleased"], feed.Select(e => e.Name));
        var export = await Export(db, reader);
        Assert.Equal(["DecisionOpened", "OutcomeReleased"], export.Where(e => e.StreamId == "decision-" + id).Select(e => e.Name));
        Assert.DoesNotContain(export, e => e.Classification == "NATO RESTRICTED");
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_reader_cleared_for_every_position_sees_the_whole_view_with_the_released_statement(StoreKind kind)
    {
        await using var store = await WithRestrictedPositions(kind);
        await using var db = store.NewContext();

        var view = (await GetDecision.Handle(db, store.Clock, DecisionId.Parse(Flank), null, Analyst, Ct)).Value!;

        Assert.True(view.PositionsShown);
        Assert.Equal((Outcome.Blocked, "PUBLIC", "No consensus."), (view.Outcome, view.Classification, view.ReleasedOutcome));
        Assert.Equal(["HUN"], view.Blocking);
        var history = (await PositionHistory.Handle(db, DecisionId.Parse(Flank), null, Analyst, Ct)).Value!;
        Assert.Equal([("FRA", "PUBLIC"), ("HUN", "NATO RESTRICTED")], history.Select(h => (h.Member, h.Classification)));
        Assert.Contains((await ReadableLog.Feed(db, 0, 1000, Analyst, Ct)).Events, e => e.Classification == "NATO RESTRICTED");
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task before_the_restricted_position_was_taken_the_observer_sees_the_public_positions_of_the_day(StoreKind kind)
    {
        await using var store = await WithRestrictedPositions(kind);
        await using var db = store.NewContext();

        var view = (await GetDecision.Handle(db, store.Clock, DecisionId.Parse(Flank), Input.AsOf("2025-02-15").Value, Observer, Ct)).Value!;

        Assert.True(view.PositionsShown);
        Assert.Equal(PositionKind.Concur, view.Positions.Single(p => p.Member == "FRA").Kind);
        Assert.DoesNotContain(view.Positions, p => p.Member == "HUN" && p.Kind != PositionKind.Undeclared);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_position_released_to_ukraine_is_visible_to_the_ukrainian_candidate_delegation_with_the_clearance(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Open(store, "ukraine-briefing", "NATO RESTRICTED REL UKR");
        Assert.Null((await State(store, "ukraine-briefing", "DEU", "concur", "2025-02-01", GermanyRestricted)).Refusal);
        await using var db = store.NewContext();
        var id = DecisionId.Parse("ukraine-briefing");

        var view = (await GetDecision.Handle(db, store.Clock, id, null, UkraineCleared, Ct)).Value!;

        Assert.True(view.PositionsShown);
        Assert.Equal("NATO RESTRICTED REL UKR", view.Classification);
        Assert.Equal(PositionKind.Concur, view.Positions.Single(p => p.Member == "DEU").Kind);
        Assert.Equal(["DEU"], (await PositionHistory.Handle(db, id, null, UkraineCleared, Ct)).Value!.Select(h => h.Member));
        var uncleared = ReaderTests.Of(Role.CandidateDelegation, "UKR", Marking.NatoUnclassified);
        Assert.Equal("There is no decision 'ukraine-briefing'.", (await GetDecision.Handle(db, store.Clock, id, null, uncleared, Ct)).Refusal?.Reason);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_decision_the_reader_may_not_see_is_answered_exactly_like_one_that_does_not_exist(StoreKind kind)
    {
        await using var store = await WithRestrictedPositions(kind);
        await Open(store, "secret-plans", "NATO RESTRICTED");
        Assert.Null((await State(store, "secret-plans", "DEU", "concur", "2025-02-01", GermanyRestricted)).Refusal);
        var events = await store.EventCount();
        await using var db = store.NewContext();
        var id = DecisionId.Parse("secret-plans");
        var unknown = await GetDecision.Handle(db, store.Clock, DecisionId.Parse("no-such-plans"), null, Observer, Ct);

        var refusals = new[]
        {
            (await GetDecision.Handle(db, store.Clock, id, null, Observer, Ct)).Refusal,
            (await GetDecision.Handle(db, store.Clock, id, Input.AsOf("2025-03-01").Value, GermanyUnclassified, Ct)).Refusal,
            (await PositionHistory.Handle(db, id, null, Observer, Ct)).Refusal,
            (await RecordPosition.Handle(db, store.Clock, id, new RecordPosition.Request("DEU", "object"), WriteContext.By(GermanyUnclassified), Ct)).Refusal,
            (await ReleaseOutcome.Handle(db, store.Clock, id, new ReleaseOutcome.Request("Agreed."),
                WriteContext.By(new Reader("junior", new HashSet<Role> { Role.Secretariat }, null, Marking.NatoUnclassified)), Ct)).Refusal,
        };

        Assert.Equal("There is no decision 'no-such-plans'.", unknown.Refusal?.Reason);
        Assert.All(refusals, r => Assert.Equal((RefusalKind.NotFound, "There is no decision 'secret-plans'."), (r!.Kind, r.Reason)));
        Assert.DoesNotContain(await ListDecisions.Handle(db, store.Clock, null, GermanyUnclassified, Ct), d => d.Id == "secret-plans");
        Assert.DoesNotContain((await ReadableLog.Feed(db, 0, 1000, GermanyUnclassified, Ct)).Events, e => e.StreamId == "decision-secret-plans");
        Assert.Equal(events, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_feed_pages_only_what_the_reader_sees_and_offers_no_next_page_when_nothing_visible_follows(StoreKind kind)
    {
        await using var store = await WithRestrictedPositions(kind);
        await Open(store, "last-secret", "NATO SECRET");
        await using var db = store.NewContext();
        var all = (await ReadableLog.Feed(db, 0, 1000, Observer, Ct)).Events;

        var first = await ReadableLog.Feed(db, 0, all.Count - 1, Observer, Ct);
        var last = await ReadableLog.Feed(db, first.Next!.Value, 10, Observer, Ct);

        Assert.Equal(all.Select(e => e.Position), first.Events.Concat(last.Events).Select(e => e.Position));
        Assert.Null(last.Next);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_read_models_carry_the_marking_of_each_decision_and_position_and_the_released_statement(StoreKind kind)
    {
        await using var store = await WithRestrictedPositions(kind);
        await using var db = store.NewContext();

        var decision = await db.Decisions.SingleAsync(d => d.Id == Support, Ct);
        var positions = await db.Positions.Where(p => p.DecisionId == Support).OrderBy(p => p.Member).ToListAsync(Ct);

        Assert.Equal((Marking.NatoUnclassified, "UKR", "No consensus."), (decision.Marking, decision.ReleasableTo, decision.ReleasedOutcome));
        Assert.Equal([("HUN", Marking.NatoRestricted, (string?)null), ("POL", Marking.NatoUnclassified, "UKR")],
            positions.Select(p => (p.Member, p.Marking, p.ReleasableTo)));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_hosts_export_of_a_marked_log_imports_into_an_empty_store_with_every_marking_and_hash(StoreKind kind)
    {
        await using var source = await WithRestrictedPositions(kind);
        await using var target = await TestStore.Create(kind);
        var writer = new StringWriter { NewLine = "\n" };
        await using (var db = source.NewContext()) await ReadableLog.Export(db, writer, Reader.System, Ct);

        await using var into = target.NewContext();
        var imported = await LogOperations.Import(into, target.Clock, new StringReader(writer.ToString()), Ct);

        Assert.Null(imported.Refusal);
        Assert.Equal(2, await into.Events.CountAsync(e => e.Marking == Marking.NatoRestricted, Ct));
        Assert.Equal("No consensus.", (await into.Decisions.SingleAsync(d => d.Id == Flank, Ct)).ReleasedOutcome);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_shipped_data_is_public_and_a_decision_opened_without_a_marking_is_nato_unclassified(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using (var db = store.NewContext())
            Assert.False(await db.Events.AnyAsync(e => e.Marking != Marking.Public || e.ReleasableTo != null, Ct));

        var view = await Seeded.Open(store, "unmarked");

        Assert.Equal("NATO UNCLASSIFIED", view.Classification);
        Assert.Equal("PUBLIC", (await Seeded.Get(store, Seeded.Ukraine)).Value!.Classification);
    }

    private static void AssertRedacted(DecisionView view, string statement)
    {
        Assert.False(view.PositionsShown);
        Assert.Equal((Outcome.Withheld, statement, DecisionStatus.Open, 0), (view.Outcome, view.Explanation, view.Status, view.Version));
        Assert.Empty(view.Positions);
        Assert.Empty(view.Blocking);
        Assert.Empty(view.ToAct);
        Assert.Empty(view.WhatItWouldTake);
        Assert.Null(view.SilenceDeadline);
        Assert.DoesNotContain("HUN", JsonSerializer.Serialize(view, ConcordJson.Options), StringComparison.Ordinal);
    }

    /// <summary>The seeded store with <see cref="Flank"/> and <see cref="Support"/>, their positions stated by each state's own delegation.</summary>
    private static async Task<TestStore> WithRestrictedPositions(StoreKind kind)
    {
        var store = await TestStore.Create(kind, seed: true);
        var hungary = ReaderTests.Of(Role.Delegation, "HUN", Marking.NatoRestricted);
        await Open(store, Flank, "PUBLIC");
        Assert.Null((await State(store, Flank, "FRA", "concur", "2025-02-01", ReaderTests.Of(Role.Delegation, "FRA", Marking.NatoRestricted))).Refusal);
        Assert.Null((await State(store, Flank, "HUN", "object", "2025-03-01", hungary, "NATO RESTRICTED")).Refusal);
        await Open(store, Support, "NATO UNCLASSIFIED REL UKR");
        Assert.Null((await State(store, Support, "POL", "concur", "2025-02-01", ReaderTests.Of(Role.Delegation, "POL", Marking.NatoUnclassified))).Refusal);
        Assert.Null((await State(store, Support, "HUN", "object", "2025-03-01", hungary, "NATO RESTRICTED")).Refusal);
        foreach (var id in new[] { Flank, Support })
        {
            await using var db = store.NewContext();
            var released = await ReleaseOutcome.Handle(db, store.Clock, DecisionId.Parse(id), new ReleaseOutcome.Request("No consensus."), WriteContext.By(Secretariat), Ct);
            Assert.Null(released.Refusal);
        }
        return store;
    }

    internal static async Task Open(TestStore store, string id, string classification)
    {
        await using var db = store.NewContext();
        var opened = await OpenDecision.Handle(db, store.Clock,
            new OpenDecision.Request(id, "Test decision " + id, null, null, null, null, null, "2025-01-06", classification), WriteContext.By(Secretariat), Ct);
        Assert.Null(opened.Refusal);
    }

    internal static async Task<Result<DecisionView>> State(TestStore store, string id, string member, string kind, string effective, Reader by,
        string? classification = null)
    {
        await using var db = store.NewContext();
        return await RecordPosition.Handle(db, store.Clock, DecisionId.Parse(id),
            new RecordPosition.Request(member, kind, null, "test", null, null, effective, null, classification), WriteContext.By(by), Ct);
    }

    private static async Task<List<FeedEvent>> Export(Concord.Features.Storage.ConcordDbContext db, Reader reader)
    {
        var writer = new StringWriter { NewLine = "\n" };
        await ReadableLog.Export(db, writer, reader, Ct);
        return [.. writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<FeedEvent>(l, ConcordJson.Options)!)];
    }
}
