using Concord.Features;
using Concord.Features.Importing;
using Concord.Features.Readiness;
using Concord.Features.Storage;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Concord.Web.Tests.Components.Pages.Assistance;

/// <summary>The readiness page names the sources of stocks, floors and expenditure figures through the source register.</summary>
public sealed class ReadinessPageTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task Import(Func<ConcordDbContext, IClock, TextReader, WriteContext, CancellationToken, Task<ImportReport>> import, string file)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var report = await import(scope.ServiceProvider.GetRequiredService<ConcordDbContext>(), factory.Clock, new StringReader(file), WriteContext.System, Ct);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
    }

    [Fact]
    public async Task the_stock_table_links_a_stock_s_and_its_floor_s_registered_sources_keeping_the_basis()
    {
        await Import((db, clock, file, who, ct) => ImportReadiness.Handle(db, clock, file, who, ct), "ally,kind,category,quantity,unit,on,lead_days,basis,source\n" +
            "POL,floor,air-defence,4,,,,,S22\nPOL,stock,air-defence,6,systems,2025-02-01,,reported,S20\n");

        var page = await factory.CreateClient().GetPage("/readiness?ally=POL");

        var rows = page.QuerySelectorAll("[data-testid=stocks-table] tbody tr");
        var cited = Assert.Single(rows, r => r.SourceLinks().Any(l => l.Href == "/sources/S20"));
        Assert.Equal(["/sources/S20", "/sources/S22"], cited.SourceLinks().Select(l => l.Href));
        Assert.Contains("; floor: ", cited.TextContent, StringComparison.Ordinal);
        Assert.EndsWith("(reported)", cited.QuerySelectorAll("td").Last().TextContent.Trim(), StringComparison.Ordinal);
        // The example figures shipped with Concord cite the records that say they are an example, stock and floor alike.
        var example = rows.First(r => r.SourceLinks().Any(l => l.Href == "/sources/EXAMPLE-stocks-2024"));
        Assert.Equal(["/sources/EXAMPLE-stocks-2024", "/sources/EXAMPLE-floors-2024"], example.SourceLinks().Select(l => l.Href));
        Assert.EndsWith("(estimated)", example.QuerySelectorAll("td").Last().TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_expenditure_sources_link_registered_ids_and_label_free_text_unregistered()
    {
        await Import((db, clock, file, who, ct) => ImportDefenceExpenditure.Handle(db, clock, file, who, ct),
            "iso3,defence_exp_pct_gdp_2024e,equipment_share_pct_2024e,defence_exp_pct_gdp_2024_revised,source_pct_gdp_2024e,source_equipment_share,source_revised\n"
            + "EST,3.43,33.7,3.39,S20,S33-1,S22\nLVA,3.15,,3.39,\"Reuters, 17 June 2024\",,\"AP, 25 April 2025\"\n");

        var page = await factory.CreateClient().GetPage("/readiness");

        var rows = page.QuerySelectorAll("[data-testid=expenditure-table] tbody tr");
        var estonia = Assert.Single(rows, r => r.QuerySelector("th")!.TextContent.Contains("(EST)", StringComparison.Ordinal));
        var folded = estonia.QuerySelector("details.readiness-sources")!;
        Assert.Equal(["/sources/S20", "/sources/S33-1", "/sources/S22"], folded.SourceLinks().Select(l => l.Href));
        Assert.Contains("Equipment share: ", folded.TextContent, StringComparison.Ordinal);
        Assert.Contains("Revised: ", folded.TextContent, StringComparison.Ordinal);
        var latvia = Assert.Single(rows, r => r.QuerySelector("th")!.TextContent.Contains("(LVA)", StringComparison.Ordinal));
        Assert.Empty(latvia.SourceLinks());
        Assert.Equal(["unregistered", "unregistered"], latvia.QuerySelectorAll(".readiness-sources .source-tag").Select(t => t.TextContent.Trim()));
    }
}
