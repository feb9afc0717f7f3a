using System.Text.Json;
using Concord.Features.Assistance;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Tests.EventLog;

public sealed class ProjectionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task rebuilding_gives_every_registered_projection_the_rows_live_writes_made(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Seeded.OpenInvitation(store);
        await Seeded.Record(store, Seeded.Invitation, "USA", "reservation", "2024-06-01", condition: "Conditions met");
        await Seeded.Open(store, "rebuild-check");
        await Seeded.Record(store, Domain.Decisions.DecisionId.Parse("rebuild-check"), "FRA", "object", "2025-02-01");
        await using (var db = store.NewContext())
        {
            Assert.Null((await AnnouncePledge.Handle(db, store.Clock, new("DEU-rebuild", "DEU", "UKR", "2023-01-10", "airDefence",
                [new("IRIS-T SLM", 4, "systems")], new(400, "EUR")), WriteContext.System, Ct)).Refusal);
        }
        // An accession whose steps are folded onto its row one commit at a time, then one entered late that refolds its stream.
        await Accessions.Candidates.Follow(store, "SRB", "Serbia", Accessions.Candidates.Step("application", "2023-03-01"),
            Accessions.Candidates.Step("invitation", "2023-05-01"), Accessions.Candidates.Step("protocolSigned", "2023-06-01"),
            Accessions.Candidates.Approval("DEU", "2023-09-01"), Accessions.Candidates.Approval("FRA", "2023-07-01"));
        var live = await Rows(store);

        await using (var db = store.NewContext()) await LogOperations.Rebuild(db, store.Clock, Ct);

        var rebuilt = await Rows(store);
        Assert.Equal(Composition.Log.Projections.SelectMany(p => p.Rows).Select(t => t.Name), live.Keys);
        foreach (var (table, rows) in live)
        {
            Assert.NotEmpty(rows);
            Assert.Equal(rows, rebuilt[table]);
        }
    }

    [Fact]
    public void every_read_model_in_the_store_belongs_to_one_registered_projection()
    {
        var owned = Composition.Log.Projections.SelectMany(p => p.Rows).ToList();
        Assert.Equal(owned.Count, owned.Distinct().Count());
        Assert.Equal(
            [typeof(AccessionRow), typeof(DecisionRow), typeof(MemberRow), typeof(PledgeRow), typeof(PositionRow), typeof(ProcedureRow), typeof(ReadinessRow), typeof(SearchEntryRow), typeof(SourceRow), typeof(StatementRow), typeof(SummitRow)],
            owned.OrderBy(t => t.Name, StringComparer.Ordinal));
    }

    /// <summary>Every row of every registered projection, as JSON, sorted: the read models as a reader could see them.</summary>
    private static async Task<Dictionary<string, List<string>>> Rows(TestStore store)
    {
        await using var db = store.NewContext();
        var tables = new Dictionary<string, List<string>>();
        foreach (var type in Composition.Log.Projections.SelectMany(p => p.Rows))
        {
            var rows = await (Task<List<string>>)typeof(ProjectionsTests).GetMethod(nameof(RowsOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type).Invoke(null, [db])!;
            tables[type.Name] = rows;
        }
        return tables;
    }

    private static async Task<List<string>> RowsOf<T>(ConcordDbContext db) where T : class =>
        [.. (await db.Set<T>().AsNoTracking().ToListAsync(Ct)).Select(r => JsonSerializer.Serialize(r, ConcordJson.Options)).Order(StringComparer.Ordinal)];
}
