namespace Concord.Web.Tests.Components.Pages.Members;

/// <summary>The members page shows each Ally's sources, linked to their records.</summary>
public sealed class MemberListPageTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    [Fact]
    public async Task each_ally_s_sources_are_links_to_their_records()
    {
        var page = await factory.CreateClient().GetPage("/members");

        var belgium = page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("td")?.TextContent.Trim() == "Belgium");
        // The data pack cites S50;S59: S50 was split into two documents, so its one link says how many it stands for.
        Assert.Equal(["/sources/S50", "/sources/S59"], belgium.SourceLinks().Select(l => l.Href));
        Assert.Equal("S50 (2 documents)", belgium.SourceLinks()[0].Text);
        Assert.Empty(belgium.QuerySelectorAll(".source-unregistered, .source-tag"));
    }
}
