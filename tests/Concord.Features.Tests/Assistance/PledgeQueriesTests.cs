using System.Text.Json;
using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Domain.Members;
using Concord.Features.Assistance;
using Concord.Features.EventLog;
using static Concord.Features.Tests.Assistance.PledgeLedger;

namespace Concord.Features.Tests.Assistance;

/// <summary>Delays, backlog, the list and the export over the ledger of <see cref="PledgeLedger"/>.</summary>
public sealed class PledgeQueriesTests
{
    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_backlog_on_a_date_is_what_was_pledged_and_not_yet_delivered_and_not_cancelled(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await Build(store);
        await using var db = store.NewContext();

        var may = await PledgeBacklog.Handle(db, store.Clock, On("2023-05-31"), Ct);
        var december = await PledgeBacklog.Handle(db, store.Clock, On("2023-12-31"), Ct);

        Assert.Equal([new BacklogLine("155 mm shells", "rounds", 70_000), new BacklogLine("IRIS-T SLM", "systems", 2), new BacklogLine("Leopard 1", "vehicles", 10)], may.Total.Items);
        Assert.Equal(new Dictionary<string, decimal> { ["EUR"] = 250, ["USD"] = 300 }, may.Total.Value);
        Assert.Equal(["DEU", "GBR", "USA"], may.ByDonor.Keys);
        Assert.Equal([new BacklogLine("155 mm shells", "rounds", 70_000)], december.Total.Items);
        Assert.Equal(new Dictionary<string, decimal> { ["USD"] = 300 }, december.Total.Value);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task delays_by_donor_give_counts_median_days_late_deliveries_and_backlog(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await Build(store);
        await using var db = store.NewContext();

        var view = (await PledgeDelays.Handle(db, store.Clock, On("2023-12-31"), "donor", Ct)).Value!;
        var july = (await PledgeDelays.Handle(db, store.Clock, On("2023-07-31"), "month", Ct)).Value!;
        var bad = await PledgeDelays.Handle(db, store.Clock, null, "year", Ct);

        var deu = view.Groups.Single(g => g.Key == "DEU");
        Assert.Equal((2, 1, 1, 1, 50m, 1), (deu.Pledges, deu.FirstDelivered, deu.FullyDelivered, deu.Cancelled, deu.MedianDaysToFirstDelivery, deu.Late));
        Assert.Equal([50, 60, 8, null], view.Pledges.Select(p => p.DaysToFirstDelivery));
        Assert.Equal(40, Assert.Single(view.Late).DaysLate);
        Assert.Equal(On("2023-08-09"), view.Late[0].DeliveredOn);
        Assert.Equal(31, Assert.Single(july.Late).DaysLate);
        Assert.Equal(["2023-01", "2023-02", "2023-03", "2023-05"], july.Groups.Select(g => g.Key));
        Assert.Equal("by", bad.Refusal?.Field);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_funding_events_of_the_timeline_come_with_the_delays_up_to_the_date(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using (var db = store.NewContext())
        {
            var log = new EventStore(db);
            await log.Commit([new StreamWrite(PledgeStream.TimelinePrefix, 0,
            [
                new PendingEvent(new FundingEventRecorded(On("2023-10-20"), MemberCode.Parse("USA"), "Supplemental requested", 61.4m, null, "test"), Domain.Zones.StartOf(On("2023-10-20")), Classification.Public),
                new PendingEvent(new FundingEventRecorded(On("2024-04-24"), MemberCode.Parse("USA"), "Supplemental enacted", 60.7m, "311-112", "test"), Domain.Zones.StartOf(On("2024-04-24")), Classification.Public),
            ])], new Recording(store.Clock.GetCurrentInstant(), "test"), Ct);
        }
        await using var read = store.NewContext();

        var view = (await PledgeDelays.Handle(read, store.Clock, On("2023-12-31"), null, Ct)).Value!;

        Assert.Equal(["Supplemental requested"], view.FundingEvents.Select(f => f.Event));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_list_filters_by_donor_category_and_status_as_of_a_date(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await Build(store);
        await using var db = store.NewContext();

        var deu = (await ListPledges.Handle(db, store.Clock, new(Donor: "DEU"), null, Ct)).Value!;
        var armour = (await ListPledges.Handle(db, store.Clock, new(Category: "armour", Status: "cancelled"), null, Ct)).Value!;
        var early = (await ListPledges.Handle(db, store.Clock, new(), On("2023-02-15"), Ct)).Value!;
        var bad = await ListPledges.Handle(db, store.Clock, new(Status: "lost"), null, Ct);

        Assert.Equal(["DEU-iris-t", "DEU-leopard"], deu.Select(p => p.Id));
        Assert.Equal(["DEU-leopard"], armour.Select(p => p.Id));
        Assert.Equal(["DEU-iris-t", "USA-shells"], early.Select(p => p.Id));
        Assert.Equal("status", bad.Refusal?.Field);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_csv_export_has_one_row_per_pledge_under_the_documented_columns(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await Build(store);
        await using var db = store.NewContext();

        var csv = (await LedgerExport.Handle(db, store.Clock, "csv", On("2023-12-31"), Ct)).Value!;
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(string.Join(',', LedgerExport.Columns), lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Equal("USA-shells,USA,UKR,ammunition155mm,2023-02-01,inTransit,2023-04-02,155 mm shells=100000 rounds,155 mm shells=30000 rounds,155 mm shells=70000 rounds,"
            + "300,USD,2023-02-01,stated,300,,2023-04-02,60,,,,,reported,USA,,2023-02-01,2023-04-02,,2023-04-02,60 days,,,false", lines[2]);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_json_export_lists_every_pledge_with_its_lines(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await Build(store);
        await using var db = store.NewContext();

        var json = (await LedgerExport.Handle(db, store.Clock, "json", null, Ct)).Value!;
        using var doc = JsonDocument.Parse(json);
        var pledges = doc.RootElement.GetProperty("pledges");

        Assert.Equal(4, pledges.GetArrayLength());
        Assert.Equal("cancelled", pledges[3].GetProperty("status").GetString());
        Assert.Equal(70000, pledges[1].GetProperty("items")[0].GetProperty("outstanding").GetDecimal());
        Assert.Equal("format", (await LedgerExport.Handle(db, store.Clock, "xml", null, Ct)).Refusal?.Field);
    }
}
