using System.Text.Json;
using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Concord.Features.EventLog;
using static Concord.Features.Tests.Readers.ReaderTests;

namespace Concord.Features.Tests.Readers;

/// <summary>
/// The log as one reader reads it (the feed and the export): a reader who does not see every event is given nothing that
/// counts or chains events (no position, version, idempotency key or hash), and the accounts' events only if it reads the
/// audit.
/// </summary>
public sealed class ReadableLogTests
{
    private static readonly Reader SecretAnalyst = Of(Role.Analyst, "NLD", Marking.NatoSecret);
    private static readonly Reader SecretAdministrator = new("admin", new HashSet<Role> { Role.Administrator }, null, Marking.NatoSecret);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_feed_and_the_export_give_a_partial_reader_no_positions_versions_or_hashes(StoreKind kind)
    {
        await using var store = await WithAccountEvent(kind);
        await VisibilityTests.Open(store, "partial-feed", "PUBLIC");
        Assert.Null((await VisibilityTests.State(store, "partial-feed", "DEU", "concur", "2025-02-01", GermanyRestricted, "NATO RESTRICTED")).Refusal);
        await using var db = store.NewContext();

        foreach (var reader in new[] { Observer, GermanyUnclassified, SecretAnalyst })
        {
            var feed = await WholeFeed.Of(db, reader, Ct);
            Assert.NotEmpty(feed);
            Assert.All(feed, e => Assert.Equal(((long?)null, (int?)null, (string?)null, (string?)null, (string?)null),
                (e.Position, e.StreamVersion, e.IdempotencyKey, e.PreviousHash, e.Hash)));
            var lines = await ExportLines(db, reader);
            Assert.Equal(feed.Count, lines.Count);
            Assert.All(lines, line => Assert.False(line.TryGetProperty("position", out _) || line.TryGetProperty("streamVersion", out _)
                || line.TryGetProperty("hash", out _) || line.TryGetProperty("previousHash", out _), line.ToString()));
        }
        var whole = await WholeFeed.Of(db, SecretAdministrator, Ct);
        Assert.Equal(await store.EventCount(), whole.Count);
        Assert.All(whole, e => Assert.NotNull(e.Hash));
        Assert.Equal(Enumerable.Range(1, whole.Count).Select(i => (long?)i), whole.Select(e => e.Position));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task account_events_are_hidden_from_an_analyst_in_the_feed_and_the_export(StoreKind kind)
    {
        await using var store = await WithAccountEvent(kind);
        await using var db = store.NewContext();

        foreach (var reader in new[] { SecretAnalyst, GermanyRestricted, Observer, Reader.Anonymous })
        {
            Assert.DoesNotContain(await WholeFeed.Of(db, reader, Ct), e => e.StreamId == StreamIds.Accounts);
            var export = await ExportLines(db, reader);
            Assert.DoesNotContain(export, line => line.GetProperty("streamId").GetString() == StreamIds.Accounts);
            Assert.DoesNotContain(export, line => line.ToString().Contains("concord_pat_1a2b", StringComparison.Ordinal));
        }
        foreach (var reader in new[] { SecretAdministrator, VisibilityTests.Secretariat })
            Assert.Equal(2, (await WholeFeed.Of(db, reader, Ct)).Count(e => e.StreamId == StreamIds.Accounts));
    }

    /// <summary>An empty store with two account events (an account made, a token issued), marked as the accounts service marks them.</summary>
    private static async Task<TestStore> WithAccountEvent(StoreKind kind)
    {
        var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();
        var now = store.Clock.GetCurrentInstant();
        await new EventStore(db).Commit([new StreamWrite(StreamIds.Accounts, null, [
            new PendingEvent(new AccountCreated("kim", "Kim", [Role.Analyst], "NLD", Marking.NatoSecret), now, Classification.Unclassified),
            new PendingEvent(new AccessTokenIssued("kim", "laptop", "concord_pat_1a2b", now + NodaTime.Duration.FromDays(30)), now, Classification.Unclassified),
        ])], new Recording(now, "cli:alice"), Ct);
        return store;
    }

    private static async Task<List<JsonElement>> ExportLines(Concord.Features.Storage.ConcordDbContext db, Reader reader)
    {
        var writer = new StringWriter { NewLine = "\n" };
        await ReadableLog.Export(db, writer, reader, Ct);
        return [.. writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }
}
