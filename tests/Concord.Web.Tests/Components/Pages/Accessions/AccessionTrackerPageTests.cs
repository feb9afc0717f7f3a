namespace Concord.Web.Tests.Components.Pages.Accessions;

/// <summary>The accession tracker as a visitor's browser first receives it.</summary>
public sealed class AccessionTrackerPageTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    [Fact]
    public async Task ukraine_s_invitation_step_says_its_decision_closed_without_consensus_not_that_it_is_pending()
    {
        var now = await factory.CreateClient().GetPage("/accessions/UKR");
        var before = await factory.CreateClient().GetPage("/accessions/UKR?asOf=2024-01-01");

        Assert.Contains("decision closed without consensus", now.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("decision pending", now.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("decision closed without consensus", before.Body!.TextContent, StringComparison.Ordinal);
    }
}
