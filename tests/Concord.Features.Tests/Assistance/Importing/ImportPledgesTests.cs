using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Assistance;
using Concord.Features.Assistance.Importing;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Tests.Assistance.Importing;

public sealed class ImportPledgesTests
{
    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "data", "assistance", name);

    private const string Header = "pledge_id,donor,recipient,item,category,quantity,unit,announced,announced_confidence,promised_by,first_delivery,first_delivery_confidence,full_delivery,full_delivery_confidence,status,source_ids,notes\n";

    private static readonly LocalDate Later = new(2026, 1, 1);

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_shipped_pledges_load_as_47_pledges_each_joint_pledge_once_and_a_second_import_adds_nothing(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await LoadShipped(db, store);
        var pledges = await PledgeStream.AllAsOf(db, Later, ct);

        Assert.Equal(47, pledges.Count);
        var leopard1 = Assert.Single(pledges, p => p.Id.Value == "DEU-P009");
        Assert.Equal(["DEU", "DNK", "NLD"], leopard1.Donors.Select(d => d.Value));
        Assert.Equal("DEU+DNK+NLD", leopard1.DonorKey);
        Assert.Equal(100m, Assert.Single(leopard1.Lines).Pledged);
        Assert.Equal(AssistanceCategory.MissilesLongRange, pledges.Single(p => p.Id.Value == "USA-P037").Category);

        var before = await store.EventCount();
        Assert.Equal(0, (await Import(db, store, ImportPledges.Handle, File.ReadAllText(Data("pledges.csv")))).Added);
        Assert.Equal(0, (await Import(db, store, ImportPledgeAmendments.Handle, File.ReadAllText(Data("pledge_amendments.csv")))).Added);
        Assert.Equal(0, (await Import(db, store, ImportDelayEvents.Handle, File.ReadAllText(Data("delay_events.csv")))).Added);
        Assert.Equal(before, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task germanys_leopards_were_announced_as_14_amended_to_18_and_delivered_at_most_61_days_after_the_announcement(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await LoadShipped(db, store);

        var view = (await GetPledge.Handle(db, store.Clock, "DEU-P001", Later, ct)).Value!;
        var announced = Assert.IsType<PledgeAnnounced>(view.History![0].Event);
        Assert.Equal((new LocalDate(2023, 1, 25), 14m), (announced.Announced, announced.Items[0].Quantity));
        var amended = Assert.IsType<PledgeAmended>(Assert.Single(view.History, h => h.Kind == "amendment").Event);
        Assert.Equal((new LocalDate(2023, 2, 24), 18m, "S005"), (amended.On, amended.Items![0].Quantity, amended.Source));
        Assert.Equal(18m, Assert.Single(view.Items).Pledged);
        Assert.Equal(18m, view.Items[0].Delivered);
        Assert.Equal(DateWindow.OnOrBefore(new LocalDate(2023, 3, 27)), view.FullDeliveryWindow);
        // Delivered when the sources bound it, never on a day they do not give.
        Assert.Equal((PledgeStatus.Delivered, DateWindow.OnOrBefore(new LocalDate(2023, 3, 27))), (view.Status, view.StatusWindow));
        Assert.Equal(new DayRange(null, 61), view.FirstDeliveryDays);
        Assert.Null(view.DaysToFirstDelivery);
        Assert.Equal("at most 61 days from the announcement to the first delivery", view.Delay);

        // The export says the same: the bound, and the days it bounds, beside the bound's day.
        var csv = (await LedgerExport.Handle(db, store.Clock, "csv", Later, ct)).Value!;
        var row = csv.Split("\r\n").Single(l => l.StartsWith("DEU-P001,", StringComparison.Ordinal));
        Assert.EndsWith(",DEU,,2023-01-25,on or before 2023-03-27,on or before 2023-03-31,on or before 2023-03-27,at most 61 days,on or before 2023-03-27,at most 61 days,false", row);

        var asAnnounced = (await GetPledge.Handle(db, store.Clock, "DEU-P001", new LocalDate(2023, 2, 1), ct)).Value!;
        Assert.Equal(14m, asAnnounced.Items[0].Pledged);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_undisclosed_quantity_is_stored_as_unknown_and_counted_in_no_total_but_said(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await LoadShipped(db, store);

        var stormShadow = (await GetPledge.Handle(db, store.Clock, "GBR-P034", Later, ct)).Value!;
        Assert.Empty(stormShadow.Items);
        Assert.StartsWith("Storm Shadow", Assert.Single(stormShadow.Undisclosed!).Item, StringComparison.Ordinal);
        var announced = Assert.IsType<PledgeAnnounced>(stormShadow.History![0].Event);
        Assert.Empty(announced.Items);

        var backlog = await PledgeBacklog.Handle(db, store.Clock, Later, ct);
        Assert.DoesNotContain(backlog.Total.Items, l => l.Item.StartsWith("Storm Shadow", StringComparison.Ordinal));
        Assert.True(backlog.Total.Undisclosed > 0);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task atacms_delivered_before_it_was_announced_is_recorded_flagged_and_counted_as_no_delay(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await LoadShipped(db, store);

        var atacms = (await GetPledge.Handle(db, store.Clock, "USA-P037", Later, ct)).Value!;
        Assert.True(atacms.DeliveredBeforeAnnouncement);
        Assert.Equal("delivered before it was announced", atacms.Delay);
        Assert.Null(atacms.FirstDeliveryDays);

        var delays = (await PledgeDelays.Handle(db, store.Clock, Later, "category", ct)).Value!;
        var missiles = delays.Groups.Single(g => g.Key == Words.Of(AssistanceCategory.MissilesLongRange));
        Assert.Equal(1, missiles.DeliveredBeforeAnnouncement);
        Assert.True(missiles.AtMostDaysToFirstDelivery!.Median >= 0);
        Assert.Null(missiles.MedianDaysToFirstDelivery);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_month_only_date_reads_as_a_month_window_not_its_first_day(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await LoadShipped(db, store);

        var poland = (await GetPledge.Handle(db, store.Clock, "POL-P002", Later, ct)).Value!;
        Assert.Equal(DateWindow.InMonth(new YearMonth(2023, 3)), poland.FullDeliveryWindow);
        Assert.Equal("in March 2023", poland.FullDeliveryWindow.ToString());
        var spain = (await GetPledge.Handle(db, store.Clock, "ESP-P006", Later, ct)).Value!;
        Assert.Equal(DateWindow.InMonth(new YearMonth(2023, 2)), spain.AnnouncedWindow);
        Assert.Equal(DateWindow.OnOrBefore(new LocalDate(2023, 4, 30)), spain.PromisedWindow);
        var jointLeopards = (await GetPledge.Handle(db, store.Clock, "DNK-P008", Later, ct)).Value!;
        Assert.Equal(DateWindow.Between(new LocalDate(2024, 1, 1), new LocalDate(2024, 3, 31)), jointLeopards.PromisedWindow);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_delay_events_load_onto_the_timeline_with_their_actor_kind_and_sources(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await LoadShipped(db, store);

        var events = (await PledgeDelays.Handle(db, store.Clock, Later, null, ct)).Value!.DelayEvents!;
        Assert.Equal(20, events.Count);
        var gepard = events[0];
        Assert.Equal(("E001", new LocalDate(2022, 7, 25), "DEU", "schedule-slip", "S076;S077"), (gepard.Ref, gepard.On, gepard.Actor, gepard.Kind, gepard.Source));
        Assert.Contains(events, e => e.Actor == "EU member states");
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_misspelt_column_is_refused_with_the_column_it_is_close_to_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await RegisterSources(db, store);
        var before = await store.EventCount();
        var file = Header.Replace("first_delivery_confidence", "first_delivery_confidance", StringComparison.Ordinal)
            + "P001,DEU,UKR,Leopard 2A6,armour,14,tanks,2023-01-25,official,,2023-03-27,official,,,,S001,\n";

        var report = await Import(db, store, ImportPledges.Handle, file);

        var error = Assert.Single(report.Errors);
        Assert.Equal((1, "first_delivery_confidance"), (error.Line, error.Column));
        Assert.Contains("Did you mean 'first_delivery_confidence'?", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_file_with_three_kinds_of_errors_reports_all_three_on_their_lines_and_stores_nothing(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await RegisterSources(db, store);
        var before = await store.EventCount();
        var file = Header
            + "P001,DEU,UKR,Leopard 2A6,armour,14,tanks,2023-01-25,official,,2023-03-27,official,,,,S001,\n"
            + "P002,POL,UKR,Leopard 2A4,tanks,14,tanks,2023-01-11,official,,,,,,,S007,\n"
            + "P003,PRT,UKR,Leopard 2A6,armour,three,tanks,2023-02-08,official,,,,,,,S013,\n"
            + "P004,CAN,UKR,Leopard 2A4,armour,8,tanks,2023-01-26,officially,,,,,,,S006,\n";

        var report = await Import(db, store, ImportPledges.Handle, file);

        Assert.Equal([(3, "category"), (4, "quantity"), (5, "announced_confidence")], report.Errors.Select(e => (e.Line, e.Column!)));
        Assert.Equal(before, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_source_id_that_is_not_registered_is_refused_on_its_line_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await RegisterSources(db, store);
        var before = await store.EventCount();
        var file = Header
            + "P001,DEU,UKR,Leopard 2A6,armour,14,tanks,2023-01-25,official,,,,,,,S001,\n"
            + "P002,POL,UKR,Leopard 2A4,armour,14,tanks,2023-01-11,official,,,,,,,S007;S999,\n";

        var report = await Import(db, store, ImportPledges.Handle, file);

        var error = Assert.Single(report.Errors);
        Assert.Equal((3, "source_ids"), (error.Line, error.Column));
        Assert.Contains("S999", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_amendment_of_a_pledge_not_imported_is_refused_on_its_line(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await RegisterSources(db, store);

        var report = await Import(db, store, ImportPledgeAmendments.Handle, File.ReadAllText(Data("pledge_amendments.csv")));

        var error = Assert.Single(report.Errors);
        Assert.Equal((2, "pledge_id"), (error.Line, error.Column));
        Assert.Contains("import the pledges file first", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The shipped sources, pledges, amendments and delay events, in that order, through the importers.</summary>
    internal static async Task LoadShipped(ConcordDbContext db, TestStore store)
    {
        await RegisterSources(db, store);
        foreach (var (import, name, rows) in new (Func<ConcordDbContext, IClock, TextReader, WriteContext, CancellationToken, Task<Features.Importing.ImportReport>>, string, int)[]
                 {
                     (ImportPledges.Handle, "pledges.csv", 47), (ImportPledgeAmendments.Handle, "pledge_amendments.csv", 1), (ImportDelayEvents.Handle, "delay_events.csv", 20),
                 })
        {
            var report = await Import(db, store, import, File.ReadAllText(Data(name)));
            Assert.True(report.Succeeded, string.Join("; ", report.Errors));
            Assert.Equal(rows, report.Rows);
        }
    }

    private static async Task RegisterSources(ConcordDbContext db, TestStore store)
    {
        using var sources = File.OpenText(Data("sources.csv"));
        var report = await Features.Sources.ImportSources.Handle(db, store.Clock, sources, new WriteContext("test"), TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
    }

    private static Task<Features.Importing.ImportReport> Import(ConcordDbContext db, TestStore store,
        Func<ConcordDbContext, IClock, TextReader, WriteContext, CancellationToken, Task<Features.Importing.ImportReport>> import, string text) =>
        import(db, store.Clock, new StringReader(text), new WriteContext("test"), TestContext.Current.CancellationToken);
}
