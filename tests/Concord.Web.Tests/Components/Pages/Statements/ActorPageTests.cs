namespace Concord.Web.Tests.Components.Pages.Statements;

/// <summary>An actor's page: everything a person or a state said and did, over time.</summary>
public sealed class ActorPageTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    [Fact]
    public async Task russia_s_page_lists_its_twenty_statements_in_date_order_with_the_people_who_made_them()
    {
        var page = await factory.CreateClient().GetPage("/actors/RUS");

        Assert.Equal("Russia", page.QuerySelector("[data-testid=actor-name]")!.TextContent.Trim());
        var statements = page.QuerySelectorAll("[data-testid=statement]");
        Assert.Equal(20, statements.Length);
        var dates = statements.Select(s => s.QuerySelector(".statement-date")!.TextContent.Trim()).ToList();
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
        Assert.NotNull(page.QuerySelector("[data-testid=actor-about] a[href='/actors/vladimir-putin']"));
    }

    [Fact]
    public async Task a_person_s_page_lists_what_they_said_and_an_unknown_actor_says_so()
    {
        var stoltenberg = await factory.CreateClient().GetPage("/actors/jens-stoltenberg");
        var nobody = await factory.CreateClient().GetPage("/actors/nobody-at-all");

        Assert.Equal("Jens Stoltenberg", stoltenberg.QuerySelector("[data-testid=actor-name]")!.TextContent.Trim());
        Assert.All(stoltenberg.QuerySelectorAll("[data-testid=statement]"), s => Assert.Contains("Jens Stoltenberg", s.TextContent, StringComparison.Ordinal));
        Assert.Contains(stoltenberg.QuerySelectorAll("[data-testid=statement]"), s => s.GetAttribute("data-statement") == "ST079");
        Assert.NotNull(nobody.QuerySelector("[data-testid=actor-missing]"));
    }
}
