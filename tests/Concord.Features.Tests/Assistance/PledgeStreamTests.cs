using System.Text.Json;
using Concord.Domain.Assistance;
using Concord.Features.Assistance;
using Concord.Features.EventLog;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static Concord.Features.Tests.Assistance.PledgeLedger;

namespace Concord.Features.Tests.Assistance;

public sealed class PledgeStreamTests
{
    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_ledger_read_from_its_read_model_is_the_ledger_folded_from_the_log_on_any_date(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await Build(store);
        await using var db = store.NewContext();
        Assert.Equal(4, await db.Pledges.CountAsync(Ct));

        foreach (var date in new[] { new LocalDate(2023, 2, 15), new LocalDate(2023, 5, 31), new LocalDate(2026, 11, 29) })
            Assert.Equal(await Folded(db, date), Json(await PledgeStream.AllAsOf(db, date, Ct)));
    }

    /// <summary>Every pledge folded from its stream as of <paramref name="date"/>, with nothing read from the read model.</summary>
    private static async Task<string> Folded(Features.Storage.ConcordDbContext db, LocalDate date)
    {
        var rows = await db.Events.AsNoTracking().Where(e => e.StreamId.StartsWith(StreamIds.PledgePrefix)).ToListAsync(Ct);
        return Json(rows.GroupBy(r => r.StreamId).Select(g => Pledge.Replay(g.OrderBy(r => r.StreamVersion).Select(PledgeStream.ToFact), date))
            .OfType<Pledge>().OrderBy(p => p.Announced).ThenBy(p => p.Id.Value, StringComparer.Ordinal));
    }

    private static string Json(IEnumerable<Pledge> pledges) => JsonSerializer.Serialize(pledges.ToList(), ConcordJson.Options);
}
