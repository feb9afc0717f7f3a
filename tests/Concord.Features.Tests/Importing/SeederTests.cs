using Concord.Features.EventLog;
using Concord.Features.Importing;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Tests.Importing;

/// <summary>The first-run seed as a real process sees it: cut short by a kill, then started again.</summary>
public sealed class SeederTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_first_run_seed_killed_midway_is_completed_on_the_next_start_and_loads_each_file_once(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        const string killAt = "seed:after-file:3";

        StoreProcesses.AssertKilled(await StoreProcesses.Cli(store, killAt, "accession", "list"), killAt);
        await using (var db = store.NewContext())
        {
            // Cut short: the members, the summits and the decisions are in, no accession is.
            Assert.Equal(3, await db.Events.CountAsync(e => e.IdempotencyKey != null && e.IdempotencyKey.StartsWith("seed:"), Ct));
            Assert.Equal(0, await db.Accessions.CountAsync(Ct));
        }

        var next = await StoreProcesses.Cli(store, null, "accession", "list");

        Assert.True(next.ExitCode == 0, next.Output);
        Assert.Contains("Ukraine", next.Output, StringComparison.Ordinal);
        Assert.Contains("Finland", next.Output, StringComparison.Ordinal);
        await using var resumed = store.NewContext();
        await using var once = await TestStore.Create(kind, seed: true);
        await using var seededOnce = once.NewContext();
        // The same events, name by name, as a seed that was never interrupted: nothing is missing and nothing twice.
        Assert.Equal(await Names(seededOnce), await Names(resumed));
        Assert.Equal(await seededOnce.Accessions.Select(a => a.Candidate).OrderBy(c => c).ToListAsync(Ct),
            await resumed.Accessions.Select(a => a.Candidate).OrderBy(c => c).ToListAsync(Ct));
        Assert.True((await ChainVerifier.Verify(resumed, Ct)).Intact);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task each_data_file_of_the_seed_is_marked_in_the_log_by_its_own_idempotency_key(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();

        var markers = await db.Events.Where(e => e.IdempotencyKey != null && e.IdempotencyKey.StartsWith("seed:"))
            .Select(e => e.IdempotencyKey!).ToListAsync(Ct);

        // Each at the version the pack's manifest gives it: version 1 keeps the key of the packs that had no versions.
        Assert.Contains(Seeder.Marker("nato/members.csv"), markers);
        Assert.Contains("seed:nato/accessions/ukraine.csv@2", markers);
        Assert.Contains(Seeder.Marker("nato/accessions/ukraine.csv", 2), markers);
        Assert.Contains(Seeder.Marker("assistance/us_supplemental_2024.csv", 5), markers);
        Assert.Equal(markers.Count, markers.Distinct().Count());
        Assert.Empty(await Seeder.Seed(db, store.Clock, Path.Combine(AppContext.BaseDirectory, "data"), Ct));
    }

    private static async Task<List<string>> Names(Features.Storage.ConcordDbContext db) =>
        (await db.Events.GroupBy(e => e.Name).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct))
        .OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key}: {x.Count}").ToList();

    [Fact]
    public async Task an_empty_store_with_no_data_pack_in_its_data_directory_is_refused_naming_the_folder_and_nothing_is_stored()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite);
        await using var db = store.NewContext();
        var empty = Directory.CreateTempSubdirectory("concord-no-pack-");
        try
        {
            var refused = await Assert.ThrowsAsync<Concord.Features.Storage.StoreNotReadable>(() =>
                Concord.Features.Importing.Seeder.Seed(db, store.Clock, empty.FullName, TestContext.Current.CancellationToken));

            Assert.Contains(empty.FullName, refused.Message, StringComparison.Ordinal);
            Assert.Contains("nato/sources.csv is missing", refused.Message, StringComparison.Ordinal);
            Assert.Equal(0, await store.EventCount());
        }
        finally { empty.Delete(recursive: true); }
    }
}
