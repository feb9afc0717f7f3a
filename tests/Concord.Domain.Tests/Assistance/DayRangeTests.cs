using Concord.Domain.Assistance;
using Xunit;
using static Concord.Domain.Tests.Assistance.Ledger;

namespace Concord.Domain.Tests.Assistance;

public sealed class DayRangeTests
{
    private static readonly AnnouncePledgeCommand Tanks = Announced("DEU-tanks", "2023-01-25", AssistanceCategory.Armour, [new ItemLine("Leopard 2A6", 14, "tanks")]);

    private static RecordDeliveryCommand Confirmed(DateWindow when, DeliveryExtent extent) =>
        new(when.Placed, [], null, null, FigureBasis.Reported, null, when, extent);

    [Fact]
    public void a_delivery_confirmed_on_or_before_a_day_is_at_most_that_many_days_from_the_announcement_never_exact()
    {
        var pledge = Pledge.Replay(Record(Tanks, Confirmed(DateWindow.OnOrBefore(On("2023-03-27")), DeliveryExtent.Rest)))!;

        Assert.Equal(new DayRange(null, 61), pledge.FirstDeliveryDays);
        Assert.Equal("at most 61 days", pledge.FirstDeliveryDays!.ToString());
        Assert.Null(pledge.DaysToFirstDelivery);
        Assert.Equal(PledgeStatus.Delivered, pledge.Status);
        Assert.Equal(14, pledge.Line("Leopard 2A6")!.Delivered);
    }

    [Fact]
    public void a_first_delivery_of_an_unstated_number_leaves_what_is_outstanding_unknown_and_out_of_the_backlog_totals()
    {
        var pledge = Pledge.Replay(Record(Tanks, Confirmed(DateWindow.InMonth(new NodaTime.YearMonth(2023, 3)), DeliveryExtent.Some)))!;

        Assert.Equal(PledgeStatus.InTransit, pledge.Status);
        Assert.True(pledge.Line("Leopard 2A6")!.SomeUnstated);
        var backlog = Delays.BacklogOf([pledge]);
        Assert.Empty(backlog.Items);
        Assert.Equal(1, backlog.Undisclosed);
        Assert.Equal("between 35 and 65 days", pledge.FirstDeliveryDays!.ToString());
    }

    [Fact]
    public void group_percentiles_over_confirmations_are_given_only_as_upper_bounds()
    {
        var exact = Pledge.Replay(Record(Tanks with { Id = new PledgeId("DEU-a") }, new RecordDeliveryCommand(On("2023-02-04"), [new ItemLine("Leopard 2A6", 14, "tanks")], null, null, FigureBasis.Reported, null)))!;
        var bound = Pledge.Replay(Record(Tanks with { Id = new PledgeId("DEU-b") }, Confirmed(DateWindow.OnOrBefore(On("2023-03-27")), DeliveryExtent.Rest)))!;

        var group = Assert.Single(Delays.By([exact, bound], DelayGrouping.Donor, On("2024-01-01")));

        Assert.Null(group.MedianDaysToFirstDelivery);
        Assert.Equal(35.5m, group.AtMostDaysToFirstDelivery!.Median);
        Assert.Equal(2, group.FirstDelivered);
    }
}
