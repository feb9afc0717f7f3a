using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.Decisions;
using Concord.Features.Following;
using Concord.Features.Statements;
using Concord.Features.Tests.Readers;

namespace Concord.Features.Tests.Following;

public sealed class FeedsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Reader Observer = ReaderTests.Observer;
    private static readonly Reader France = new("fra", new HashSet<Role> { Role.Delegation }, MemberCode.Parse("FRA"), Marking.NatoSecret);

    private static async Task<Feed> Read(TestStore store, Func<Concord.Features.Storage.ConcordDbContext, Task<Result<Feed>>> read)
    {
        await using var db = store.NewContext();
        var result = await read(db);
        Assert.Null(result.Refusal);
        return result.Value!;
    }

    private static Task<Feed> Everything(TestStore store, Reader reader) => Read(store, db => Feeds.Everything(db, reader, 500, Ct));

    private static async Task Say(TestStore store, string id, string summary, string? classification = null, string[]? decisions = null)
    {
        await using var db = store.NewContext();
        var said = await RecordStatement.Handle(db, store.Clock, new StatementRequest(Id: id, Date: "2024-05-01",
            Actors: [new("Maria Zakharova", "Foreign ministry spokeswoman", "RUS")], Kind: "statement", Subject: "ukraine-invitation", Stance: "opposes",
            Summary: summary, Accessions: ["UKR"], Decisions: decisions, Classification: classification), WriteContext.System, Ct);
        Assert.Null(said.Refusal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_recorded_change_appears_first_in_the_feeds_it_concerns_told_in_words_with_a_link(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Say(store, "ST-feed", "She said the invitation would be a provocation.");

        var all = await Everything(store, Reader.Anonymous);
        var ukraine = await Read(store, db => Feeds.OfAccession(db, "UKR", Reader.Anonymous, 10, Ct));
        var russia = await Read(store, db => Feeds.OfActor(db, "RUS", Reader.Anonymous, 10, Ct));
        var zakharova = await Read(store, db => Feeds.OfActor(db, "maria-zakharova", Reader.Anonymous, 10, Ct));

        foreach (var feed in new[] { all, ukraine, russia, zakharova })
        {
            var entry = feed.Entries[0];
            Assert.Equal("Maria Zakharova (Foreign ministry spokeswoman, RUS): statement, opposes on ukraine-invitation (2024-05-01)", entry.Title);
            Assert.Equal("She said the invitation would be a provocation.", entry.Summary);
            Assert.Equal("/actors/maria-zakharova#statement-ST-feed", entry.Href);
            Assert.Equal(entry.Updated, feed.Updated);
            Assert.StartsWith("urn:concord:event:", entry.Id, StringComparison.Ordinal);
        }
        // The Secretary General's visit to Kyiv is on Ukraine's feed, with the accession's own steps.
        var whole = await Read(store, db => Feeds.OfAccession(db, "UKR", Reader.Anonymous, 500, Ct));
        Assert.Contains(whole.Entries, e => e.Href.EndsWith("#statement-ST079", StringComparison.Ordinal));
        Assert.Contains(whole.Entries, e => e.Kind == "accession");
        Assert.All(whole.Entries, e => Assert.True(e.Kind is "accession" or "statement", e.Title));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_hidden_change_adds_no_entry_and_moves_no_updated_in_any_feed_of_a_reader_who_may_not_see_it(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await VisibilityTests.Open(store, "feed-redacted", "PUBLIC");
        Assert.Null((await VisibilityTests.State(store, "feed-redacted", "FRA", "object", "2025-02-02", France, "NATO RESTRICTED")).Refusal);
        store.Clock.Advance(NodaTime.Duration.FromHours(1));
        var readers = new[] { Reader.Anonymous, Observer };
        async Task<List<Feed>> Snapshot() => [
            .. await Task.WhenAll(readers.Select(r => Everything(store, r))),
            await Read(store, db => Feeds.OfAccession(db, "UKR", Reader.Anonymous, 500, Ct)),
            await Read(store, db => Feeds.OfActor(db, "RUS", Reader.Anonymous, 500, Ct)),
            await Read(store, db => Feeds.OfDecision(db, "feed-redacted", Observer, 500, Ct)),
        ];
        var before = await Snapshot();

        // Later than everything before: a SECRET decision, a RESTRICTED statement on Ukraine, a hidden position on a decision already redacted.
        store.Clock.Advance(NodaTime.Duration.FromHours(1));
        await VisibilityTests.Open(store, "feed-secret", "NATO SECRET");
        await Say(store, "ST-feed-hidden", "A restricted note.", "NATO RESTRICTED", ["feed-redacted"]);
        Assert.Null((await VisibilityTests.State(store, "feed-redacted", "FRA", "concur", "2025-02-03", France, "NATO RESTRICTED")).Refusal);
        var after = await Snapshot();

        foreach (var (b, a) in before.Zip(after))
        {
            Assert.Equal(b.Entries, a.Entries);
            Assert.Equal(b.Updated, a.Updated);
        }
        // The secretariat, cleared for all of it, sees each change as an entry.
        var cleared = await Everything(store, VisibilityTests.Secretariat);
        Assert.Contains(cleared.Entries, e => e.Title == "Decision opened: Test decision feed-secret");
        Assert.Contains(cleared.Entries, e => e.Href.EndsWith("#statement-ST-feed-hidden", StringComparison.Ordinal) && e.Classification == "NATO RESTRICTED");
        Assert.Contains(cleared.Entries, e => e.Title == "FRA: concur on decision feed-redacted");
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_decision_hidden_from_the_reader_has_no_feed_and_is_answered_as_one_that_does_not_exist(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await VisibilityTests.Open(store, "feed-secret", "NATO SECRET");

        await using var db = store.NewContext();
        var hidden = await Feeds.OfDecision(db, "feed-secret", Observer, null, Ct);
        var missing = await Feeds.OfDecision(db, "feed-nothing", Observer, null, Ct);
        var cleared = await Feeds.OfDecision(db, "feed-secret", VisibilityTests.Secretariat, null, Ct);

        Assert.Equal(RefusalKind.NotFound, hidden.Refusal?.Kind);
        Assert.Equal(missing.Refusal!.Reason.Replace("feed-nothing", "X"), hidden.Refusal!.Reason.Replace("feed-secret", "X"));
        Assert.Equal(["Decision opened: Test decision feed-secret"], cleared.Value!.Entries.Select(e => e.Title));
    }

    [Fact]
    public async Task a_limit_out_of_range_an_unknown_actor_or_a_bad_candidate_code_is_refused_and_nothing_is_read()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite, seed: true);
        await using var db = store.NewContext();
        Assert.Equal("limit", (await Feeds.Everything(db, Reader.Anonymous, 0, Ct)).Refusal?.Field);
        Assert.Equal("limit", (await Feeds.Everything(db, Reader.Anonymous, Feeds.MaxLimit + 1, Ct)).Refusal?.Field);
        Assert.Equal(RefusalKind.NotFound, (await Feeds.OfActor(db, "nobody-at-all", Reader.Anonymous, null, Ct)).Refusal?.Kind);
        Assert.Equal("candidate", (await Feeds.OfAccession(db, "../etc", Reader.Anonymous, null, Ct)).Refusal?.Field);
        Assert.Equal(RefusalKind.NotFound, (await Feeds.OfAccession(db, "QQQ", Reader.Anonymous, null, Ct)).Refusal?.Kind);
    }
}
