using System.Security.Cryptography;
using System.Text.Json;
using Concord.Domain.Members;
using Concord.Features.Accessions;
using Concord.Features.Decisions;
using Concord.Features.EventLog;
using Concord.Features.Importing;
using Concord.Features.Sources;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Tests.Importing;

/// <summary>
/// A store seeded by the previous version of Concord (its log as that version exported it, in Fixtures/) brought up to
/// this data pack on the next start: corrections and restatements appended, nothing rewritten, and then reading as a store
/// seeded by this version reads.
/// </summary>
public sealed class PackUpgradeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>
    /// The log of a store seeded by the version before data packs had versions, exported whole: built at commit de86823,
    /// <c>concord decision list</c> on an empty SQLite file (which seeds it), then <c>concord export FILE</c>.
    /// </summary>
    private static string PreviousStore => Path.Combine(AppContext.BaseDirectory, "Importing", "Fixtures", "store-seeded-by-pack-1.jsonl");

    /// <summary>The accessions as of these days (and known on the second, when given) read the same after an upgrade as after a fresh seed.</summary>
    private static readonly (string Candidate, string AsOf, string? KnownOn)[] Views =
    [
        ("MKD", "2020-03-18", null), ("MKD", "2020-03-19", null), ("MKD", "2026-12-01", null), ("MNE", "2017-06-04", null), ("MNE", "2026-12-01", null),
        ("FIN", "2023-03-01", null), ("FIN", "2023-03-28", "2023-03-28"), ("FIN", "2026-12-01", null), ("UKR", "2026-12-01", null),
        ("UKR", "2023-07-11", "2023-07-11"),
    ];

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_store_seeded_by_the_previous_pack_is_upgraded_by_appended_corrections_and_then_reads_as_a_fresh_seed_reads(StoreKind kind)
    {
        await using var store = await Previous(kind);
        List<(long Position, string Hash)> before;
        await using (var db = store.NewContext())
            before = [.. (await db.Events.OrderBy(e => e.Position).Select(e => new { e.Position, e.Hash }).ToListAsync(Ct)).Select(e => (e.Position, e.Hash))];

        IReadOnlyList<Seeder.Loaded> loaded;
        await using (var db = store.NewContext())
            loaded = await Seeder.Seed(db, store.Clock, DataDirectory, Ct);

        Assert.All(loaded, l => Assert.True(l.Report.Succeeded, $"{l.File}: {string.Join("; ", l.Report.Errors)}"));
        // The sources were never loaded by the previous version: loaded whole. The files changed since are applied on top.
        Assert.Equal(["nato/sources.csv", "assistance/sources.csv", "readiness/sources.csv", "statements/sources.csv", "earlier_rounds/sources.csv",
                .. new[] { "czechia", "hungary", "poland", "bulgaria", "estonia", "latvia", "lithuania", "romania", "slovakia", "slovenia", "albania", "croatia" }
                    .Select(c => $"nato/accessions/{c}.csv"),
                "assistance/pledges.csv", "assistance/pledge_amendments.csv", "assistance/delay_events.csv", "statements/statements.csv"],
            loaded.Where(l => !l.Upgrade).Select(l => l.File));
        Assert.Equal(
            ["nato/decisions.csv", "nato/scenario_washington_2024.csv", "nato/ratification_procedures.csv", "nato/accessions/montenegro.csv",
                "nato/accessions/north_macedonia.csv", "nato/accessions/finland.csv", "nato/accessions/ukraine.csv", "nato/defence_expenditure_2024.csv",
                "readiness/example_floors_and_stocks.csv", "assistance/us_supplemental_2024.csv"],
            loaded.Where(l => l.Upgrade).Select(l => l.File));
        var versions = Seeder.Versions(DataDirectory);
        Assert.All(loaded, l => Assert.Equal(versions[l.File], l.Version));

        await using var upgraded = store.NewContext();
        // Nothing rewritten: every event of the previous version is where it was, with its hash, and the chain holds.
        var after = (await upgraded.Events.OrderBy(e => e.Position).Select(e => new { e.Position, e.Hash }).ToListAsync(Ct)).Select(e => (e.Position, e.Hash)).ToList();
        Assert.Equal(before, after.Take(before.Count));
        Assert.True(after.Count > before.Count);
        Assert.True((await ChainVerifier.Verify(upgraded, Ct)).Intact);

        await using var fresh = await TestStore.Create(kind, seed: true);
        fresh.Clock.Reset(store.Clock.GetCurrentInstant());
        await using var seeded = fresh.NewContext();
        foreach (var (candidate, asOf, knownOn) in Views)
        {
            var expected = await View(seeded, fresh.Clock, candidate, asOf, knownOn);
            var actual = await View(upgraded, store.Clock, candidate, asOf, knownOn);
            Assert.Equal(Json(expected.Status), Json(actual.Status));
            // The timeline holds the same records, but for the earlier record of a date the pack corrects: shown beside its
            // correction, as a correction is.
            var corrected = actual.Steps.Where(s => s.Corrects).Select(s => (s.Step, s.Party, s.Stage)).ToHashSet();
            Assert.Equal(Json(expected.Steps.Select(s => s with { Corrects = false })),
                Json(actual.Steps.Where(s => s.Corrects || !corrected.Contains((s.Step, s.Party, s.Stage))).Select(s => s with { Corrects = false })));
        }

        // The date the pack corrects: Ukraine's invitation decision at Vilnius is of 2023-07-11, recorded as a correction of
        // 2023-07-12 with its own sources.
        var ukraine = await View(upgraded, store.Clock, "UKR", "2026-12-01", null);
        var invitation = ukraine.Steps.Where(s => s.Step == Domain.Accession.AccessionStep.InvitationDecision).ToList();
        Assert.Equal(["2023-07-11 (corrects)", "2023-07-12"], invitation.Select(s => s.Date + (s.Corrects ? " (corrects)" : "")));

        // The decision concludes as the pack records it, its headline as hedged as a fresh seed's.
        var decision = await GetDecision.Handle(upgraded, store.Clock, Seeder.UkraineInvitation, null, Access.Reader.System, Ct);
        var freshDecision = await GetDecision.Handle(seeded, fresh.Clock, Seeder.UkraineInvitation, null, Access.Reader.System, Ct);
        Assert.Equal(DecisionStatus.Concluded, decision.Value!.Status);
        Assert.Equal(freshDecision.Value!.Outcome, decision.Value.Outcome);
        Assert.Equal(freshDecision.Value.Explanation, decision.Value.Explanation);
        Assert.Equal(Json(freshDecision.Value.Positions), Json(decision.Value.Positions));
        Assert.Equal("S34", decision.Value.ConclusionSource);

        var s33 = await GetSource.Handle(upgraded, "S33", Access.Reader.System, Ct);
        Assert.Null(s33.Refusal);

        // The readiness figures and the funding timeline cite registered sources as a fresh seed's do: each figure and event
        // stated anew with its sources, in place of the record that wrote them out.
        Assert.Equal(Json(await Features.Readiness.QueryReadiness.All(seeded, Ct)), Json(await Features.Readiness.QueryReadiness.All(upgraded, Ct)));
        var today = Domain.Zones.BrusselsDate(store.Clock.GetCurrentInstant());
        var funding = await Features.Assistance.PledgeStream.FundingEvents(upgraded, today, Ct);
        Assert.Equal(Json(await Features.Assistance.PledgeStream.FundingEvents(seeded, today, Ct)), Json(funding));
        Assert.Equal(8, funding.Count);
        Assert.All(funding, f => Assert.All(Domain.Sources.Citation.Parse(f.Source), c => Assert.True(c.IsId, c.Text)));

        // Every file now held at the pack's version: the next start has nothing to do.
        Assert.Empty(await Seeder.Seed(upgraded, store.Clock, DataDirectory, Ct));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task what_someone_recorded_since_the_earlier_pack_stands_after_the_upgrade_and_the_pack_restates_nothing_over_it(StoreKind kind)
    {
        await using var store = await Previous(kind);
        // Since the previous version, someone corrected Ukraine's application to another day with a note of their own.
        await using (var db = store.NewContext())
        {
            var recorded = await RecordAccessionStep.Handle(db, store.Clock, MemberCode.Parse("UKR"),
                new StepRequest("application", "2022-09-29", "on", null, null, null, null, null, "a press report", "reported", "entered by hand", "yes"), new WriteContext("test"), Ct);
            Assert.Null(recorded.Refusal);
            // And the deployment set Germany's own air-defence floor over the example's.
            var floor = await Features.Readiness.ImportReadiness.Handle(db, store.Clock,
                new StringReader("ally,kind,category,quantity,source\nDEU,floor,air-defence,20,\"national plan, 2024\"\n"), new WriteContext("test"), Ct);
            Assert.True(floor.Succeeded, string.Join("; ", floor.Errors));
        }

        await using (var db = store.NewContext())
        {
            var loaded = await Seeder.Seed(db, store.Clock, DataDirectory, Ct);
            Assert.All(loaded, l => Assert.True(l.Report.Succeeded, $"{l.File}: {string.Join("; ", l.Report.Errors)}"));
        }
        await using (var db = store.NewContext())
        {
            var ukraine = await View(db, store.Clock, "UKR", "2026-12-01", null);
            var application = Assert.Single(ukraine.Steps, s => s.Step == Domain.Accession.AccessionStep.Application && !s.Corrects);
            var correction = Assert.Single(ukraine.Steps, s => s.Step == Domain.Accession.AccessionStep.Application && s.Corrects);
            // The pack's own record of 2022-09-30 is where it was, the person's correction still supersedes it, and the pack
            // did not restate its row over the correction.
            Assert.Equal("2022-09-30", application.Date.ToString());
            Assert.Equal(("2022-09-29", "entered by hand"), (correction.Date.ToString(), correction.Note));
            // The deployment's floor stands; the example's other figures cite their registered sources.
            var germany = (await Features.Readiness.QueryReadiness.One(db, "DEU", Ct)).Value!;
            var airDefence = Assert.Single(germany.Stocks, x => x.Category.Value == "air-defence");
            Assert.Equal((20m, "national plan, 2024", "EXAMPLE-stocks-2024"), (airDefence.Floor, airDefence.FloorSource, airDefence.Source));
            Assert.Empty(await Seeder.Seed(db, store.Clock, DataDirectory, Ct));
        }
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_store_that_already_holds_every_fact_of_the_newer_files_is_marked_as_holding_them_and_not_compared_again(StoreKind kind)
    {
        // A store seeded from this pack's files before the pack had versions (its marks say version 1).
        var unversioned = Directory.CreateTempSubdirectory("concord-pack-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != Seeder.ManifestFile))
            {
                var copy = Path.Combine(unversioned, Path.GetRelativePath(DataDirectory, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
            await using var store = await TestStore.Create(kind);
            await using (var db = store.NewContext())
                Assert.All(await Seeder.Seed(db, store.Clock, unversioned, Ct), l => Assert.Equal(1, l.Version));
            long before;
            await using (var db = store.NewContext()) before = await db.Events.CountAsync(Ct);

            await using (var db = store.NewContext())
            {
                var loaded = await Seeder.Seed(db, store.Clock, DataDirectory, Ct);
                // Every file but the manifest is at a version after 1 (the earlier rounds' thirteen files came in version 6).
                Assert.Equal(31, loaded.Count);
                Assert.All(loaded, l => Assert.True(l.Upgrade && l.Report.Succeeded && l.Report.Added == 0, $"{l.File}: {l.Report.Added} added"));
            }
            await using (var db = store.NewContext())
            {
                // One mark per file and nothing else; the next start has nothing to compare.
                Assert.Equal(before + 31, await db.Events.CountAsync(Ct));
                Assert.Equal(31, await db.Events.CountAsync(e => e.Name == "DataPackFileHeld", Ct));
                Assert.Empty(await Seeder.Seed(db, store.Clock, DataDirectory, Ct));
                Assert.True((await ChainVerifier.Verify(db, Ct)).Intact);
            }
        }
        finally
        {
            Directory.Delete(unversioned, recursive: true);
        }
    }

    [Fact]
    public void every_file_of_the_pack_is_listed_in_its_manifest_with_the_hash_of_what_ships_so_a_change_cannot_go_without_a_new_version()
    {
        using var reader = File.OpenText(Path.Combine(DataDirectory, Seeder.ManifestFile));
        var manifest = CsvFile.Read(reader, Seeder.ManifestFormat);
        Assert.Empty(manifest.Errors);
        var listed = manifest.Rows.ToDictionary(r => r.Value.File!, r => r.Value);
        var shipped = Directory.EnumerateFiles(DataDirectory, "*.csv", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(DataDirectory, f).Replace('\\', '/')).Where(f => f != Seeder.ManifestFile).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(shipped, listed.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, row) in listed)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(DataDirectory, file))));
            Assert.True(hash == row.Sha256, $"{file} changed since the manifest was written: give it the next pack version in data/pack.csv, with what changed "
                + $"(and its new sha256 {hash}), and check that a store seeded by the previous version upgrades to it.");
        }
        Assert.Equal(6, Seeder.Versions(DataDirectory).Values.Max());
    }

    private static async Task<AccessionView> View(ConcordDbContext db, IClock clock, string candidate, string asOf, string? knownOn)
    {
        var view = await GetAccession.Handle(db, clock, MemberCode.Parse(candidate), LocalDate.FromDateTime(DateTime.Parse(asOf)), Ct,
            knownOn is null ? null : LocalDate.FromDateTime(DateTime.Parse(knownOn)));
        Assert.Null(view.Refusal);
        return view.Value!;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ConcordJson.Options);

    /// <summary>An empty store holding the previous version's log, its clock a day after that log was written.</summary>
    private static async Task<TestStore> Previous(StoreKind kind)
    {
        var store = await TestStore.Create(kind);
        store.Clock.Reset(Instant.FromUtc(2026, 12, 7, 9, 0));
        await using var db = store.NewContext();
        using var log = File.OpenText(PreviousStore);
        var imported = await LogOperations.Import(db, store.Clock, log, Ct);
        Assert.Null(imported.Refusal);
        Assert.Equal(424, imported.Value);
        return store;
    }
}
