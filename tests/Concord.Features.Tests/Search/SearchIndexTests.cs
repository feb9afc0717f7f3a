using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.Decisions;
using Concord.Features.EventLog;
using Concord.Features.Search;
using Concord.Features.Statements;
using Concord.Features.Tests.Readers;

namespace Concord.Features.Tests.Search;

public sealed class SearchIndexTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Reader Observer = ReaderTests.Observer;
    private static readonly Reader RestrictedAnalyst = ReaderTests.Analyst;
    private static readonly Reader UnclassifiedAnalyst = new("ana", new HashSet<Role> { Role.Analyst }, MemberCode.Parse("NLD"), Marking.NatoUnclassified);

    private static async Task<SearchResults> Search(TestStore store, string q, Reader reader, string? kind = null)
    {
        await using var db = store.NewContext();
        var result = await SearchIndex.Handle(db, q, kind, 100, reader, Ct);
        Assert.Null(result.Refusal);
        return result.Value!;
    }

    private static string Found(SearchHit hit) => hit.Part is null ? $"{hit.Kind}:{hit.Id}" : $"{hit.Kind}:{hit.Id}:{hit.Part}";

    /// <summary>A decision marked as given, with a USA position whose condition holds a word found nowhere else, marked as given.</summary>
    private static async Task Decide(TestStore store, string id, string decisionMarking, string conditionMarking, string word)
    {
        await VisibilityTests.Open(store, id, decisionMarking);
        await using var db = store.NewContext();
        var recorded = await RecordPosition.Handle(db, store.Clock, DecisionId.Parse(id),
            new RecordPosition.Request("USA", "reservation", $"Subject to {word} guarantees", "test", null, "A note on the sequencing", "2025-02-01", null, conditionMarking),
            new WriteContext("test", null), Ct);
        Assert.Null(recorded.Refusal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_word_only_in_a_restricted_condition_is_found_by_an_analyst_cleared_for_it_and_by_no_observer_visitor_or_uncleared_reader(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Decide(store, "search-restricted", "NATO UNCLASSIFIED", "NATO RESTRICTED", "Quillfeather");

        var cleared = await Search(store, "quillfeather", RestrictedAnalyst);
        var hit = Assert.Single(cleared.Hits);
        Assert.Equal("position:search-restricted:USA", Found(hit));
        Assert.Equal("/decisions/search-restricted", hit.Href);
        Assert.Contains(hit.Snippet, m => m.Hit && m.Text == "Quillfeather");
        Assert.Equal(1, cleared.Total);

        foreach (var reader in new[] { Observer, Reader.Anonymous, UnclassifiedAnalyst })
        {
            var hidden = await Search(store, "Quillfeather", reader);
            Assert.Empty(hidden.Hits);
            Assert.Equal(0, hidden.Total);
        }
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_redacted_decision_matches_its_subject_and_nothing_of_its_positions_even_the_ones_marked_for_the_reader(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Decide(store, "search-redacted", "NATO UNCLASSIFIED", "NATO UNCLASSIFIED", "Marrowgate");
        // A second position, hidden from the reader, leaves the decision redacted for it: the first one's condition is then hidden too.
        await VisibilityTests.State(store, "search-redacted", "FRA", "object", "2025-02-02", new Reader("fra", new HashSet<Role> { Role.Delegation }, MemberCode.Parse("FRA"), Marking.NatoSecret), "NATO RESTRICTED");

        Assert.Equal(["decision:search-redacted"], (await Search(store, "search redacted Test decision", UnclassifiedAnalyst)).Hits.Select(Found));
        Assert.Empty((await Search(store, "Marrowgate", UnclassifiedAnalyst)).Hits);
        Assert.Empty((await Search(store, "sequencing", UnclassifiedAnalyst, kind: "position")).Hits);
        Assert.Equal(["position:search-redacted:USA"], (await Search(store, "Marrowgate", RestrictedAnalyst)).Hits.Select(Found));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_invisible_decision_matches_nothing_and_counts_nothing(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Decide(store, "search-secret", "NATO SECRET", "NATO SECRET", "Brackenshaw");

        foreach (var q in new[] { "Brackenshaw", "search secret", "sequencing" })
        {
            var found = await Search(store, q, RestrictedAnalyst);
            Assert.DoesNotContain(found.Hits, h => h.Id == "search-secret");
        }
        Assert.Equal(["position:search-secret:USA"], (await Search(store, "Brackenshaw", VisibilityTests.Secretariat)).Hits.Select(Found));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_shipped_record_is_found_by_its_words_for_a_visitor_pledges_statements_sources_and_accessions(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);

        var leopard = await Search(store, "Leopard", Reader.Anonymous);
        Assert.Contains(leopard.Hits, h => h.Kind == "pledge" && h.Id == "DEU-P001" && h.Title.Any(m => m.Hit && m.Text == "Leopard"));
        Assert.Contains(leopard.Hits, h => h.Kind == "source" && h.Id == "S001");
        Assert.All(leopard.Hits, h => Assert.True(h.Title.Concat(h.Snippet).Any(m => m.Hit), $"{Found(h)} shows no matched word"));

        // Every word is required, and words are stemmed: "tanks" finds "tank".
        var germanTanks = await Search(store, "Germany tanks Leopard", Reader.Anonymous, kind: "pledge");
        Assert.Contains(germanTanks.Hits, h => h.Id == "DEU-P001");
        Assert.DoesNotContain(germanTanks.Hits, h => h.Id == "POL-P002");

        // The Secretary General's visit to Kyiv of 2024-04-29, found by who and where, and linked to his page.
        var visit = await Search(store, "Stoltenberg Kyiv", Reader.Anonymous, kind: "statement");
        Assert.Contains(visit.Hits, h => h.On == "2024-04-29" && h.Href.StartsWith("/actors/jens-stoltenberg#statement-", StringComparison.Ordinal));

        var ukraine = await Search(store, "Ukraine", Reader.Anonymous, kind: "accession");
        Assert.Equal(["accession:UKR"], ukraine.Hits.Select(Found));
        Assert.Equal("/accessions/UKR", ukraine.Hits[0].Href);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_statement_is_found_once_recorded_a_position_stated_again_only_by_its_new_words_and_a_rebuild_keeps_the_index(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using (var db = store.NewContext())
            Assert.Null((await RecordStatement.Handle(db, store.Clock, new StatementRequest(Id: "ST-search", Date: "2024-05-01",
                Actors: [new("Jens Stoltenberg", "Secretary General", "NATO")], Kind: "statement", Subject: "search-test", Stance: "neutral",
                Summary: "The Pelicanfold remark."), WriteContext.System, Ct)).Refusal);
        Assert.Equal(["statement:ST-search"], (await Search(store, "pelicanfold", Reader.Anonymous)).Hits.Select(Found));

        await Decide(store, "search-restated", "PUBLIC", "PUBLIC", "Gannetmoor");
        await using (var db = store.NewContext())
            Assert.Null((await RecordPosition.Handle(db, store.Clock, DecisionId.Parse("search-restated"),
                new RecordPosition.Request("USA", "concur", "Once the Ternwick review is done", "test", null, null, "2025-03-01", null, "PUBLIC"),
                new WriteContext("test", null), Ct)).Refusal);
        Assert.Empty((await Search(store, "Gannetmoor", Reader.Anonymous)).Hits);
        Assert.Equal(["position:search-restated:USA"], (await Search(store, "Ternwick", Reader.Anonymous)).Hits.Select(Found));

        await using (var db = store.NewContext()) await LogOperations.Rebuild(db, store.Clock, Ct);
        Assert.Equal(["position:search-restated:USA"], (await Search(store, "Ternwick", Reader.Anonymous)).Hits.Select(Found));
        Assert.Empty((await Search(store, "Gannetmoor", Reader.Anonymous)).Hits);
        Assert.Equal(["statement:ST-search"], (await Search(store, "pelicanfold", Reader.Anonymous)).Hits.Select(Found));
        Assert.Contains((await Search(store, "Leopard", Reader.Anonymous)).Hits, h => h.Id == "DEU-P001");
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_query_in_the_index_syntax_is_read_as_plain_words_and_answered(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        foreach (var q in new[] { "\"Leopard", "Leopard*", "NEAR(Leopard tank)", "Leopard AND OR NOT", "Leopard -tank", "'; DROP TABLE events; --", "Leo:pard", "^Leopard", "a & b | !c", "Léopard", "zero\u200Bwidth Leopard" })
        {
            await using var db = store.NewContext();
            var result = await SearchIndex.Handle(db, q, null, null, Reader.Anonymous, Ct);
            Assert.Null(result.Refusal);
        }
        Assert.Contains((await Search(store, "Leopard*", Reader.Anonymous)).Hits, h => h.Id == "DEU-P001");
        // The query is echoed as taken: an invisible control such as a right-to-left override is removed, as from any text.
        Assert.Equal("Leopard", (await Search(store, " \u202ELeopard ", Reader.Anonymous)).Query);
    }

    [Theory]
    [InlineData(null, "q")]
    [InlineData("   ", "q")]
    [InlineData("!!! ???", "q")]
    [InlineData("\u0001Leopard\u0002", "q")]
    [InlineData("one two three four five six seven eight nine ten eleven twelve thirteen", "q")]
    public async Task a_query_with_no_word_or_too_many_is_refused_naming_q(string? q, string field)
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite);
        await using var db = store.NewContext();
        var result = await SearchIndex.Handle(db, q, null, null, Reader.Anonymous, Ct);
        Assert.Equal(field, result.Refusal?.Field);
    }

    [Fact]
    public async Task a_query_longer_than_the_limit_an_unknown_kind_or_a_limit_out_of_range_is_refused_naming_the_field()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite);
        await using var db = store.NewContext();
        Assert.Equal("q", (await SearchIndex.Handle(db, new string('a', SearchIndex.MaxLength + 1), null, null, Reader.Anonymous, Ct)).Refusal?.Field);
        Assert.Equal("kind", (await SearchIndex.Handle(db, "Leopard", "events", null, Reader.Anonymous, Ct)).Refusal?.Field);
        Assert.Equal("limit", (await SearchIndex.Handle(db, "Leopard", null, 0, Reader.Anonymous, Ct)).Refusal?.Field);
        Assert.Equal("limit", (await SearchIndex.Handle(db, "Leopard", null, SearchIndex.MaxLimit + 1, Reader.Anonymous, Ct)).Refusal?.Field);
    }

    [Fact]
    public void a_highlighted_text_splits_into_marked_pieces_and_a_stray_marker_is_read_as_plain_text()
    {
        Assert.Equal([new Marked("The ", false), new Marked("Leopard", true), new Marked(" tanks", false)], SearchIndex.Split("The \u0002Leopard\u0003 tanks"));
        Assert.Equal([new Marked("open end", false)], SearchIndex.Split("open \u0002end"));
        Assert.Equal([new Marked("close only", false)], SearchIndex.Split("close\u0003 only"));
    }

    [Fact]
    public void a_long_text_is_cut_around_its_first_matched_word()
    {
        var words = Enumerable.Range(1, 100).Select(i => i == 60 ? "\u0002needle\u0003" : $"w{i}");
        var snippet = SearchIndex.Snippet(SearchIndex.Split(string.Join(' ', words)));
        Assert.Equal("…", snippet[0].Text);
        Assert.Equal("…", snippet[^1].Text);
        Assert.Contains(snippet, m => m.Hit && m.Text == "needle");
        Assert.True(string.Concat(snippet.Select(m => m.Text)).Split(' ').Length <= 32);
    }
}
