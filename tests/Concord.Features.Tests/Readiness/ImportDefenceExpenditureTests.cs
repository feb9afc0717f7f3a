using Concord.Domain.Readiness;
using Concord.Domain.Sources;
using Concord.Features.Readiness;
using Concord.Features.Sources;

namespace Concord.Features.Tests.Readiness;

public sealed class ImportDefenceExpenditureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Header = "iso3,defence_exp_pct_gdp_2024e,equipment_share_pct_2024e,defence_exp_pct_gdp_2024_revised,source_pct_gdp_2024e,source_equipment_share,source_revised\n";

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task every_shipped_figure_cites_registered_sources_and_the_equipment_share_cites_its_own(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();
        var view = await QueryReadiness.All(db, Ct);
        var book = await SourceBook.Load(db, Ct);

        var cited = view.Allies.SelectMany(a => a.Expenditure.SelectMany(e => new[] { e.Source, e.EquipmentSource }))
            .Concat(view.Allies.SelectMany(a => a.Stocks.SelectMany(s => new[] { s.Source, s.FloorSource }))).Concat(view.Allies.Select(a => a.GdpSource))
            .OfType<string>().SelectMany(Citation.Parse).ToList();
        Assert.NotEmpty(cited);
        Assert.All(cited, c => Assert.True(c.IsId && book.Knows(c.Text), $"{c.Text} is not a registered id"));
        var albania = view.Allies.Single(a => a.Code == "ALB").Expenditure.Single(e => e.Figure == ExpenditureFigure.Estimate);
        Assert.Equal(("nato-2024-06-17-def-exp;swedenherald-2024-06-nato-def-exp;graphic-news-gn46054", "icds-2024-07-03-defence-spending"),
            (albania.Source, albania.EquipmentSource));
        // No equipment share, no source for it.
        Assert.Null(view.Allies.Single(a => a.Code == "FRA").Expenditure.Single(e => e.Figure == ExpenditureFigure.Estimate).EquipmentSource);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_row_citing_a_source_id_that_is_not_registered_is_refused_on_its_line_and_column_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();
        var before = await store.EventCount();

        var report = await ImportDefenceExpenditure.Handle(db, store.Clock, new StringReader(Header
            + "EST,3.43,33.7,3.39,nato-2024-06-17-def-exp,icds-2024-07-03-defence-spending,S22\n"
            + "LVA,3.15,30.1,3.39,nato-2024-06-17-def-exp,icds-2024-07-03-defence-spendin9,S22\n"
            + "LTU,2.85,,3.11,S999,,\"NATO, annual report 2024\"\n"), WriteContext.System, Ct);

        Assert.Equal([(3, "source_equipment_share"), (4, "source_pct_gdp_2024e")], report.Errors.Select(e => (e.Line, e.Column!)));
        Assert.Contains("did you mean 'icds-2024-07-03-defence-spending'", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.EventCount());
    }
}
