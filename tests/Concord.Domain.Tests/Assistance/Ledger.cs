using Concord.Domain.Assistance;
using Concord.Domain.Members;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Concord.Domain.Tests.Assistance;

/// <summary>
/// A small ledger with numbers worked out by hand (all to Ukraine):
/// DEU-iris-t: air defence, 2023-01-10, 4 systems, EUR 400, promised by 2023-06-30; 2 delivered 2023-03-01 (EUR 200)
/// and 2 on 2023-08-09 (EUR 200): 50 days to first, 211 to full, the second 40 days late.
/// USA-shells: 155 mm, 2023-02-01, 100,000 rounds, USD 300, no promised date; 30,000 delivered 2023-04-02 (60 days).
/// DEU-leopard: armour, 2023-05-15, 10 vehicles, EUR 50; cancelled 2023-09-01, nothing delivered.
/// GBR-challenger: armour, 2023-03-20, 14 vehicles, promised by 2023-05-01; all delivered 2023-03-28 (8 days).
/// </summary>
public static class Ledger
{
    public static readonly MemberCode UKR = MemberCode.Parse("UKR");

    public static LocalDate On(string text) => LocalDatePattern.Iso.Parse(text).Value;

    public static Money Eur(decimal amount, string on) => new(amount, "EUR", On(on), ValuationMethod.Stated);

    public static AnnouncePledgeCommand Announced(string id, string on, AssistanceCategory category, ItemLine[] items, Money? value = null, string? promisedBy = null) =>
        new(new PledgeId(id), MemberCode.Parse(id[..3]), UKR, On(on), category, items, value, promisedBy is null ? null : On(promisedBy), "test", FigureBasis.Reported, null);

    /// <summary>Decides commands one by one, recording the events each gives, failing the test on any refusal.</summary>
    public static List<Fact<IPledgeEvent>> Record(params IPledgeCommand[] commands)
    {
        var history = new List<Fact<IPledgeEvent>>();
        foreach (var command in commands) Add(history, command);
        return history;
    }

    public static void Add(List<Fact<IPledgeEvent>> history, IPledgeCommand command)
    {
        var decided = Pledge.Decide(history, command);
        Assert.Null(decided.Refusal);
        foreach (var accepted in decided.Events) history.Add(new Fact<IPledgeEvent>(accepted, Pledge.EffectiveOf(accepted), history.Count + 1));
    }

    public static List<Fact<IPledgeEvent>> IrisT() => Record(
        Announced("DEU-iris-t", "2023-01-10", AssistanceCategory.AirDefence, [new("IRIS-T SLM", 4, "systems")], Eur(400, "2023-01-10"), "2023-06-30"),
        new RecordDeliveryCommand(On("2023-03-01"), [new("IRIS-T SLM", 2, "systems")], Eur(200, "2023-03-01"), null, FigureBasis.Reported, null),
        new RecordDeliveryCommand(On("2023-08-09"), [new("IRIS-T SLM", 2, "systems")], Eur(200, "2023-08-09"), null, FigureBasis.Reported, null));

    public static List<Fact<IPledgeEvent>> Shells() => Record(
        Announced("USA-shells", "2023-02-01", AssistanceCategory.Ammunition155mm, [new("155 mm shells", 100_000, "rounds")], new Money(300, "USD", On("2023-02-01"), ValuationMethod.Stated)),
        new RecordDeliveryCommand(On("2023-04-02"), [new("155 mm shells", 30_000, "rounds")], null, null, FigureBasis.Reported, null));

    public static List<Fact<IPledgeEvent>> Leopard() => Record(
        Announced("DEU-leopard", "2023-05-15", AssistanceCategory.Armour, [new("Leopard 1", 10, "vehicles")], Eur(50, "2023-05-15")),
        new CancelPledgeCommand(On("2023-09-01"), "Replaced", null));

    public static List<Fact<IPledgeEvent>> Challenger() => Record(
        Announced("GBR-challenger", "2023-03-20", AssistanceCategory.Armour, [new("Challenger 2", 14, "vehicles")], null, "2023-05-01"),
        new RecordDeliveryCommand(On("2023-03-28"), [new("Challenger 2", 14, "vehicles")], null, null, FigureBasis.Reported, null));

    public static IReadOnlyList<Pledge> AsOf(string date) =>
        [.. new[] { IrisT(), Shells(), Leopard(), Challenger() }.Select(f => Pledge.Replay(f, On(date))).OfType<Pledge>()];
}
