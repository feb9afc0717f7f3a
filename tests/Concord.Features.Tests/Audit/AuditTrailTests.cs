using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Audit;
using Concord.Features.Tests.EventLog;
using NodaTime;

namespace Concord.Features.Tests.Audit;

/// <summary>Who did what and when, read from the log (SmallLog shows it: one event a day from 2024-06-01, #5 NATO RESTRICTED).</summary>
public sealed class AuditTrailTests
{
    private static readonly Reader Secretariat = new("secretariat:anna", new HashSet<Role> { Role.Secretariat }, null, Marking.NatoSecret);

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task every_event_is_listed_in_log_order_with_its_actor_instants_and_stream_but_no_payload(StoreKind kind)
    {
        await using var store = await Logged(kind);

        var page = await Read(store, Secretariat, new AuditQuery());

        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8], page.Entries.Select(e => e.Position));
        Assert.Null(page.Next);
        Assert.Equal(new AuditEntry(3, SmallLog.Start + Duration.FromDays(2), "delegation:deu", "PositionStated", SmallLog.Ukraine, 2,
            SmallLog.Start + Duration.FromDays(2) - Duration.FromHours(1), "PUBLIC"), page.Entries[2]);
        Assert.Equal("NATO RESTRICTED", page.Entries[4].Classification);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_trail_filters_by_actor_stream_prefix_event_name_and_recorded_dates(StoreKind kind)
    {
        await using var store = await Logged(kind);

        Assert.Equal(new long[] { 1, 2 }, Positions(await Read(store, Secretariat, new AuditQuery(Actor: "secretariat:anna"))));
        Assert.Equal(new long[] { 1, 3, 4, 5, 6, 7, 8 }, Positions(await Read(store, Secretariat, new AuditQuery(Stream: "decision-"))));
        Assert.Equal(new long[] { 2 }, Positions(await Read(store, Secretariat, new AuditQuery(Stream: "summit-washington"))));
        Assert.Equal(new long[] { 1, 7 }, Positions(await Read(store, Secretariat, new AuditQuery(Event: "DecisionOpened"))));
        var days = AuditQuery.Parse(null, null, null, "2024-06-03", "2024-06-04", null, null).Value!;
        Assert.Equal(new long[] { 3, 4 }, Positions(await Read(store, Secretariat, days)));
        Assert.Equal(new long[] { 8 }, Positions(await Read(store, Secretariat, new AuditQuery(Actor: "delegation:tur", Stream: SmallLog.Ukraine, Event: "PositionStated"))));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_trail_is_paged_by_position_and_says_where_to_continue(StoreKind kind)
    {
        await using var store = await Logged(kind);

        var first = await Read(store, Secretariat, new AuditQuery(Limit: 3));
        var second = await Read(store, Secretariat, new AuditQuery(After: first.Next!.Value, Limit: 3));
        var last = await Read(store, Secretariat, new AuditQuery(After: second.Next!.Value, Limit: 3));

        Assert.Equal(("1,2,3", 3L), (Joined(first), first.Next));
        Assert.Equal(("4,5,6", 6L), (Joined(second), second.Next));
        Assert.Equal(("7,8", (long?)null), (Joined(last), last.Next));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_reader_without_the_clearance_sees_no_row_of_a_hidden_event_nor_a_position_or_version_that_would_count_one(StoreKind kind)
    {
        await using var store = await Logged(kind);
        var uncleared = Secretariat with { Clearance = Marking.NatoUnclassified };

        var all = await Read(store, uncleared, new AuditQuery());
        var first = await Read(store, uncleared, new AuditQuery(Limit: 2));
        var rest = await Read(store, uncleared, new AuditQuery(After: first.Next!.Value, Limit: 2));

        // The Ukraine decision holds a position hidden from this reader: of it, as in the feed, only its opening is listed.
        Assert.Equal([(SmallLog.Ukraine, "DecisionOpened"), ("summit-washington-2024", "SummitScheduled"), ("decision-open-door-2025", "DecisionOpened")],
            all.Entries.Select(e => (e.StreamId, e.Event)));
        Assert.All(all.Entries, e => Assert.Equal(((long?)null, (int?)null), (e.Position, e.StreamVersion)));
        Assert.Equal(["decision-open-door-2025"], rest.Entries.Select(e => e.StreamId));
        Assert.Null(rest.Next);
        Assert.Empty((await Read(store, uncleared, new AuditQuery(Actor: "delegation:usa"))).Entries);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task only_administrators_and_the_secretariat_may_read_the_trail(StoreKind kind)
    {
        await using var store = await Logged(kind);
        var analyst = new Reader("analyst", new HashSet<Role> { Role.Analyst }, null, Marking.NatoSecret);
        var administrator = new Reader("admin", new HashSet<Role> { Role.Administrator }, null, Marking.NatoSecret);

        await using var db = store.NewContext();
        var refused = await AuditTrail.Handle(db, analyst, new AuditQuery(), TestContext.Current.CancellationToken);

        Assert.Equal(RefusalKind.Forbidden, refused.Refusal!.Kind);
        Assert.Equal(RefusalKind.Forbidden, (await AuditTrail.Handle(db, Reader.Anonymous, new AuditQuery(), TestContext.Current.CancellationToken)).Refusal!.Kind);
        Assert.Equal(8, (await Read(store, administrator, new AuditQuery())).Entries.Count);
    }

    [Fact]
    public void bad_filters_are_refused_naming_the_field()
    {
        Assert.Equal("from", AuditQuery.Parse(null, null, null, "yesterday", null, null, null).Refusal!.Field);
        Assert.Equal("to", AuditQuery.Parse(null, null, null, "2024-06-05", "2024-06-01", null, null).Refusal!.Field);
        Assert.Equal("limit", AuditQuery.Parse(null, null, null, null, null, null, 0).Refusal!.Field);
        Assert.Equal("after", AuditQuery.Parse(null, null, null, null, null, -1, null).Refusal!.Field);
        Assert.Equal("actor", AuditQuery.Parse(new string('a', 201), null, null, null, null, null, null).Refusal!.Field);
    }

    private static async Task<TestStore> Logged(StoreKind kind)
    {
        var store = await TestStore.Create(kind);
        await SmallLog.Write(store);
        return store;
    }

    private static async Task<AuditPage> Read(TestStore store, Reader reader, AuditQuery query)
    {
        await using var db = store.NewContext();
        var result = await AuditTrail.Handle(db, reader, query, TestContext.Current.CancellationToken);
        Assert.Null(result.Refusal);
        return result.Value!;
    }

    private static long[] Positions(AuditPage page) => [.. page.Entries.Select(e => e.Position!.Value)];

    private static string Joined(AuditPage page) => string.Join(',', Positions(page));
}
