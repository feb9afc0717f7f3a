using Concord.Domain.Assistance;
using Concord.Domain.Members;
using Xunit;
using static Concord.Domain.Tests.Assistance.Ledger;

namespace Concord.Domain.Tests.Assistance;

/// <summary>Each command a pledge takes, the event that records it, and the refusals not covered in <see cref="PledgeTests"/>.</summary>
public sealed class PledgeCommandsTests
{
    private static readonly AnnouncePledgeCommand Shells = Announced("USA-shells", "2023-02-01", AssistanceCategory.Ammunition155mm,
        [new("155 mm shells", 100, "rounds")], new Money(300, "USD", On("2023-02-01"), ValuationMethod.Stated), promisedBy: "2023-12-31");

    private static Refusal Refused(List<Fact<IPledgeEvent>> history, IPledgeCommand command)
    {
        var decided = Pledge.Decide(history, command);
        Assert.Empty(decided.Events);
        return Assert.IsType<Refusal>(decided.Refusal);
    }

    private static IPledgeEvent Accepted(List<Fact<IPledgeEvent>> history, IPledgeCommand command)
    {
        var decided = Pledge.Decide(history, command);
        Assert.Null(decided.Refusal);
        return Assert.Single(decided.Events);
    }

    [Fact]
    public void an_announcement_is_recorded_as_the_pledge_announced_with_everything_it_says()
    {
        var announced = Assert.IsType<PledgeAnnounced>(Accepted([], Shells with { Note = "First tranche" }));

        Assert.Equal(new PledgeAnnounced(Shells.Id, Shells.Donor, Shells.Recipient, Shells.Announced, Shells.Category, Shells.Items, Shells.Value,
            Shells.PromisedBy, Shells.Source, Shells.Basis, "First tranche"), announced);
    }

    [Fact]
    public void pledge_announce_decides_an_announcement_as_decide_does()
    {
        Assert.Equal(Pledge.Decide([], Shells).Events, Pledge.Announce([], Shells).Events);
        Assert.Equal(Pledge.Decide(Record(Shells), Shells).Refusal, Pledge.Announce(Record(Shells), Shells).Refusal);
    }

    [Fact]
    public void each_change_is_recorded_by_the_event_that_names_what_happened_on_its_date()
    {
        var history = Record(Shells);
        var lines = new ItemLine[] { new("155 mm shells", 40, "rounds") };
        var value = new Money(120, "USD", On("2023-03-01"), ValuationMethod.Stated);

        Assert.Equal(new PledgeAdvanced(PledgeStatus.Contracted, On("2023-02-10"), "DoD", "Contract signed"),
            Accepted(history, new AdvancePledgeCommand(PledgeStatus.Contracted, On("2023-02-10"), "DoD", "Contract signed")));
        Assert.Equal(new DeliveryRecorded(On("2023-03-01"), lines, value, "DoD", FigureBasis.Estimated, "By rail"),
            Accepted(history, new RecordDeliveryCommand(On("2023-03-01"), lines, value, "DoD", FigureBasis.Estimated, "By rail")));
        Assert.Equal(new PledgeAmended(On("2023-04-01"), lines, null, On("2024-06-30"), "DoD", "Reduced"),
            Accepted(history, new AmendPledgeCommand(On("2023-04-01"), lines, null, On("2024-06-30"), "DoD", "Reduced")));
        Assert.Equal(new PledgeCancelled(On("2023-05-01"), "Replaced", "DoD"),
            Accepted(history, new CancelPledgeCommand(On("2023-05-01"), "Replaced", "DoD")));
    }

    [Fact]
    public void a_pledge_announced_again_is_refused_naming_when_it_was_announced()
    {
        var refusal = Refused(Record(Shells), Shells with { Announced = On("2023-03-01") });

        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Equal("Pledge USA-shells is already recorded (announced 2023-02-01).", refusal.Reason);
    }

    [Fact]
    public void a_donor_cannot_pledge_assistance_to_itself()
    {
        var refusal = Refused([], Shells with { Recipient = MemberCode.Parse("USA") });

        Assert.Equal(("recipient", RefusalKind.Unprocessable), (refusal.Field, refusal.Kind));
        Assert.Equal("USA cannot pledge assistance to itself.", refusal.Reason);
    }

    [Fact]
    public void a_promised_date_before_the_announcement_is_refused_when_announced_and_when_amended()
    {
        Assert.Equal("The promised date 2023-01-31 is before the announcement (2023-02-01).",
            Refused([], Shells with { PromisedBy = On("2023-01-31") }).Reason);
        Assert.Equal("promisedBy", Refused(Record(Shells), new AmendPledgeCommand(On("2023-03-01"), null, null, On("2023-01-31"), null, null)).Field);
    }

    [Fact]
    public void nothing_is_recorded_of_a_pledge_never_announced()
    {
        var refusal = Refused([], new RecordDeliveryCommand(On("2023-03-01"), [new("155 mm shells", 1, "rounds")], null, null, FigureBasis.Reported, null));

        Assert.Equal(RefusalKind.NotFound, refusal.Kind);
        Assert.Equal("The pledge has not been announced.", refusal.Reason);
    }

    [Fact]
    public void a_pledge_is_not_advanced_to_delivered_or_cancelled_which_are_recorded_as_such()
    {
        var history = Record(Shells);

        var delivered = Refused(history, new AdvancePledgeCommand(PledgeStatus.Delivered, On("2023-03-01"), null, null));
        var cancelled = Refused(history, new AdvancePledgeCommand(PledgeStatus.Cancelled, On("2023-03-01"), null, null));

        Assert.Equal(("status", RefusalKind.Invalid), (delivered.Field, delivered.Kind));
        Assert.EndsWith("delivered is recorded as a delivery.", delivered.Reason, StringComparison.Ordinal);
        Assert.EndsWith("cancelled is recorded as a cancellation.", cancelled.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void an_amendment_that_changes_nothing_is_refused()
    {
        var refusal = Refused(Record(Shells), new AmendPledgeCommand(On("2023-03-01"), null, null, null, "DoD", null));

        Assert.Equal(("items", RefusalKind.Invalid), (refusal.Field, refusal.Kind));
        Assert.Equal("An amendment changes the items, the value or the promised date; none was given.", refusal.Reason);
    }

    [Fact]
    public void a_delivery_in_another_unit_than_pledged_is_refused()
    {
        var refusal = Refused(Record(Shells), new RecordDeliveryCommand(On("2023-03-01"), [new("155 mm shells", 1, "boxes")], null, null, FigureBasis.Reported, null));

        Assert.Equal("items[0].unit", refusal.Field);
        Assert.Equal("155 mm shells is pledged in rounds, not boxes.", refusal.Reason);
    }

    [Fact]
    public void an_amendment_cannot_drop_an_item_already_delivered()
    {
        var history = Record(Shells, new RecordDeliveryCommand(On("2023-03-01"), [new("155 mm shells", 10, "rounds")], null, null, FigureBasis.Reported, null));

        var refusal = Refused(history, new AmendPledgeCommand(On("2023-04-01"), [new("Fuzes", 10, "units")], null, null, null, null));

        Assert.Equal("10 rounds of 155 mm shells were already delivered; the amendment cannot drop it.", refusal.Reason);
    }
}
