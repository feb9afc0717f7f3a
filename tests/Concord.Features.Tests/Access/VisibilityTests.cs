using System.Text.Json;
using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Features.Access;
using Concord.Features.Decisions;
using Concord.Features.EventLog;
using Microsoft.EntityFrameworkCore;
using NodaTime;
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

        var feed = (await WholeFeed.Of(db, reader, Ct)).Where(e => e.StreamId == "decision-" + id).ToList();
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
        Assert.Contains(await WholeFeed.Of(db, Analyst, Ct), e => e.Classification == "NATO RESTRICTED");
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
        Assert.DoesNotContain(await WholeFeed.Of(db, GermanyUnclassified, Ct), e => e.StreamId == "decision-secret-plans");
        Assert.Equal(events, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_feed_pages_only_what_the_reader_sees_and_offers_no_next_page_when_nothing_visible_follows(StoreKind kind)
    {
        await using var store = await WithRestrictedPositions(kind);
        await Open(store, "last-secret", "NATO SECRET");
        await using var db = store.NewContext();
        var all = await WholeFeed.Of(db, Observer, Ct);
        // Whole pages up to the last one, then a page that stops one visible event short of the end.
        var seen = new List<LogEvent>();
        long after = 0;
        while (all.Count - seen.Count > 1000)
        {
            var page = await ReadableLog.Feed(db, after, 1000, Observer, Ct);
            seen.AddRange(page.Events);
            after = page.Next!.Value;
        }

        var first = await ReadableLog.Feed(db, after, all.Count - seen.Count - 1, Observer, Ct);
        var last = await ReadableLog.Feed(db, first.Next!.Value, 10, Observer, Ct);

        Assert.Equal(all.Select(e => e.Position), seen.Concat(first.Events).Concat(last.Events).Select(e => e.Position));
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

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task after_the_silence_deadline_a_redacted_reader_is_told_the_same_whether_silence_held_or_was_broken(StoreKind kind)
    {
        await using var store = await UnderSilence(kind);
        await using var db = store.NewContext();

        foreach (var id in new[] { "silence-held", "silence-broken" })
        {
            var decision = DecisionId.Parse(id);
            foreach (var asOf in new Instant?[] { null, Input.AsOf("2026-12-03").Value })
            {
                var view = (await GetDecision.Handle(db, store.Clock, decision, asOf, GermanyUnclassified, Ct)).Value!;
                Assert.Equal((DecisionStatus.SilenceDeadlinePassed, Outcome.Withheld, (Instant?)null, Visibility.NotReleased, 0),
                    (view.Status, view.Outcome, view.Closed, view.Explanation, view.Version));
            }
            var row = Assert.Single(await ListDecisions.Handle(db, store.Clock, null, GermanyUnclassified, Ct), d => d.Id == id);
            Assert.Equal((DecisionStatus.SilenceDeadlinePassed, true, (Instant?)null), (row.Status, row.Concluded, row.SilenceDeadline));
            var open = (await ListDecisions.Views(db, store.Clock, new DecisionQuery(OpenOnly: true), GermanyUnclassified, Ct)).Views;
            Assert.DoesNotContain(open, v => v.Id == id);
        }
        Assert.Equal(Outcome.AdoptedUnderSilence, (await GetDecision.Handle(db, store.Clock, DecisionId.Parse("silence-held"), null, Secretariat, Ct)).Value!.Outcome);
        Assert.Equal(DecisionStatus.Open, (await GetDecision.Handle(db, store.Clock, DecisionId.Parse("silence-broken"), null, Secretariat, Ct)).Value!.Status);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_lower_cleared_secretariat_s_trail_shows_no_adoption_under_silence_that_hidden_positions_decided(StoreKind kind)
    {
        await using var store = await UnderSilence(kind);
        await using var db = store.NewContext();
        var junior = Secretariat with { Actor = "junior", Clearance = Marking.NatoUnclassified };

        var trail = (await Concord.Features.Audit.AuditTrail.Handle(db, junior, new Concord.Features.Audit.AuditQuery(Stream: "decision-silence-", Limit: 1000), Ct)).Value!;
        var whole = (await Concord.Features.Audit.AuditTrail.Handle(db, Secretariat, new Concord.Features.Audit.AuditQuery(Stream: "decision-silence-", Limit: 1000), Ct)).Value!;

        Assert.Contains(whole.Entries, e => e.Event == "DecisionAdoptedUnderSilence");
        Assert.Equal([("decision-silence-held", "DecisionOpened"), ("decision-silence-broken", "DecisionOpened")], trail.Entries.Select(e => (e.StreamId, e.Event)));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_redacted_writer_s_expected_version_is_refused_whatever_the_real_version(StoreKind kind)
    {
        await using var store = await WithRestrictedPositions(kind);
        var events = await store.EventCount();
        var id = DecisionId.Parse(Flank);

        foreach (var version in Enumerable.Range(0, 8))
        {
            await using var db = store.NewContext();
            var own = await RecordPosition.Handle(db, store.Clock, id, new RecordPosition.Request("DEU", "concur", ExpectedVersion: version), WriteContext.By(GermanyUnclassified), Ct);
            var other = await RecordPosition.Handle(db, store.Clock, id, new RecordPosition.Request("HUN", "concur", ExpectedVersion: version), WriteContext.By(GermanyUnclassified), Ct);
            Assert.Equal((RefusalKind.Invalid, "expectedVersion"), (own.Refusal!.Kind, own.Refusal.Field));
            Assert.Equal((RefusalKind.Forbidden, "member"), (other.Refusal!.Kind, other.Refusal.Field));
        }
        Assert.Equal(events, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_id_taken_by_a_decision_the_writer_may_not_see_is_answered_as_if_free_under_an_id_the_server_chooses(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Open(store, "secret-plans", "NATO SECRET");
        var junior = Secretariat with { Actor = "junior", Clearance = Marking.NatoUnclassified };
        var request = new OpenDecision.Request("secret-plans", "Junior plans", null, null, null, null, null, "2025-01-06", "NATO UNCLASSIFIED");

        Result<DecisionView> opened, again;
        await using (var db = store.NewContext())
            opened = await OpenDecision.Handle(db, store.Clock, request, WriteContext.By(junior, new RequestKey("k1", "open")), Ct);
        await using (var db = store.NewContext())
            again = await OpenDecision.Handle(db, store.Clock, request, WriteContext.By(junior, new RequestKey("k1", "open")), Ct);

        Assert.Null(opened.Refusal);
        Assert.StartsWith("secret-plans-", opened.Value!.Id, StringComparison.Ordinal);
        Assert.Equal(("Junior plans", opened.Value.Id), (again.Value!.Subject, again.Value.Id));
        Assert.Equal("Test decision secret-plans", (await Seeded.Get(store, DecisionId.Parse("secret-plans"))).Value!.Subject);
    }

    /// <summary>
    /// Two PUBLIC drafts under silence until 1 December 2026 (noon UTC): France concurs on one and Hungary breaks silence on the
    /// other, both under NATO RESTRICTED. The deadline passes, the job adopts the first, and the other is re-issued.
    /// </summary>
    private static async Task<TestStore> UnderSilence(StoreKind kind)
    {
        var store = await TestStore.Create(kind, seed: true);
        foreach (var id in new[] { "silence-held", "silence-broken" })
        {
            await using var db = store.NewContext();
            var opened = await OpenDecision.Handle(db, store.Clock,
                new OpenDecision.Request(id, "Draft " + id, null, null, null, "2026-12-01T12:00:00Z", null, "2026-11-20", "PUBLIC"), WriteContext.By(Secretariat), Ct);
            Assert.Null(opened.Refusal);
        }
        Assert.Null((await State(store, "silence-held", "FRA", "concur", "2026-11-25", ReaderTests.Of(Role.Delegation, "FRA", Marking.NatoRestricted), "NATO RESTRICTED")).Refusal);
        Assert.Null((await State(store, "silence-broken", "HUN", "object", "2026-11-25", ReaderTests.Of(Role.Delegation, "HUN", Marking.NatoRestricted), "NATO RESTRICTED")).Refusal);
        store.Clock.Reset(NodaTime.Instant.FromUtc(2026, 12, 2, 12, 0));
        await using (var db = store.NewContext()) Assert.Equal(1, await ConcludeDueSilences.Handle(db, store.Clock, Ct));
        await using (var db = store.NewContext())
            Assert.Null((await PutUnderSilence.Handle(db, store.Clock, DecisionId.Parse("silence-broken"), new PutUnderSilence.Request("2026-12-20T12:00:00Z"),
                WriteContext.By(Secretariat), Ct)).Refusal);
        return store;
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
