using System.Text.Json;
using Concord.Features.Accessions;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Concord.Features.Tests;

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

    private static async Task<(string List, string Finland)> Read(ConcordDbContext db, TestStore store) =>
        (JsonSerializer.Serialize(await ListAccessions.Handle(db, store.Clock, Ct), ConcordJson.Options),
            JsonSerializer.Serialize((await GetAccession.Handle(db, store.Clock, Domain.Members.MemberCode.Parse("FIN"), null, Ct)).Value, ConcordJson.Options));
}
