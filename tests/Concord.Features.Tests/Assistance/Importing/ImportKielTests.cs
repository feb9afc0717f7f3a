using Concord.Domain.Assistance;
using Concord.Features.Assistance.Importing;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Tests.Assistance.Importing;

public sealed class ImportKielTests
{
    // Columns shuffled against the tracker's own order, to prove they are matched by name.
    private const string Release1 = """
        measure,tot_activity_value,Source of Aid 1,donor,aid_type_specific,reporting_currency,announcement_date,aid_type_general,tot_sub_activity_value_EUR
        Commitment,500,Bundesregierung,Germany,IRIS-T SLM air defence,EUR,2022-06-01,Military,500
        Allocation,1000,White House,United States,155mm ammunition,USD,2023-01-15,Military,920
        Commitment,,Statsministeriet,Denmark,Budget support,,2023-03-01,Financial,250
        """;

    private static WriteContext Secretariat => new("test");

    private static async Task<List<object>> Stream(ConcordDbContext db, string id) =>
        [.. (await new EventStore(db).ReadStream("pledge-" + id, TestContext.Current.CancellationToken)).Select(EventStore.Deserialize)];

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task item_rows_become_pledges_advanced_to_their_measure_with_the_release_as_source(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        var report = await ImportKiel.Handle(db, store.Clock, new StringReader(Release1), "2024-02", Secretariat, ct);
        Assert.Empty(report.Errors);
        Assert.Equal(6, report.Added);

        var germany = await Stream(db, "DEU-kiel-2022-06-01-iris-t-slm-air-defence");
        var announced = Assert.IsType<PledgeAnnounced>(germany[0]);
        Assert.Equal(AssistanceCategory.AirDefence, announced.Category);
        Assert.Equal(new Money(500m, "EUR", new LocalDate(2022, 6, 1), ValuationMethod.Stated), announced.Value);
        Assert.Equal("UKR", announced.Recipient.Value);
        Assert.Equal("Kiel Ukraine Support Tracker release 2024-02", announced.Source);
        Assert.Equal(FigureBasis.Reported, announced.Basis);
        Assert.Equal(PledgeStatus.Committed, Assert.IsType<PledgeAdvanced>(germany[1]).Status);

        var us = await Stream(db, "USA-kiel-2023-01-15-155mm-ammunition");
        Assert.Equal(AssistanceCategory.Ammunition155mm, Assert.IsType<PledgeAnnounced>(us[0]).Category);
        Assert.Equal("USD", ((PledgeAnnounced)us[0]).Value!.Currency);
        Assert.Equal(PledgeStatus.Allocated, Assert.IsType<PledgeAdvanced>(us[1]).Status);

        var denmark = Assert.IsType<PledgeAnnounced>((await Stream(db, "DNK-kiel-2023-03-01-budget-support"))[0]);
        Assert.Equal(AssistanceCategory.Financial, denmark.Category);
        Assert.Equal(250m, denmark.Value!.Amount);
        Assert.Equal("EUR", denmark.Value.Currency);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_same_release_again_adds_nothing(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await ImportKiel.Handle(db, store.Clock, new StringReader(Release1), "2024-02", Secretariat, ct);
        var before = await store.EventCount();
        var again = await ImportKiel.Handle(db, store.Clock, new StringReader(Release1), "2024-02", Secretariat, ct);
        Assert.Empty(again.Errors);
        Assert.Equal(0, again.Added);
        Assert.Equal(before, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_newer_release_supersedes_by_an_amendment_and_an_advance_never_an_edit(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        await ImportKiel.Handle(db, store.Clock, new StringReader(Release1), "2024-02", Secretariat, ct);
        var release2 = Release1.Replace("Commitment,500,Bundesregierung", "Allocation,600,Bundesregierung", StringComparison.Ordinal);
        var report = await ImportKiel.Handle(db, store.Clock, new StringReader(release2), "2024-05", Secretariat, ct);
        Assert.Empty(report.Errors);
        Assert.Equal(2, report.Added);
        var germany = await Stream(db, "DEU-kiel-2022-06-01-iris-t-slm-air-defence");
        Assert.Equal(4, germany.Count);
        Assert.Equal(500m, ((PledgeAnnounced)germany[0]).Value!.Amount);
        var amended = Assert.IsType<PledgeAmended>(germany[2]);
        Assert.Equal(600m, amended.Value!.Amount);
        Assert.Equal("Kiel Ukraine Support Tracker release 2024-05", amended.Source);
        Assert.Equal(new LocalDate(2026, 11, 29), amended.On);
        Assert.Equal(PledgeStatus.Allocated, Assert.IsType<PledgeAdvanced>(germany[3]).Status);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task bad_rows_are_reported_by_line_and_column_and_nothing_is_stored(StoreKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        var file = Release1 + "\nCommitment,10,x,Atlantis,Helmets,EUR,2023-04-01,Military,10\nPromise,10,x,France,Helmets,EUR,2023-04-01,Military,10\nCommitment,-5,x,France,Helmets,XXX,2023-04-01,Military,10";
        var report = await ImportKiel.Handle(db, store.Clock, new StringReader(file), "2024-02", Secretariat, ct);
        Assert.Equal([(5, "donor"), (6, "measure"), (7, "tot_activity_value")], report.Errors.Select(e => (e.Line, e.Column!)));
        Assert.Equal(0, report.Added);
        Assert.Equal(0, await store.EventCount());
    }

    [Fact]
    public async Task a_file_without_a_required_column_is_refused_on_the_header_line()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite);
        await using var db = store.NewContext();
        var report = await ImportKiel.Handle(db, store.Clock, new StringReader("donor,announcement_date,aid_type_general,tot_activity_value\nGermany,2022-06-01,Military,5\n"),
            "2024-02", Secretariat, TestContext.Current.CancellationToken);
        Assert.Equal((1, "measure"), (Assert.Single(report.Errors).Line, report.Errors[0].Column!));
    }

    [Fact]
    public async Task an_import_without_a_release_is_refused()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite);
        await using var db = store.NewContext();
        var report = await ImportKiel.Handle(db, store.Clock, new StringReader(Release1), " ", Secretariat, TestContext.Current.CancellationToken);
        Assert.Equal("release", Assert.Single(report.Errors).Column);
    }

    [Fact]
    public async Task a_delegation_may_not_import_assistance_data()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite);
        await using var db = store.NewContext();
        var delegation = new Access.Reader("deu", new HashSet<Access.Role> { Access.Role.Delegation }, Domain.Members.MemberCode.Parse("DEU"), Domain.Marking.Public);
        var report = await ImportKiel.Handle(db, store.Clock, new StringReader(Release1), "2024-02", WriteContext.By(delegation), TestContext.Current.CancellationToken);
        Assert.False(report.Succeeded);
        Assert.Equal(0, await store.EventCount());
    }

    [Theory]
    [InlineData("EU (Commission and Council)", "EUU")]
    [InlineData("Czech Republic", "CZE")]
    [InlineData("Türkiye", "TUR")]
    [InlineData("South Korea", "KOR")]
    public void kiel_donor_names_map_to_alpha3_codes_and_the_eu_to_euu(string name, string code) =>
        Assert.Equal(code, Donors.FromName(name)!.Value.Value);

    [Theory]
    [InlineData("Military", "Weapons and equipment", AssistanceCategory.OtherMilitary)]
    [InlineData("Military", "Patriot battery", AssistanceCategory.AirDefence)]
    [InlineData("Military", "M777 howitzers", AssistanceCategory.Artillery)]
    [InlineData("Military", "Leopard 2 tanks", AssistanceCategory.Armour)]
    [InlineData("Military", "F-16 aircraft", AssistanceCategory.Aircraft)]
    [InlineData("Humanitarian", "Food", AssistanceCategory.Humanitarian)]
    [InlineData("Financial", "Loan", AssistanceCategory.Financial)]
    public void categories_come_from_the_general_and_specific_aid_types(string general, string specific, AssistanceCategory category) =>
        Assert.Equal(category, ImportKiel.Category(general, specific));
}
