using Concord.Domain.Assistance;
using Xunit;
using static Concord.Domain.Tests.Assistance.Ledger;

namespace Concord.Domain.Tests.Assistance;

public sealed class PledgeTests
{
    private static readonly AnnouncePledgeCommand Shells = Announced("USA-shells", "2023-02-01", AssistanceCategory.Ammunition155mm,
        [L("155 mm shells", 100, "rounds"), L("Fuzes", 50, "units")], new Money(300, "USD", On("2023-02-01"), ValuationMethod.Stated));

    private static ItemLine L(string item, decimal quantity, string unit) => new(item, quantity, unit);

    private static RecordDeliveryCommand Delivery(string on, params ItemLine[] items) => new(On(on), items, null, null, FigureBasis.Reported, null);

    private static Refusal Refused(List<Fact<IPledgeEvent>> history, IPledgeCommand command)
    {
        var decided = Pledge.Decide(history, command);
        Assert.Empty(decided.Events);
        return Assert.IsType<Refusal>(decided.Refusal);
    }

    [Fact]
    public void a_partial_delivery_puts_the_pledge_in_transit_and_the_last_one_delivers_it()
    {
        var history = Record(Shells, Delivery("2023-03-01", L("155 mm shells", 40, "rounds")));
        var partial = Pledge.Replay(history)!;
        Assert.Equal(PledgeStatus.InTransit, partial.Status);
        Assert.Equal(60, partial.Line("155 mm shells")!.Outstanding);

        Add(history, Delivery("2023-05-01", L("155 mm shells", 60, "rounds"), L("Fuzes", 50, "units")));
        var full = Pledge.Replay(history)!;
        Assert.Equal(PledgeStatus.Delivered, full.Status);
        Assert.Equal(On("2023-05-01"), full.FullDelivery);
        Assert.Equal(89, full.DaysToFullDelivery);
        Assert.Equal(28, full.DaysToFirstDelivery);
    }

    [Fact]
    public void a_delivery_leaves_a_pledge_higher_than_in_transit_where_it_is_only_when_it_completes_it()
    {
        var history = Record(Shells, new AdvancePledgeCommand(PledgeStatus.Contracted, On("2023-02-10"), null, null), Delivery("2023-03-01", L("Fuzes", 10, "units")));
        Assert.Equal(PledgeStatus.InTransit, Pledge.Replay(history)!.Status);
    }

    [Fact]
    public void a_quantity_of_zero_or_less_is_refused_naming_the_line()
    {
        var refusal = Refused([], Shells with { Items = [L("155 mm shells", 0, "rounds")] });
        Assert.Equal(("items[0].quantity", RefusalKind.Invalid), (refusal.Field, refusal.Kind));
    }

    [Fact]
    public void a_delivery_above_what_is_outstanding_names_the_item_the_outstanding_and_the_asked_quantity()
    {
        var history = Record(Shells, Delivery("2023-03-01", L("155 mm shells", 40, "rounds")));
        var refusal = Refused(history, Delivery("2023-04-01", L("Fuzes", 5, "units"), L("155 mm shells", 61, "rounds")));
        Assert.Equal("items[1].quantity", refusal.Field);
        Assert.Equal("Only 60 rounds of 155 mm shells are outstanding; the delivery asks 61.", refusal.Reason);
    }

    [Fact]
    public void an_unknown_currency_is_refused()
    {
        var refusal = Refused([], Shells with { Value = new Money(1, "XYZ", On("2023-02-01"), ValuationMethod.Stated) });
        Assert.Equal("value.currency", refusal.Field);
    }

    [Fact]
    public void a_status_dated_before_the_announcement_is_refused()
    {
        var history = Record(Shells);
        Assert.Equal("on", Refused(history, new AdvancePledgeCommand(PledgeStatus.Committed, On("2023-01-01"), null, null)).Field);
    }

    [Fact]
    public void a_delivery_dated_before_the_announcement_is_recorded_and_flagged_as_delivered_before_it_was_announced()
    {
        var history = Record(Shells, Delivery("2023-01-31", L("Fuzes", 1, "units")));

        var pledge = Pledge.Replay(history)!;
        Assert.True(Assert.Single(pledge.Deliveries).BeforeAnnouncement);
        Assert.True(pledge.DeliveredBeforeAnnouncement);
        Assert.Null(pledge.FirstDeliveryDays);
        Assert.Equal("delivered before it was announced", Delays.Of(pledge).Words);
        Assert.Null(Pledge.Replay(history, On("2023-01-31")));
    }

    [Fact]
    public void a_pledge_does_not_move_down_the_ladder()
    {
        var history = Record(Shells, new AdvancePledgeCommand(PledgeStatus.Contracted, On("2023-03-01"), null, null));
        var refusal = Refused(history, new AdvancePledgeCommand(PledgeStatus.Committed, On("2023-04-01"), null, null));
        Assert.Equal(("status", RefusalKind.Unprocessable), (refusal.Field, refusal.Kind));
    }

    [Fact]
    public void nothing_is_recorded_after_a_cancellation_or_a_full_delivery()
    {
        var cancelled = Record(Shells, new CancelPledgeCommand(On("2023-03-01"), "Replaced", null));
        Assert.Equal(RefusalKind.Conflict, Refused(cancelled, Delivery("2023-04-01", L("Fuzes", 1, "units"))).Kind);
        var delivered = Record(Shells, Delivery("2023-03-01", L("155 mm shells", 100, "rounds"), L("Fuzes", 50, "units")));
        Assert.Equal(RefusalKind.Conflict, Refused(delivered, new CancelPledgeCommand(On("2023-04-01"), null, null)).Kind);
        Assert.Equal(RefusalKind.Conflict, Refused(delivered, new AdvancePledgeCommand(PledgeStatus.InTransit, On("2023-04-01"), null, null)).Kind);
    }

    [Fact]
    public void an_item_the_pledge_does_not_list_cannot_be_delivered()
    {
        var refusal = Refused(Record(Shells), Delivery("2023-03-01", L("Shells", 1, "rounds")));
        Assert.Equal("items[0].item", refusal.Field);
    }

    [Fact]
    public void history_entered_late_lands_where_its_date_puts_it()
    {
        var history = Record(Shells, Delivery("2023-04-02", L("Fuzes", 10, "units")));
        Add(history, new AdvancePledgeCommand(PledgeStatus.Contracted, On("2023-03-01"), null, null));

        Assert.Equal(PledgeStatus.Contracted, Pledge.Replay(history, On("2023-03-15"))!.Status);
        Assert.Equal(PledgeStatus.InTransit, Pledge.Replay(history, On("2023-04-30"))!.Status);
        Assert.Equal(PledgeStatus.Announced, Pledge.Replay(history, On("2023-02-28"))!.Status);
        Assert.Null(Pledge.Replay(history, On("2023-01-31")));
    }

    [Fact]
    public void a_late_entry_that_would_make_a_later_record_impossible_is_refused()
    {
        var history = Record(Shells, Delivery("2023-04-02", L("Fuzes", 50, "units")));
        var refusal = Refused(history, Delivery("2023-03-01", L("Fuzes", 1, "units")));
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.StartsWith("This would make the delivery of 2023-04-02 impossible", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void an_amendment_keeps_what_was_delivered_and_cannot_pledge_less_than_it()
    {
        var history = Record(Shells, Delivery("2023-03-01", L("155 mm shells", 40, "rounds")));
        Assert.Equal("items[0].quantity", Refused(history, new AmendPledgeCommand(On("2023-04-01"), [L("155 mm shells", 30, "rounds")], null, null, null, null)).Field);

        Add(history, new AmendPledgeCommand(On("2023-04-01"), [L("155 mm shells", 40, "rounds")], null, On("2023-12-31"), null, null));
        var amended = Pledge.Replay(history)!;
        Assert.Equal(PledgeStatus.Delivered, amended.Status);
        Assert.Equal(On("2023-12-31"), amended.PromisedBy);
        Assert.Equal(new PledgeLine("155 mm shells", "rounds", 40, 40), Assert.Single(amended.Lines));
    }

    [Fact]
    public void a_cancelled_pledge_keeps_what_was_delivered_and_owes_nothing_more()
    {
        var history = Record(Shells, Delivery("2023-03-01", L("155 mm shells", 40, "rounds")), new CancelPledgeCommand(On("2023-05-01"), "Replaced", null));
        var cancelled = Pledge.Replay(history)!;
        Assert.Equal(PledgeStatus.Cancelled, cancelled.Status);
        Assert.Equal(40, cancelled.Line("155 mm shells")!.Delivered);
        Assert.Equal(0, cancelled.OutstandingValue!.Amount);
    }
}
