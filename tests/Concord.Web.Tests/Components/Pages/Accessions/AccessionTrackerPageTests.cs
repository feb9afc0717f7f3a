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

    [Fact]
    public async Task known_on_a_day_before_the_invitation_decision_ended_the_tracker_does_not_say_how_it_ended()
    {
        var page = await factory.CreateClient().GetPage("/accessions/UKR?knownOn=2024-05-01");

        Assert.DoesNotContain("closed without consensus", page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("2024-07-11", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ukraine_s_tracker_lists_the_statements_around_its_accession_each_with_its_actor_s_page_and_sources()
    {
        var page = await factory.CreateClient().GetPage("/accessions/UKR");

        var statements = page.QuerySelectorAll("[data-testid=statement]");
        var visit = Assert.Single(statements, s => s.GetAttribute("data-statement") == "ST079");
        Assert.Contains("2024-04-29", visit.TextContent, StringComparison.Ordinal);
        Assert.Equal("/actors/jens-stoltenberg", visit.QuerySelector("[data-testid=statement-actor]")!.GetAttribute("href"));
        Assert.NotEmpty(visit.SourceLinks());
        Assert.Contains(statements, s => s.QuerySelector("a[href='/actors/RUS']") is not null);
        Assert.Contains("never a position", page.QuerySelector("[data-testid=statements-note]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task known_on_the_day_before_the_secretary_general_s_visit_the_tracker_does_not_list_it()
    {
        var before = await factory.CreateClient().GetPage("/accessions/UKR?knownOn=2024-04-28");
        var after = await factory.CreateClient().GetPage("/accessions/UKR?knownOn=2024-04-29");

        Assert.DoesNotContain(before.QuerySelectorAll("[data-testid=statement]"), s => s.GetAttribute("data-statement") == "ST079");
        Assert.Contains(after.QuerySelectorAll("[data-testid=statement]"), s => s.GetAttribute("data-statement") == "ST079");
    }
}
