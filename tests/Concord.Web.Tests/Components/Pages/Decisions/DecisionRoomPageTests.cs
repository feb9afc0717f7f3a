namespace Concord.Web.Tests.Components.Pages.Decisions;

/// <summary>The decision room as a visitor's browser first receives it.</summary>
public sealed class DecisionRoomPageTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    [Fact]
    public async Task a_closed_decision_s_outcome_is_said_once_not_again_in_the_rule_s_words_below_it()
    {
        var page = await factory.CreateClient().GetPage("/decisions/invite-ukraine-washington-2024");

        var sentence = page.QuerySelector("[data-testid=outcome-sentence]")!.TextContent;
        Assert.Contains("closed without consensus on 2024-07-11", sentence, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".explanation"));
    }
}
