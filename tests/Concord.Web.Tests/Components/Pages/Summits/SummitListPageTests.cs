namespace Concord.Web.Tests.Components.Pages.Summits;

/// <summary>The summits page shows each summit's sources, linked to their records.</summary>
public sealed class SummitListPageTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    [Fact]
    public async Task each_summit_s_sources_are_links_to_their_records()
    {
        var page = await factory.CreateClient().GetPage("/summits");

        var summits = page.QuerySelectorAll("li.summit");
        Assert.NotEmpty(summits);
        Assert.All(summits, s => Assert.NotEmpty(s.SourceLinks()));
        var washington1999 = summits.Single(s => s.TextContent.Contains("1999-04-23", StringComparison.Ordinal));
        Assert.Equal(["/sources/S20", "/sources/S26", "/sources/S26b"], washington1999.SourceLinks().Select(l => l.Href));
        Assert.Equal("NATO 1999-04", washington1999.SourceLinks()[1].Text);
    }
}
