using Bunit;
using Concord.Web.Components.Decisions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using NodaTime;

namespace Concord.Web.Tests.Components.Decisions;

public sealed class AsOfControlTests : BunitContext
{
    private static readonly LocalDate Opened = new(2023, 7, 12);
    private static readonly LocalDate FirstPosition = new(2024, 4, 5);
    private static readonly LocalDate Today = new(2025, 1, 15);
    private readonly AsOfTimeline _timeline = new(Opened, [FirstPosition], Today);
    private readonly List<LocalDate?> _chosen = [];

    public AsOfControlTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private IRenderedComponent<AsOfControl> Control(LocalDate? value) => Render<AsOfControl>(p => p
        .Add(c => c.Timeline, _timeline)
        .Add(c => c.Value, value)
        .Add(c => c.ValueChanged, (LocalDate? d) => _chosen.Add(d)));

    [Fact]
    public void the_room_shown_now_says_so_and_offers_no_later_step()
    {
        var control = Control(null);

        Assert.Contains("Showing the room now", control.Find("[data-testid=asof-label]").TextContent);
        Assert.True(control.Find("button[data-testid=asof-later]").HasAttribute("disabled"));
        Assert.True(control.Find("button[data-testid=asof-now]").HasAttribute("disabled"));
    }

    [Fact]
    public void the_control_names_what_it_replays()
    {
        var control = Render<AsOfControl>(p => p
            .Add(c => c.Timeline, _timeline)
            .Add(c => c.Value, FirstPosition)
            .Add(c => c.Subject, "Finland's path"));

        Assert.Contains("Showing Finland's path as of 2024-04-05", control.Find("[data-testid=asof-label]").TextContent);
    }

    [Fact]
    public void earlier_change_moves_the_room_back_to_the_last_change_before_the_date_shown()
    {
        var control = Control(null);

        control.Find("button[data-testid=asof-earlier]").Click();

        Assert.Equal([FirstPosition], _chosen);
        Assert.Contains("as of 2024-04-05", control.Find("[data-testid=asof-label]").TextContent);
    }

    [Fact]
    public void earlier_again_shows_the_room_before_any_position()
    {
        var control = Control(FirstPosition);

        control.Find("button[data-testid=asof-earlier]").Click();

        Assert.Equal([FirstPosition.PlusDays(-1)], _chosen);
    }

    [Fact]
    public void now_returns_from_the_past()
    {
        var control = Control(FirstPosition);

        control.Find("button[data-testid=asof-now]").Click();

        Assert.Equal([null], _chosen);
    }

    [Fact]
    public void a_typed_date_before_the_opening_shows_the_opening_day()
    {
        var control = Control(null);

        control.Find("input#asof-date").Change("2020-01-01");

        Assert.Equal([Opened], _chosen);
    }

    [Fact]
    public void the_slider_s_first_stop_is_the_opening_and_its_last_is_now()
    {
        var control = Control(FirstPosition);
        var slider = control.Find("input#asof-range");

        Assert.Equal("3", slider.GetAttribute("max"));
        Assert.Equal("2", slider.GetAttribute("value"));
        slider.Change("0");
        control.Find("input#asof-range").Change("3");

        Assert.Equal([Opened, null], _chosen);
    }
}
