using Concord.Features;
using Concord.Features.Decisions;
using Concord.Features.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concord.Web.Tests.Browser;

/// <summary>
/// The decision room's consensus forecast on the open copy of the Washington question, with a judgment of each Ally that
/// blocked it as reported. Own host, so its judgments reach no other test.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsensusForecastTests(BrowserFixture browser, KestrelHost host) : IClassFixture<KestrelHost>
{
    private const string Room = $"/decisions/{ApiCalls.OpenInvitation}";

    [Fact]
    public async Task the_decision_room_shows_the_chance_of_consensus_with_the_judgments_it_rests_on()
    {
        var id = Domain.Decisions.DecisionId.Parse(await host.OpenInvitation());
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
            var clock = scope.ServiceProvider.GetRequiredService<NodaTime.IClock>();
            foreach (var (member, p) in new[] { ("DEU", 0.6), ("USA", 0.5), ("HUN", 0.3), ("SVK", 0.7) })
            {
                var judged = await RecordJudgment.Handle(db, clock, id,
                    new RecordJudgment.Request(member, p, "2026-03-14", $"{member}'s stated conditions, as reported.", "https://example.org/report"),
                    new WriteContext("analyst"), TestContext.Current.CancellationToken);
                Assert.Null(judged.Refusal);
            }
        }
        await using var context = await browser.NewContext(host.BaseUrl);
        await context.SignIn("analyst");
        var page = await context.OpenLive(Room);

        var panel = page.GetByTestId("consensus-forecast");
        // No summit is scheduled after the host's day (2025-09-15): the horizon is 180 days on, the day each judgment names, and
        // the chance is 0.6 × 0.5 × 0.3 × 0.7 = 0.063.
        await Expect(page.GetByTestId("consensus-forecast-summary")).ToContainTextAsync("6%");
        await Expect(page.GetByTestId("consensus-forecast-members").Locator("tbody tr")).ToHaveCountAsync(4);
        await Expect(page.GetByTestId("consensus-forecast-members").Locator("tbody tr").First).ToContainTextAsync("Hungary");
        await Expect(page.GetByTestId("consensus-forecast-basis")).ToContainTextAsync("A model, not a fact");
        await panel.ScrollIntoViewIfNeededAsync();
        await page.Screenshot("decision-room-consensus-forecast");
    }
}
