using Concord.Features.Access;
using Concord.Features.Accounts;
using Concord.Features.EventLog;
using Concord.Features.Importing;
using Concord.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Tests.Importing;

public sealed class ImportTests
{
    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_data_pack_loads_the_32_allies_the_summits_and_the_ukraine_scenario(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();
        Assert.Equal(32, await db.Members.CountAsync(m => m.Body == "NATO", ct));
        Assert.Equal(new NodaTime.LocalDate(2024, 3, 7), (await db.Members.SingleAsync(m => m.Code == "SWE", ct)).Since);
        Assert.True(await db.Summits.AnyAsync(s => s.Id == "washington-2024", ct));
        Assert.Equal("washington-2024", (await db.Decisions.SingleAsync(ct)).Summit);
    }

    [Fact]
    public async Task seeding_a_store_that_has_events_adds_nothing()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite, seed: true);
        var before = await store.EventCount();
        await using var db = store.NewContext();
        Assert.Empty(await Seeder.Seed(db, store.Clock, Path.Combine(AppContext.BaseDirectory, "data"), TestContext.Current.CancellationToken));
        Assert.Equal(before, await store.EventCount());
    }

    [Fact]
    public async Task an_administrator_created_before_the_first_run_does_not_stop_the_data_pack_from_loading()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(StoreKind.Sqlite);
        await using (var db = store.NewContext())
        {
            var log = new EventStore(db);
            await log.Commit([new StreamWrite(StreamIds.Accounts, 0,
                [new PendingEvent(new AccountCreated("alice", null, [Role.Administrator], null, Domain.Marking.NatoUnclassified), store.Clock.GetCurrentInstant(), Domain.Classification.Unclassified)])],
                new Recording(store.Clock.GetCurrentInstant(), "cli:tester"), ct);
        }

        await using var seeded = store.NewContext();
        Assert.NotEmpty(await Seeder.Seed(seeded, store.Clock, Path.Combine(AppContext.BaseDirectory, "data"), ct));
        Assert.Equal(32, await seeded.Members.CountAsync(m => m.Body == "NATO", ct));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_members_file_with_bad_rows_reports_every_line_and_loads_nothing(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        const string file = """
            country,iso_alpha3,accession_date
            Atlantis,ATL,2020-01-01
            Nowhere,NO1,2020-01-01
            Utopia,UTO,someday
            Futuria,FUT,2099-01-01
            """;
        await using var db = store.NewContext();
        var report = await ImportMembers.Handle(db, store.Clock, new StringReader(file), "NATO", new WriteContext("test"), TestContext.Current.CancellationToken);
        Assert.Equal([3, 4, 5], report.Errors.Select(e => e.Line));
        Assert.Equal(0, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_member_row_reports_each_of_its_errors_once_in_one_pass(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        const string file = "country,iso_alpha3,accession_date\n,ABC,not-a-date\nBel\u0007gium,BEL,1949-08-24\n";
        await using var db = store.NewContext();

        var report = await ImportMembers.Handle(db, store.Clock, new StringReader(file), "NATO", new WriteContext("test"), TestContext.Current.CancellationToken);

        Assert.Equal(new (int, string?)[] { (2, "accession_date"), (2, "country"), (3, "country") }, report.Errors.Select(e => (e.Line, e.Column)).Order());
        Assert.Equal(0, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_second_membership_for_a_member_is_refused(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var before = await store.EventCount();
        await using var db = store.NewContext();
        var report = await ImportMembers.Handle(db, store.Clock, new StringReader("country,iso_alpha3,accession_date\nFinland,FIN,2024-01-01\n"),
            "NATO", new WriteContext("test"), TestContext.Current.CancellationToken);
        Assert.Equal("Finland (FIN) is already a member of NATO since 2023-04-04.", Assert.Single(report.Errors).Message);
        Assert.Equal(2, report.Errors[0].Line);
        Assert.Equal(before, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_member_row_citing_a_source_not_registered_or_with_notes_over_the_limit_is_refused_on_its_line_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        var file = "country,iso_alpha3,accession_date,source_ids,notes\n"
            + "Atlantis,ATL,2020-01-01,S999,\n"
            + $"Utopia,UTO,2020-01-01,,{new string('x', 2001)}\n"
            + "Erewhon,ERW,2020-01-01,a report in a newspaper,\n";
        await using var db = store.NewContext();

        var report = await ImportMembers.Handle(db, store.Clock, new StringReader(file), "NATO", new WriteContext("test"), TestContext.Current.CancellationToken);

        Assert.Equal([(2, "source_ids"), (3, "notes")], report.Errors.Select(e => (e.Line, e.Column)));
        Assert.Contains("S999", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_summit_row_citing_a_source_not_registered_is_refused_on_its_own_line_not_on_the_file(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        const string file = """
            name,city,start_date,source_ids,notes
            Summit of the Good,Atlantis,2020-01-01,,
            Summit of the Cited,Utopia,2020-02-01,S999,
            """;
        await using var db = store.NewContext();

        var report = await Features.Summits.ImportSummits.Handle(db, store.Clock, new StringReader(file), new WriteContext("test"), TestContext.Current.CancellationToken);

        var error = Assert.Single(report.Errors);
        Assert.Equal((3, "source_ids"), (error.Line, error.Column));
        Assert.Equal(0, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_position_row_with_a_stated_reason_over_the_limit_of_any_position_is_refused_on_its_line_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var decision = await Seeded.OpenInvitation(store);
        var before = await store.EventCount();
        var file = "ally_iso3,position,effective_date,stated_reason,source\n"
            + "DEU,concur,2024-06-01,Changed its mind,a report\n"
            + $"FRA,object,2024-06-01,{new string('y', 2001)},a report\n";
        await using var db = store.NewContext();

        var report = await Features.Decisions.ImportPositions.Handle(db, store.Clock, new StringReader(file), decision, new WriteContext("test"), TestContext.Current.CancellationToken);

        var error = Assert.Single(report.Errors);
        Assert.Equal((3, "stated_reason"), (error.Line, error.Column));
        Assert.Equal(before, await store.EventCount());
    }
}
