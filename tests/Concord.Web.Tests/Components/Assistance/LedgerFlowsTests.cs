using System.Collections.Immutable;
using Concord.Domain.Assistance;
using Concord.Domain.Members;
using Concord.Web.Components.Assistance;
using NodaTime;

namespace Concord.Web.Tests.Components.Assistance;

public sealed class LedgerFlowsTests
{
    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    private static Money Eur(decimal amount, LocalDate on) => new(amount, "EUR", on, ValuationMethod.Stated);

    private static Pledge Make(string id, LocalDate announced, decimal quantity, Money? value, LocalDate? cancelled, params DeliveryRecord[] deliveries) =>
        new(new PledgeId(id), MemberCode.Parse("DEU"), MemberCode.Parse("UKR"), announced, AssistanceCategory.Ammunition155mm,
            [new PledgeLine("shells", "rounds", quantity, deliveries.Sum(d => d.Items.Sum(i => i.Quantity)))], value, null, "src", FigureBasis.Reported,
            cancelled is null ? PledgeStatus.InTransit : PledgeStatus.Cancelled, announced, [.. deliveries], cancelled, null);

    private static DeliveryRecord Delivery(LocalDate on, decimal rounds, Money? value) => new(on, [new ItemLine("shells", rounds, "rounds")], value, null, "src", FigureBasis.Reported);

    // 1,000 rounds for 100 EUR on 2023-01-01, 400 delivered (40 EUR) on 2023-03-01, cancelled on 2023-05-01; 500 rounds on 2023-02-01, no value.
    private static readonly Pledge[] Pledges =
    [
        Make("DEU-a", D(2023, 1, 1), 1000, Eur(100, D(2023, 1, 1)), D(2023, 5, 1), Delivery(D(2023, 3, 1), 400, Eur(40, D(2023, 3, 1)))),
        Make("DEU-b", D(2023, 2, 1), 500, null, null),
    ];

    [Fact]
    public void the_measures_are_the_currencies_then_the_units()
    {
        Assert.Equal(["EUR", "rounds"], LedgerFlows.Measures(Pledges));
    }

    [Fact]
    public void a_cancelled_pledge_takes_back_what_was_outstanding_on_the_day_it_was_cancelled()
    {
        var euros = LedgerChart.Cumulative(LedgerFlows.Of(Pledges, "EUR"));
        var rounds = LedgerChart.Cumulative(LedgerFlows.Of(Pledges, "rounds"));

        Assert.Equal([new(D(2023, 1, 1), 100m, 0m), new(D(2023, 3, 1), 100m, 40m), new CumulativePoint(D(2023, 5, 1), 40m, 40m)], euros);
        Assert.Equal([new(D(2023, 1, 1), 1000m, 0m), new(D(2023, 2, 1), 1500m, 0m), new(D(2023, 3, 1), 1500m, 400m), new CumulativePoint(D(2023, 5, 1), 900m, 400m)], rounds);
    }
}
