using Concord.Domain.Decisions;
using Concord.Features.Decisions;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Tests.Decisions;

/// <summary>
/// Property: whatever positions are recorded, in whatever order of effective dates, the read model written live
/// equals the state replayed from the log with the same Evolve.
/// </summary>
public sealed class ReplayPropertiesTests
{
    private static readonly string[] Allies =
        ["ALB", "BEL", "BGR", "CAN", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GBR", "GRC", "HRV", "HUN", "ISL",
         "ITA", "LTU", "LUX", "LVA", "MKD", "MNE", "NLD", "NOR", "POL", "PRT", "ROU", "SVK", "SVN", "SWE", "TUR", "USA"];

    private static readonly string[] Kinds = ["concur", "adReferendum", "reservation", "footnote", "nonParticipation", "object", "undeclared"];

    private static readonly FsCheck.Gen<(string Member, string Kind, int Day)> Statement =
        from member in Gen.Choose(0, Allies.Length - 1)
        from kind in Gen.Choose(0, Kinds.Length - 1)
        from day in Gen.Choose(0, 1000)
        select (Allies[member], Kinds[kind], day);

    [Fact]
    public async Task the_read_model_written_live_equals_the_state_replayed_from_the_log()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite, seed: true);
        var cases = FsCheck.FSharp.Gen.Sample(25, Statement.ListOf().Select(l => l.Take(40).ToList()));
        var n = 0;
        foreach (var statements in cases)
        {
            var id = DecisionId.Parse($"property-{n++}");
            await Seeded.Open(store, id.Value, opened: "2024-01-01");
            foreach (var (member, kind, day) in statements)
            {
                var date = new NodaTime.LocalDate(2024, 1, 1).PlusDays(day);
                await Seeded.Record(store, id, member, kind, date.ToString("yyyy-MM-dd", null), condition: kind == "reservation" ? "until day " + day : null);
            }
            Assert.Equal(await Replayed(store, id), await Live(store, id));
        }
    }

    /// <summary>The decision as its read models hold it, written live by each commit (no replay).</summary>
    private static async Task<string> Live(TestStore store, DecisionId id)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = store.NewContext();
        var row = await db.Decisions.SingleAsync(d => d.Id == id.Value, ct);
        var rows = await db.Positions.Where(p => p.DecisionId == id.Value).ToListAsync(ct);
        var positions = rows.OrderBy(p => p.Member, StringComparer.Ordinal).Select(p => p.Member + ":" + p.Kind + "@" + p.Effective);
        var view = (await GetDecision.Handle(db, store.Clock, id, null, Access.Reader.System, ct)).Value!;
        return $"{view.Outcome} [{string.Join(',', view.Blocking)}] v{row.Version} " + string.Join(' ', positions);
    }

    /// <summary>The decision folded from its stream, as of now.</summary>
    private static async Task<string> Replayed(TestStore store, DecisionId id)
    {
        await using var db = store.NewContext();
        var view = (await GetDecision.Handle(db, store.Clock, id, store.Clock.GetCurrentInstant(), Access.Reader.System, TestContext.Current.CancellationToken)).Value!;
        var positions = view.Positions.Where(p => p.Effective is not null).OrderBy(p => p.Member, StringComparer.Ordinal)
            .Select(p => p.Member + ":" + p.Kind + "@" + p.Effective);
        return $"{view.Outcome} [{string.Join(',', view.Blocking)}] v{view.Version} " + string.Join(' ', positions);
    }
}
