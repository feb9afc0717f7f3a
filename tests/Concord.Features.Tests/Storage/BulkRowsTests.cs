using System.Data.Common;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace Concord.Features.Tests.Storage;

/// <summary>
/// A rebuild writes its rows in bulk, outside EF's SaveChanges: each row must be stored exactly as SaveChanges stores it
/// (the same columns, NodaTime instants and dates, enums, booleans and nulls converted the same way), on both providers.
/// </summary>
public sealed class BulkRowsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Instant At = Instant.FromUtc(2024, 6, 1, 9, 30, 15) + Duration.FromTicks(1234560);

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_row_written_in_bulk_is_stored_as_entity_framework_stores_it(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using (var db = store.NewContext())
        {
            // One row of each pair through SaveChanges, its twin (another key) in bulk; then every stored value is compared.
            db.Decisions.AddRange(Decision("ef-full", full: true), Decision("ef-bare", full: false));
            db.Members.AddRange(Member("EFA", full: true), Member("EFB", full: false));
            await db.SaveChangesAsync(Ct);
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            await using (var bulk = await BulkRows.Open(db, Ct))
            {
                bulk.Add(Decision("bulk-full", full: true));
                bulk.Add(Member("BKA", full: true));
                bulk.Add(Decision("bulk-bare", full: false));
                bulk.Add(Member("BKB", full: false));
                Assert.Equal(4, await bulk.Flush(Ct));
            }
            await tx.CommitAsync(Ct);
        }

        await using var read = store.NewContext();
        var decisions = await Stored(read, "decisions", "Id");
        Assert.Equal(decisions["ef-full"], decisions["bulk-full"]);
        Assert.Equal(decisions["ef-bare"], decisions["bulk-bare"]);
        var members = await Stored(read, "members", "Code");
        Assert.Equal(members["EFA"], members["BKA"]);
        Assert.Equal(members["EFB"], members["BKB"]);
        Assert.Equal(Decision("any", full: true).ConcludedAt, (await read.Decisions.SingleAsync(d => d.Id == "bulk-full", Ct)).ConcludedAt);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task rows_are_written_in_bulk_only_inside_a_transaction(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();

        await Assert.ThrowsAsync<InvalidOperationException>(() => BulkRows.Open(db, Ct));
    }

    /// <summary>Every column of every row of <paramref name="table"/> as the store returns it, by key, the key left out.</summary>
    private static async Task<Dictionary<string, List<string>>> Stored(ConcordDbContext db, string table, string key)
    {
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT * FROM {db.GetService<ISqlGenerationHelper>().DelimitIdentifier(table)}";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new Dictionary<string, List<string>>();
        while (await reader.ReadAsync(Ct))
            rows[reader.GetString(reader.GetOrdinal(key))] = [.. Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetName(i) != key)
                .Select(i => $"{reader.GetName(i)}={reader.GetDataTypeName(i)}:{Value(reader, i)}")];
        return rows;
    }

    private static string Value(DbDataReader reader, int i) =>
        reader.IsDBNull(i) ? "null" : $"{reader.GetValue(i)} ({reader.GetValue(i).GetType().Name})";

    private static DecisionRow Decision(string id, bool full) => new()
    {
        Id = id, Subject = "Subject é ✓", Body = "NATO", Rule = "NatoConsensus", Opened = At, Version = 7, LastEffective = At + Duration.FromDays(3),
        Summit = full ? "summit-2024" : null, Concerned = full ? "UKR" : null, SilenceDeadline = full ? At + Duration.FromHours(5) : null,
        Concluded = full, ConcludedOutcome = full ? "Adopted" : null, ConcludedAt = full ? At + Duration.FromDays(2) : null,
        Marking = full ? Domain.Marking.NatoRestricted : Domain.Marking.Public, ReleasableTo = full ? "SWE,UKR" : null,
        Markings = full ? "2|SWE,UKR" : "0|", ReleasedOutcome = full ? "Adopted" : null,
    };

    private static MemberRow Member(string code, bool full) => new()
    {
        Body = "NATO", Code = code, Name = "Member", Since = new LocalDate(1949, 4, 4), Until = full ? new LocalDate(2030, 12, 31) : null,
        Population = full ? 83_000_000_000L : 0, Permanent = full, Sources = full ? "source" : null, Notes = full ? "note" : null,
    };
}
