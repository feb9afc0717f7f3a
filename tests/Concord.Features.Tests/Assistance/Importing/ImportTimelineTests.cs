using Concord.Domain.Assistance;
using Concord.Features.Assistance.Importing;
using Concord.Features.EventLog;
using NodaTime;

namespace Concord.Features.Tests.Assistance.Importing;

public sealed class ImportTimelineTests
{
    private static string DataFile => Path.Combine(AppContext.BaseDirectory, "data", "assistance", "us_supplemental_2024.csv");

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_us_supplemental_timeline_loads_as_eight_funding_events_once(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await RegisterSources(db, store);
        var registered = await store.EventCount();
        using (var file = File.OpenText(DataFile))
            Assert.Equal(8, (await ImportTimeline.Handle(db, store.Clock, file, new WriteContext("test"), ct)).Added);
        var events = (await new EventStore(db).ReadStream(StreamIds.AssistanceTimeline, ct)).Select(EventStore.Deserialize).Cast<FundingEventRecorded>().ToList();
        var senate = events.Single(e => e.On == new LocalDate(2024, 2, 13));
        Assert.Equal(("USA", 95.3m, "70-29"), (senate.Donor.Value, senate.AmountUsdBn, senate.Vote));
        Assert.Null(events.Single(e => e.On == new LocalDate(2024, 4, 24)).AmountUsdBn);

        using var again = File.OpenText(DataFile);
        Assert.Equal(0, (await ImportTimeline.Handle(db, store.Clock, again, new WriteContext("test"), ct)).Added);
        Assert.Equal(registered + 8, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_row_citing_a_source_id_that_is_not_registered_is_refused_on_its_line_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await RegisterSources(db, store);
        var before = await store.EventCount();
        const string file = "date,event,amount_usd_bn,vote,source\n2024-04-24,Signed,,,us-supp-2024-04-24-ap\n2024-04-23,Vote,,79-18,us-supp-2024-04-23-reuter5\n";

        var report = await ImportTimeline.Handle(db, store.Clock, new StringReader(file), new WriteContext("test"), TestContext.Current.CancellationToken);

        var error = Assert.Single(report.Errors);
        Assert.Equal((3, "source"), (error.Line, error.Column));
        Assert.Contains("'us-supp-2024-04-23-reuters'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_event_stated_anew_with_other_sources_is_shown_once_as_its_latest_record(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await RegisterSources(db, store);
        const string head = "date,event,amount_usd_bn,vote,source\n";
        Assert.Equal(1, (await ImportTimeline.Handle(db, store.Clock, new StringReader(head + "2024-04-24,President signs,,,\"Reuters; AP\"\n"), new WriteContext("test"), ct)).Added);
        Assert.Equal(1, (await ImportTimeline.Handle(db, store.Clock, new StringReader(head + "2024-04-24,President signs,,,us-supp-2024-04-24-ap\n"), new WriteContext("test"), ct)).Added);

        var shown = Assert.Single(await Features.Assistance.PledgeStream.FundingEvents(db, new LocalDate(2026, 1, 1), ct));
        Assert.Equal("us-supp-2024-04-24-ap", shown.Source);
    }

    private static async Task RegisterSources(Features.Storage.ConcordDbContext db, TestStore store)
    {
        using var sources = File.OpenText(Path.Combine(AppContext.BaseDirectory, "data", "assistance", "sources.csv"));
        var report = await Features.Sources.ImportSources.Handle(db, store.Clock, sources, new WriteContext("test"), TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
    }

    [Fact]
    public async Task a_bad_row_is_reported_by_line_and_nothing_is_stored()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite);
        await using var db = store.NewContext();
        const string file = "date,event,amount_usd_bn,vote,source\n2024-04-24,Signed,,,AP\nsomeday,Vote,,49-51,AP\n2024-04-20,Vote,lots,many,AP\n";
        var report = await ImportTimeline.Handle(db, store.Clock, new StringReader(file), new WriteContext("test"), TestContext.Current.CancellationToken);
        Assert.Equal([(3, "date"), (4, "amount_usd_bn"), (4, "vote")], report.Errors.Select(e => (e.Line, e.Column!)));
        Assert.Equal(0, await store.EventCount());
    }
}
