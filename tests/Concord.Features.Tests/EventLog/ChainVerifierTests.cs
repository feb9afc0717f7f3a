using Concord.Features.EventLog;

namespace Concord.Features.Tests.EventLog;

/// <summary>Tampering with the log in the database, in raw SQL, is detected and the first broken event named (SmallLog shows the log).</summary>
public sealed class ChainVerifierTests
{
    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_untouched_log_is_intact_and_reports_its_head(StoreKind kind)
    {
        await using var store = await Logged(kind);
        var head = await Tamper.Row(store, SmallLog.Count);

        var report = await Verify(store);

        Assert.True(report.Intact);
        Assert.Null(report.FirstBreak);
        Assert.Equal((8L, 8L, head.Hash), (report.Events, report.HeadPosition, report.HeadHash));
        Assert.Equal($"Chain intact: 8 events, head #8 {head.Hash}", report.Sentence);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_edited_payload_is_reported_as_that_event_altered(StoreKind kind)
    {
        await using var store = await Logged(kind);
        await Tamper.EditPayload(store, 6, "object", "concur");

        var report = await Verify(store);

        AssertBreak(report, 6, SmallLog.Ukraine, 5, "PositionStated", BreakKind.Altered);
        Assert.Equal("Event #6 (decision-invite-ukraine-washington-2024 v5, PositionStated) was altered: its hash does not match its content.", report.Sentence);
        Assert.Equal(5, report.Events);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_changed_actor_is_reported_as_that_event_altered(StoreKind kind)
    {
        await using var store = await Logged(kind);
        await Tamper.Sql(store, """UPDATE events SET "RecordedBy" = 'delegation:fra' WHERE "Position" = 3""");

        AssertBreak(await Verify(store), 3, SmallLog.Ukraine, 2, "PositionStated", BreakKind.Altered);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_lowered_marking_is_reported_as_that_event_altered(StoreKind kind)
    {
        await using var store = await Logged(kind);
        await Tamper.Sql(store, """UPDATE events SET "Marking" = 0, "ReleasableTo" = NULL WHERE "Position" = 5""");

        AssertBreak(await Verify(store), 5, SmallLog.Ukraine, 4, "PositionStated", BreakKind.Altered);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_deleted_row_is_reported_as_missing_naming_the_position_and_the_event_after_the_gap(StoreKind kind)
    {
        await using var store = await Logged(kind);
        await Tamper.Delete(store, 4);

        var report = await Verify(store);

        AssertBreak(report, 5, SmallLog.Ukraine, 4, "PositionStated", BreakKind.Missing);
        Assert.Contains("event #4 is missing", report.Sentence, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_deleted_row_with_the_later_positions_renumbered_is_reported_as_missing_before_the_event_that_moved_up(StoreKind kind)
    {
        await using var store = await Logged(kind);
        await Tamper.Delete(store, 4);
        await Tamper.Renumber(store, 5, -1);

        var report = await Verify(store);

        AssertBreak(report, 4, SmallLog.Ukraine, 4, "PositionStated", BreakKind.Missing);
        Assert.Contains("skips version 3 of its stream", report.Sentence, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task two_swapped_rows_are_reported_as_reordered_naming_the_first(StoreKind kind)
    {
        await using var store = await Logged(kind);
        await Tamper.Swap(store, 3, 6);

        var report = await Verify(store);

        // Position 3 now holds what was #6: HUN's objection, v5 of its stream.
        AssertBreak(report, 3, SmallLog.Ukraine, 5, "PositionStated", BreakKind.Reordered);
        Assert.Contains("it links to event #5, which comes after it", report.Sentence, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task two_adjacent_swapped_rows_are_reported_as_reordered_naming_the_first(StoreKind kind)
    {
        await using var store = await Logged(kind);
        await Tamper.Swap(store, 6, 7);

        AssertBreak(await Verify(store), 6, "decision-open-door-2025", 1, "DecisionOpened", BreakKind.Reordered);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_forged_event_inserted_in_the_middle_with_later_rows_renumbered_is_reported_as_inserted(StoreKind kind)
    {
        await using var store = await Logged(kind);
        var template = await Tamper.Row(store, 6);
        await Tamper.Renumber(store, 4, +1);
        var forged = await Tamper.InsertForged(store, 4, template, template.Payload.Replace("HUN", "ITA", StringComparison.Ordinal), "delegation:ita", 7, Tamper.Nowhere);

        var report = await Verify(store);

        AssertBreak(report, 4, SmallLog.Ukraine, 7, "PositionStated", BreakKind.Inserted);
        Assert.Equal(forged.Hash, (await Tamper.Row(store, 4)).Hash);
        Assert.Contains("event #5 after it links to event #3 directly", report.Sentence, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_forged_event_inserted_by_relinking_the_next_event_past_it_is_reported_as_inserted(StoreKind kind)
    {
        await using var store = await Logged(kind);
        var before = await Tamper.Row(store, 3);
        var template = await Tamper.Row(store, 4);
        // The forger takes #4's place in the chain: #4 (moved to #5) is re-linked to the forgery, but its hash cannot follow.
        await Tamper.Sql(store, """UPDATE events SET "PreviousHash" = {0} WHERE "Position" = 4""", Tamper.Nowhere);
        await Tamper.Renumber(store, 4, +1);
        var forged = await Tamper.InsertForged(store, 4, template, template.Payload.Replace("FRA", "ITA", StringComparison.Ordinal), "delegation:ita", 7, before.Hash);
        await Tamper.Sql(store, """UPDATE events SET "PreviousHash" = {0} WHERE "Position" = 5""", forged.Hash);

        AssertBreak(await Verify(store), 4, SmallLog.Ukraine, 7, "PositionStated", BreakKind.Inserted);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_forged_event_appended_at_the_end_with_a_wrong_link_is_reported_as_inserted(StoreKind kind)
    {
        await using var store = await Logged(kind);
        var template = await Tamper.Row(store, 8);
        await Tamper.InsertForged(store, 9, template, template.Payload.Replace("TUR", "ITA", StringComparison.Ordinal), "delegation:ita", 7, Tamper.Nowhere);

        var report = await Verify(store);

        AssertBreak(report, 9, SmallLog.Ukraine, 7, "PositionStated", BreakKind.Inserted);
        Assert.Equal((8L, 8L), (report.Events, report.HeadPosition));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_stream_that_skips_a_version_is_reported_missing_even_when_the_chain_was_relinked(StoreKind kind)
    {
        await using var store = await Logged(kind);
        await Tamper.Delete(store, 4);
        await Tamper.Renumber(store, 5, -1);
        await Tamper.Rechain(store, 4);

        var report = await Verify(store);

        AssertBreak(report, 4, SmallLog.Ukraine, 4, "PositionStated", BreakKind.Missing);
        Assert.Contains("skips version 3 of its stream", report.Sentence, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_tail_cut_off_is_invisible_to_the_chain_but_caught_by_the_head_kept_elsewhere(StoreKind kind)
    {
        await using var store = await Logged(kind);
        var head = await HeadOf(store);
        await Tamper.Sql(store, """DELETE FROM events WHERE "Position" > 6""");

        Assert.True((await Verify(store)).Intact);
        var report = await Verify(store, head);

        Assert.False(report.Intact);
        Assert.Equal((8L, BreakKind.Truncated), (report.FirstBreak!.Position, report.FirstBreak.Kind));
        Assert.Equal("Event #8 was removed: the log ends at #6, but the head kept elsewhere is #8; the events after #6 were cut off.", report.Sentence);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_rewritten_and_rechained_log_is_invisible_to_the_chain_but_caught_by_the_head_kept_elsewhere(StoreKind kind)
    {
        await using var store = await Logged(kind);
        var head = await HeadOf(store);
        await Tamper.EditPayload(store, 6, "object", "concur");
        await Tamper.Rechain(store, 6);

        Assert.True((await Verify(store)).Intact);
        var report = await Verify(store, head);

        AssertBreak(report, 8, SmallLog.Ukraine, 6, "PositionStated", BreakKind.Rewritten);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_head_kept_elsewhere_of_an_untouched_log_is_reached(StoreKind kind)
    {
        await using var store = await Logged(kind);
        var head = await HeadOf(store);

        Assert.True((await Verify(store, head)).Intact);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_seeded_log_is_intact(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);

        var report = await Verify(store);

        Assert.True(report.Intact, report.Sentence);
        Assert.Equal(await store.EventCount(), report.Events);
    }

    [Fact]
    public void a_break_in_a_restricted_event_withholds_its_stream_and_name_from_a_reader_not_cleared()
    {
        var broken = new ChainBreak(5, SmallLog.Ukraine, 4, "PositionStated", BreakKind.Altered, "was altered: its hash does not match its content.")
        {
            Classification = Domain.Classification.Of(Domain.Marking.NatoRestricted),
        };
        var uncleared = new Access.Reader("admin", new HashSet<Access.Role> { Access.Role.Administrator }, null, Domain.Marking.NatoUnclassified);

        Assert.Equal("An event was altered: its hash does not match its content.", broken.For(uncleared).Sentence);
        Assert.Equal(broken, broken.For(Access.Reader.System));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_reader_who_does_not_see_every_event_is_told_whether_the_chain_holds_but_no_count_position_or_head(StoreKind kind)
    {
        await using var store = await Logged(kind);
        var partial = new Access.Reader("admin", new HashSet<Access.Role> { Access.Role.Administrator }, null, Domain.Marking.NatoUnclassified);
        var intact = (await Verify(store)).For(partial);
        await Tamper.EditPayload(store, 6, "object", "concur");

        var broken = (await Verify(store)).For(partial);

        Assert.Equal((true, null, null, null, "Chain intact"), (intact.Intact, intact.Events, intact.HeadPosition, intact.HeadHash, intact.Sentence));
        Assert.False(broken.Intact);
        Assert.Equal((null, (int?)null, SmallLog.Ukraine, BreakKind.Altered), (broken.FirstBreak!.Position, broken.FirstBreak.StreamVersion, broken.FirstBreak.StreamId, broken.FirstBreak.Kind));
        Assert.Equal((null, null), (broken.Events, broken.HeadHash));
        Assert.DoesNotContain("#", broken.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void a_head_is_read_as_position_colon_hash()
    {
        var hash = new string('a', 64);

        Assert.Equal(new ChainHead(12, hash), ChainHead.Parse($"12:{hash.ToUpperInvariant()}", "expectHead").Value);
        Assert.Equal("expectHead", ChainHead.Parse("12:abc", "expectHead").Refusal!.Field);
        Assert.NotNull(ChainHead.Parse(hash, "expectHead").Refusal);
    }

    private static async Task<TestStore> Logged(StoreKind kind)
    {
        var store = await TestStore.Create(kind);
        await SmallLog.Write(store);
        return store;
    }

    private static async Task<ChainReport> Verify(TestStore store, ChainHead? head = null)
    {
        await using var db = store.NewContext();
        return await ChainVerifier.Verify(db, TestContext.Current.CancellationToken, head);
    }

    private static async Task<ChainHead> HeadOf(TestStore store)
    {
        var report = await Verify(store);
        Assert.True(report.Intact);
        return new ChainHead(report.HeadPosition!.Value, report.HeadHash!);
    }

    private static void AssertBreak(ChainReport report, long position, string stream, int version, string name, BreakKind kind)
    {
        Assert.False(report.Intact);
        var b = report.FirstBreak!;
        Assert.Equal((position, stream, version, name, kind), (b.Position, b.StreamId, b.StreamVersion, b.Name, b.Kind));
        Assert.StartsWith($"Event #{position} ({stream} v{version}, {name}) ", report.Sentence, StringComparison.Ordinal);
    }
}
