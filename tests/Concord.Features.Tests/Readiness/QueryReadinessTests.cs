using Concord.Domain.Readiness;
using Concord.Features.Access;
using Concord.Features.Assistance.Planning;
using Concord.Features.Readiness;

namespace Concord.Features.Tests.Readiness;

public class QueryReadinessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_readiness_view_shows_2024_defence_expenditure_for_all_32_allies_with_sources(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();
        var view = await QueryReadiness.All(db, Ct);
        var rows = view.Allies.Where(a => a.Expenditure.Any(e => e.Year == 2024 && e.Figure == ExpenditureFigure.Estimate)).ToList();
        Assert.Equal(32, rows.Count);
        Assert.All(rows, a => Assert.All(a.Expenditure, e => Assert.False(string.IsNullOrWhiteSpace(e.Source))));
        var poland = rows.Single(a => a.Code == "POL").Expenditure.Single(e => e.Figure == ExpenditureFigure.Estimate);
        Assert.Equal(4.12m, poland.PctGdp);
        Assert.True(poland.Meets2Pct);
        var belgium = rows.Single(a => a.Code == "BEL").Expenditure.Single(e => e.Figure == ExpenditureFigure.Estimate);
        Assert.False(belgium.Meets2Pct);
        Assert.False(belgium.Meets20PctEquipment); // 15.2% on equipment
        Assert.Null(rows.Single(a => a.Code == "ISL").Expenditure.Single().PctGdp);
        Assert.Equal(QueryReadiness.ExampleNotice, view.Notice);
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_impact_of_a_proposed_donation_is_told_in_words_and_nothing_is_recorded(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using (var db = store.NewContext())
        {
            var report = await ImportReadiness.Handle(db, store.Clock, new StringReader(
                "ally,kind,category,quantity,unit,on,lead_days,basis,source\n" +
                "DEU,floor,air-defence,4,,,,,test\n" +
                "DEU,stock,air-defence,6,systems,2025-01-01,30,reported,test\n"), WriteContext.System, Ct);
            Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        }
        var before = await store.EventCount();
        await using (var db = store.NewContext())
        {
            var impact = await QueryReadiness.Impact(db, "DEU", "air-defence", "4", Ct);
            Assert.Null(impact.Refusal);
            // No members were imported, so the Ally is named by its code.
            Assert.Equal("DEU's air-defence stock would fall to 2, below its floor of 4.", impact.Value!.Words);
            Assert.True(impact.Value.BelowFloor);
            var bad = await QueryReadiness.Impact(db, "DEU", "air-defence", "-1", Ct);
            Assert.Equal("quantity", bad.Refusal!.Field);
        }
        Assert.Equal(before, await store.EventCount());
    }

    [Fact]
    public async Task an_import_with_bad_rows_reports_them_by_line_and_loads_nothing()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite);
        await using var db = store.NewContext();
        var report = await ImportReadiness.Handle(db, store.Clock, new StringReader(
            "ally,kind,category,quantity,unit,on,lead_days,basis,source\n" +
            "DEU,floor,air-defence,4,,,,,test\n" +
            "DEUX,stock,air-defence,6,systems,2025-01-01,30,reported,test\n" +
            "POL,stock,air-defence,-2,systems,2025-01-01,30,reported,\n"), WriteContext.System, Ct);
        Assert.False(report.Succeeded);
        Assert.Contains(report.Errors, e => e.Line == 3 && e.Column == "ally");
        Assert.Contains(report.Errors, e => e.Line == 4 && e.Column == "source");
        Assert.Contains(report.Errors, e => e.Line == 4 && e.Column == "quantity");
        Assert.Equal(0, await store.EventCount());
    }

    [Fact]
    public async Task only_the_secretariat_sets_readiness_data()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite);
        await using var db = store.NewContext();
        var delegation = new Reader("deu", new HashSet<Role> { Role.Delegation }, Domain.Members.MemberCode.Parse("DEU"), Domain.Marking.Public);
        var report = await ImportReadiness.Handle(db, store.Clock, new StringReader(
            "ally,kind,category,quantity,source\nDEU,floor,air-defence,4,test\n"), WriteContext.By(delegation), Ct);
        Assert.False(report.Succeeded);
        Assert.Equal(0, await store.EventCount());
    }

    [Fact]
    public async Task the_seeded_example_plans_a_request_that_keeps_every_floor()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite, seed: true);
        await using var db = store.NewContext();
        var answer = await PlanAssistance.Handle(db, store.Clock, new PlanAssistance.Request("UKR",
            [new("air-defence", 12), new("ammunition-155mm", 100_000)], "2027-06-30", "gdp", 0), Ct);
        Assert.Null(answer.Refusal);
        Assert.True(answer.Value!.Plan.Feasible, answer.Value.Plan.Summary);
        Assert.All(answer.Value.Plan.Lines, l => Assert.True(l.StockAfter >= l.Floor));
        Assert.Equal(QueryReadiness.ExampleNotice, answer.Value.Notice);
    }

    [Fact]
    public void a_plan_request_with_bad_input_names_the_field()
    {
        var today = new NodaTime.LocalDate(2026, 11, 29);
        Assert.Equal("items[0].quantity", PlanAssistance.Parse(new("UKR", [new("air-defence", 0)], "2027-01-01", null, null), today).Refusal!.Field);
        Assert.Equal("speedWeight", PlanAssistance.Parse(new("UKR", [new("air-defence", 1)], "2027-01-01", null, 1.5), today).Refusal!.Field);
        Assert.Equal("by", PlanAssistance.Parse(new("UKR", [new("air-defence", 1)], "soon", null, null), today).Refusal!.Field);
        Assert.Equal("share", PlanAssistance.Parse(new("UKR", [new("air-defence", 1)], "2027-01-01", "population", null), today).Refusal!.Field);
        Assert.Equal("items", PlanAssistance.Parse(new("UKR", [], "2027-01-01", null, null), today).Refusal!.Field);
    }
}

public class DeliveriesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_delivery_recorded_after_the_stock_report_reduces_the_donors_stock_and_one_before_it_does_not()
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite);
        await using (var db = store.NewContext())
        {
            var report = await ImportReadiness.Handle(db, store.Clock, new StringReader(
                "ally,kind,category,quantity,unit,on,lead_days,basis,source\n" +
                "DEU,floor,air-defence,4,,,,,test\n" +
                "DEU,stock,air-defence,6,systems,2023-02-01,30,reported,test\n"), WriteContext.System, Ct);
            Assert.True(report.Succeeded);
            Assert.Null((await Concord.Features.Assistance.AnnouncePledge.Handle(db, store.Clock, new("DEU-iris-t", "DEU", "UKR", "2023-01-10", "airDefence",
                [new("IRIS-T SLM", 4, "systems")], new(400, "EUR"), "2023-06-30"), WriteContext.System, Ct)).Refusal);
            Assert.Null((await Concord.Features.Assistance.DeliverPledge.Handle(db, store.Clock, "DEU-iris-t", new("2023-01-20", [new("IRIS-T SLM", 1, "systems")]), WriteContext.System, Ct)).Refusal);
            Assert.Null((await Concord.Features.Assistance.DeliverPledge.Handle(db, store.Clock, "DEU-iris-t", new("2023-03-01", [new("IRIS-T SLM", 2, "systems")]), WriteContext.System, Ct)).Refusal);
        }
        await using var read = store.NewContext();
        var germany = await QueryReadiness.One(read, "DEU", Ct);
        // 6 reported on 2023-02-01, less the 2 delivered on 2023-03-01 (the 1 of 2023-01-20 is already in the report).
        Assert.Equal(4, germany.Value!.Stocks.Single().Quantity);
    }
}
