using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Decisions;
using Microsoft.EntityFrameworkCore;
using Concord.Features.Tests.Readers;
using static Concord.Features.Tests.Readers.ReaderTests;

namespace Concord.Features.Tests.Decisions;

/// <summary>
/// The decision list reads the reader's visibility as a query condition and comes in pages: whatever the reader and
/// the page size, it lists exactly the decisions the one rule of visibility lets the reader see, each once.
/// </summary>
public sealed class ListDecisionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> Markings = new()
    {
        ["list-public"] = "PUBLIC",
        ["list-unclassified"] = "NATO UNCLASSIFIED",
        ["list-restricted"] = "NATO RESTRICTED",
        ["list-restricted-rel-ukr"] = "NATO RESTRICTED REL UKR",
        ["list-confidential-rel-ukr"] = "NATO CONFIDENTIAL REL UKR",
        ["list-secret-rel-geo-ukr"] = "NATO SECRET REL GEO, UKR",
        ["list-unclassified-rel-geo"] = "NATO UNCLASSIFIED REL GEO",
    };

    private static readonly Dictionary<string, Reader> Readers = new()
    {
        ["visitor"] = Reader.Anonymous,
        ["observer"] = Observer,
        ["delegation DEU unclassified"] = GermanyUnclassified,
        ["delegation DEU restricted"] = GermanyRestricted,
        ["analyst"] = Analyst,
        ["candidate UKR restricted"] = UkraineCleared,
        ["candidate UKR secret"] = Of(Role.CandidateDelegation, "UKR", Marking.NatoSecret),
        ["candidate GEO unclassified"] = Of(Role.CandidateDelegation, "GEO", Marking.NatoUnclassified),
        ["the host"] = Reader.System,
    };

    public static TheoryData<StoreKind, string, int> Cases()
    {
        var data = new TheoryData<StoreKind, string, int>();
        foreach (var kind in new[] { StoreKind.Sqlite, StoreKind.Postgres })
            foreach (var reader in Readers.Keys)
                foreach (var limit in new[] { 1, 3 })
                    data.Add(kind, reader, limit);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task every_page_of_the_list_holds_only_what_the_reader_may_see_and_the_pages_together_hold_all_of_it(StoreKind kind, string who, int limit)
    {
        await using var store = await Store(kind);
        var reader = Readers[who];
        await using var db = store.NewContext();
        var rows = await db.Decisions.AsNoTracking().ToListAsync(Ct);
        var visible = rows.Where(r => reader.CanSee(Classification.FromStored(r.Marking, r.ReleasableTo))).Select(r => r.Id).Order(StringComparer.Ordinal).ToList();

        var walked = new List<string>();
        DecisionCursor? after = null;
        do
        {
            var (page, next) = await ListDecisions.Page(db, store.Clock, new DecisionQuery(After: after, Limit: limit), reader, Ct);
            Assert.InRange(page.Count, next is null ? 0 : limit, limit);
            walked.AddRange(page.Select(d => d.Id));
            after = next;
        }
        while (after is not null && walked.Count <= rows.Count);

        Assert.Equal(visible, walked.Order(StringComparer.Ordinal));
        Assert.Equal(walked, (await ListDecisions.Handle(db, store.Clock, null, reader, Ct)).Select(d => d.Id));
        Assert.Equal(visible.Count, await ListDecisions.Count(db, new DecisionQuery(), reader, Ct));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_list_is_newest_opened_first_and_a_cursor_continues_after_the_row_it_names(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        foreach (var (id, opened) in new[] { ("older", "2025-01-06"), ("newer", "2025-02-06"), ("newest", "2025-03-06") })
            Assert.Equal(id, (await Seeded.Open(store, id, opened: opened)).Id);
        await using var db = store.NewContext();

        var all = (await ListDecisions.Handle(db, store.Clock, null, Reader.System, Ct)).ToList();
        var (first, next) = await ListDecisions.Page(db, store.Clock, new DecisionQuery(Limit: 2), Reader.System, Ct);
        var (rest, last) = await ListDecisions.Page(db, store.Clock, new DecisionQuery(After: DecisionCursor.Decode(next!.Encode()), Limit: 1000), Reader.System, Ct);

        Assert.Equal(all.OrderByDescending(d => d.Opened).Select(d => d.Opened), all.Select(d => d.Opened));
        Assert.Equal(["newest", "newer"], first.Select(d => d.Id));
        Assert.Equal(all.Skip(2).Select(d => d.Id), rest.Select(d => d.Id));
        Assert.Null(last);
    }

    private static async Task<TestStore> Store(StoreKind kind)
    {
        var store = await TestStore.Create(kind, seed: true);
        foreach (var (id, marking) in Markings) await VisibilityTests.Open(store, id, marking);
        return store;
    }
}
