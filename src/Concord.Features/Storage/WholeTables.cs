using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Concord.Features.Storage;

/// <summary>
/// Statements on a whole table, as the EF model maps its entity type, sent without going through EF's query pipeline:
/// a rebuild clears every read model and counts the log, and in a fresh process (as <c>concord rebuild</c> runs)
/// translating those queries was the pipeline's first use, which cost more than the statements themselves.
/// </summary>
public static class WholeTables
{
    /// <summary>Deletes every row of <typeparamref name="TRow"/>'s table, as <c>ExecuteDeleteAsync</c> on the whole set does, in the context's current transaction.</summary>
    public static Task DeleteAll<TRow>(this ConcordDbContext db, CancellationToken ct) where TRow : class
    {
        // The table's name comes from the model, delimited by the provider: nothing in it comes from outside.
        var delete = "DELETE FROM " + Name<TRow>(db);
        return db.Database.ExecuteSqlRawAsync(delete, ct);
    }

    /// <summary>How many rows <typeparamref name="TRow"/>'s table holds, as <c>LongCountAsync</c> on the whole set counts them, in the context's current transaction.</summary>
    public static async Task<long> Count<TRow>(this ConcordDbContext db, CancellationToken ct) where TRow : class
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM " + Name<TRow>(db);
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Name<TRow>(ConcordDbContext db)
    {
        var table = (db.Model.FindEntityType(typeof(TRow)) ?? throw new InvalidOperationException($"{typeof(TRow).Name} is not in the model."))
            .GetTableMappings().Single().Table;
        return db.GetService<ISqlGenerationHelper>().DelimitIdentifier(table.Name, table.Schema);
    }
}
