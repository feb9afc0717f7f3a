using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.Assistance;

namespace Concord.Features.Tests.Assistance;

/// <summary>
/// The ledger of the domain tests, entered through the use cases (all to Ukraine; hand-computed numbers there):
/// DEU-iris-t (4 systems, EUR 400, promised 2023-06-30; 2 on 2023-03-01, 2 on 2023-08-09), USA-shells (100,000
/// rounds, USD 300; 30,000 on 2023-04-02), DEU-leopard (10 vehicles, EUR 50, cancelled 2023-09-01), GBR-challenger
/// (14 vehicles promised 2023-05-01, all on 2023-03-28).
/// </summary>
public static class PledgeLedger
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly WriteContext Secretariat = WriteContext.By(new Reader("sec", new HashSet<Role> { Role.Secretariat }, null, Marking.NatoSecret));

    public static WriteContext Delegation(string state) =>
        WriteContext.By(new Reader("del-" + state, new HashSet<Role> { Role.Delegation }, MemberCode.Parse(state), Marking.NatoRestricted));

    public static ItemRequest Item(string item, decimal quantity, string unit) => new(item, quantity, unit);

    public static MoneyRequest Money(decimal amount, string currency) => new(amount, currency);

    public static async Task<PledgeView> Ok(Task<Result<PledgeView>> call)
    {
        var result = await call;
        Assert.Null(result.Refusal);
        return result.Value!;
    }

    public static async Task Build(TestStore store)
    {
        await using var db = store.NewContext();
        var c = store.Clock;
        await Ok(AnnouncePledge.Handle(db, c, new("DEU-iris-t", "DEU", "UKR", "2023-01-10", "airDefence", [Item("IRIS-T SLM", 4, "systems")], Money(400, "EUR"), "2023-06-30", "test"), Secretariat, Ct));
        await Ok(DeliverPledge.Handle(db, c, "DEU-iris-t", new("2023-03-01", [Item("IRIS-T SLM", 2, "systems")], Money(200, "EUR")), Secretariat, Ct));
        await Ok(DeliverPledge.Handle(db, c, "DEU-iris-t", new("2023-08-09", [Item("IRIS-T SLM", 2, "systems")], Money(200, "EUR")), Secretariat, Ct));
        await Ok(AnnouncePledge.Handle(db, c, new("USA-shells", "USA", "UKR", "2023-02-01", "ammunition155mm", [Item("155 mm shells", 100_000, "rounds")], Money(300, "USD")), Secretariat, Ct));
        await Ok(DeliverPledge.Handle(db, c, "USA-shells", new("2023-04-02", [Item("155 mm shells", 30_000, "rounds")]), Secretariat, Ct));
        await Ok(AnnouncePledge.Handle(db, c, new("DEU-leopard", "DEU", "UKR", "2023-05-15", "armour", [Item("Leopard 1", 10, "vehicles")], Money(50, "EUR")), Secretariat, Ct));
        await Ok(CancelPledge.Handle(db, c, "DEU-leopard", new("2023-09-01", "Replaced"), Secretariat, Ct));
        await Ok(AnnouncePledge.Handle(db, c, new("GBR-challenger", "GBR", "UKR", "2023-03-20", "armour", [Item("Challenger 2", 14, "vehicles")], null, "2023-05-01"), Secretariat, Ct));
        await Ok(DeliverPledge.Handle(db, c, "GBR-challenger", new("2023-03-28", [Item("Challenger 2", 14, "vehicles")]), Secretariat, Ct));
    }

    public static NodaTime.LocalDate On(string text) => NodaTime.Text.LocalDatePattern.Iso.Parse(text).Value;
}
