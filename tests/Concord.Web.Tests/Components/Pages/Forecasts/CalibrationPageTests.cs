namespace Concord.Web.Tests.Components.Pages.Forecasts;

/// <summary>The calibration page is public and answers at once: the backtest runs off the request, and the page says so.</summary>
public sealed class CalibrationPageTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    [Fact]
    public async Task a_visitor_gets_the_page_at_once_saying_the_backtest_is_being_computed_and_that_it_is_a_models()
    {
        var page = await factory.CreateClient().GetPage("/forecasts/calibration");

        Assert.Equal("Forecast calibration", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("A model's backtest, not a fact.", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Computing the backtest", page.QuerySelector("[data-testid=calibration-progress]")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/forecasts/calibration']"));
    }
}
