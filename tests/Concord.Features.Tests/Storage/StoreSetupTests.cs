using System.Text.Json;
using Concord.Features.Accessions;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Concord.Features.Tests.Storage;

public sealed class StoreSetupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_store_from_before_the_accession_read_model_has_it_projected_from_the_log_when_migrated(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        string accessions, finland;
        await using (var db = store.NewContext())
        {
            (accessions, finland) = await Read(db, store);
            var previous = db.Database.GetMigrations().Last(m => m.EndsWith("_LedgerAndReadinessReadModels", StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(previous, cancellationToken: Ct);
        }

        await using (var db = store.NewContext())
        {
            Assert.Contains(await db.Database.GetPendingMigrationsAsync(Ct), m => m.EndsWith("_AccessionReadModel", StringComparison.Ordinal));
            await StoreSetup.Migrate(db, Ct);

            Assert.Equal((accessions, finland), await Read(db, store));
            Assert.NotEmpty(await db.Procedures.ToListAsync(Ct));
        }
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_start_killed_between_a_reshaping_migration_and_its_rebuild_rebuilds_the_read_models_on_the_next_start(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        string accessions, finland;
        await using (var db = store.NewContext())
        {
            (accessions, finland) = await Read(db, store);
            var previous = db.Database.GetMigrations().Last(m => m.EndsWith("_LedgerAndReadinessReadModels", StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(previous, cancellationToken: Ct);
        }
        const string killAt = "setup:after-migrate:1";

        StoreProcesses.AssertKilled(await StoreProcesses.Cli(store, killAt, "accession", "show", "FIN"), killAt);
        await using (var db = store.NewContext())
        {
            // Migrated, the new read model still empty: the store says a rebuild is owed, and a reader does not take it as current.
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
            Assert.Empty(await db.Procedures.ToListAsync(Ct));
            Assert.Contains(StoreSetup.RebuildOwed, await db.Database.GetAppliedMigrationsAsync(Ct));
            Assert.Equal(ReadOnlyState.Outdated, await ReadOnlyStore.Inspect(db, Ct));
        }

        var next = await StoreProcesses.Cli(store, null, "accession", "show", "FIN");

        Assert.True(next.ExitCode == 0, next.Output);
        await using (var db = store.NewContext())
        {
            Assert.Equal((accessions, finland), await Read(db, store));
            Assert.DoesNotContain(StoreSetup.RebuildOwed, await db.Database.GetAppliedMigrationsAsync(Ct));
            Assert.Equal(ReadOnlyState.Current, await ReadOnlyStore.Inspect(db, Ct));
        }
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_store_that_does_not_exist_yet_is_created_with_every_migration_and_a_second_start_applies_none(StoreKind kind)
    {
        var name = "concord_new_" + Guid.NewGuid().ToString("N")[..12];
        string? admin = null;
        if (kind == StoreKind.Postgres)
        {
            admin = Environment.GetEnvironmentVariable(TestStore.PostgresVariable);
            if (string.IsNullOrWhiteSpace(admin))
            {
                if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail($"{TestStore.PostgresVariable} is not set under CI.");
                Assert.Skip($"{TestStore.PostgresVariable} is not set.");
            }
        }
        var file = Path.Combine(Path.GetTempPath(), name + ".db");
        ConcordDbContext Context() => kind == StoreKind.Sqlite
            ? new SqliteConcordDbContext(new DbContextOptionsBuilder<SqliteConcordDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options)
            : new PostgresConcordDbContext(new DbContextOptionsBuilder<PostgresConcordDbContext>()
                .UseNpgsql(new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, o => o.UseNodaTime()).Options);
        try
        {
            await using (var db = Context()) await StoreSetup.Migrate(db, Ct);

            await using (var db = Context())
            {
                Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
                Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
                await StoreSetup.Migrate(db, Ct);
                Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
                Assert.Equal(0, await db.Events.CountAsync(Ct));
            }
        }
        finally
        {
            if (kind == StoreKind.Sqlite)
                foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
            else
            {
                NpgsqlConnection.ClearAllPools();
                await using var conn = new NpgsqlConnection(admin);
                await conn.OpenAsync(Ct);
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
                await drop.ExecuteNonQueryAsync(Ct);
            }
        }
    }

    private static async Task<(string List, string Finland)> Read(ConcordDbContext db, TestStore store) =>
        (JsonSerializer.Serialize(await ListAccessions.Handle(db, store.Clock, Ct), ConcordJson.Options),
            JsonSerializer.Serialize((await GetAccession.Handle(db, store.Clock, Domain.Members.MemberCode.Parse("FIN"), null, Ct)).Value, ConcordJson.Options));
}
