using Concord.Web.Components.Decisions;
using NodaTime;

namespace Concord.Web.Tests.Components.Decisions;

public sealed class AsOfTimelineTests
{
    private static readonly LocalDate Opened = new(2023, 7, 12);
    private static readonly LocalDate FirstPosition = new(2024, 4, 5);
    private static readonly LocalDate LaterPosition = new(2024, 7, 10);
    private static readonly LocalDate Today = new(2025, 1, 15);

    private static AsOfTimeline Timeline() => new(Opened, [LaterPosition, FirstPosition, FirstPosition], Today);

    [Fact]
    public void the_stops_are_the_opening_the_day_before_the_first_position_each_change_and_today()
    {
        Assert.Equal([Opened, FirstPosition.PlusDays(-1), FirstPosition, LaterPosition, Today], Timeline().Points);
    }

    [Fact]
    public void stepping_earlier_from_now_goes_to_the_last_change()
    {
        Assert.Equal(LaterPosition, Timeline().Earlier(null));
    }

    [Fact]
    public void stepping_earlier_from_the_first_position_shows_the_room_before_any_position()
    {
        Assert.Equal(FirstPosition.PlusDays(-1), Timeline().Earlier(FirstPosition));
    }

    [Fact]
    public void there_is_nothing_earlier_than_the_opening()
    {
        Assert.Null(Timeline().Earlier(Opened));
    }

    [Fact]
    public void stepping_later_from_the_last_change_returns_to_now()
    {
        Assert.Null(Timeline().Later(LaterPosition));
    }

    [Fact]
    public void stepping_later_between_changes_goes_to_the_next_change()
    {
        Assert.Equal(LaterPosition, Timeline().Later(new LocalDate(2024, 5, 1)));
    }

    [Fact]
    public void a_date_before_the_opening_shows_the_opening_day_and_today_or_later_means_now()
    {
        var timeline = Timeline();

        Assert.Equal(Opened, timeline.Clamp(new LocalDate(2020, 1, 1)));
        Assert.Null(timeline.Clamp(Today));
        Assert.Null(timeline.Clamp(Today.PlusDays(30)));
        Assert.Equal(FirstPosition, timeline.Clamp(FirstPosition));
    }

    [Fact]
    public void the_slider_rests_on_the_last_stop_on_or_before_the_date_shown()
    {
        var timeline = Timeline();

        Assert.Equal(2, timeline.IndexOf(new LocalDate(2024, 5, 1)));
        Assert.Equal(4, timeline.IndexOf(null));
        Assert.Null(timeline.At(4));
        Assert.Equal(Opened, timeline.At(0));
    }

    [Fact]
    public void a_decision_without_positions_still_travels_between_its_opening_and_today()
    {
        var timeline = new AsOfTimeline(Opened, [], Today);

        Assert.Equal([Opened, Today], timeline.Points);
    }

    [Fact]
    public void the_label_says_now_or_the_brussels_day_shown()
    {
        Assert.Equal("now", AsOfTimeline.Label(null));
        Assert.Equal("as of 2024-04-04 (end of day, Brussels)", AsOfTimeline.Label(new LocalDate(2024, 4, 4)));
    }
}
