using Bunit;
using Concord.Domain.Decisions;
using Concord.Web.Components.Decisions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Concord.Web.Tests.Components.Decisions;

public sealed class PositionBadgeTests : BunitContext
{
    public PositionBadgeTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Theory]
    [InlineData(PositionKind.Concur, "Concurs", "pos-concur")]
    [InlineData(PositionKind.Object, "Objects", "pos-object")]
    [InlineData(PositionKind.Reservation, "Reservation", "pos-reservation")]
    [InlineData(PositionKind.AdReferendum, "Ad referendum", "pos-adreferendum")]
    [InlineData(PositionKind.Footnote, "Footnote", "pos-footnote")]
    [InlineData(PositionKind.Undeclared, "Undeclared", "pos-undeclared")]
    public void a_position_is_shown_as_an_icon_a_word_and_a_colour(PositionKind kind, string word, string colour)
    {
        var badge = Render<PositionBadge>(p => p.Add(b => b.Kind, kind));

        var root = badge.Find(".pos-badge");
        Assert.Equal(word, badge.Find(".pos-word").TextContent);
        Assert.Contains(colour, root.ClassList);
        Assert.Single(badge.FindAll("svg"));
    }

    [Fact]
    public void every_position_has_its_own_word_so_colour_is_never_the_only_signal()
    {
        var looks = Enum.GetValues<PositionKind>().Select(PositionWords.For).ToList();

        Assert.Equal(looks.Count, looks.Select(l => l.Word).Distinct().Count());
        Assert.All(looks, l => Assert.False(string.IsNullOrWhiteSpace(l.Icon)));
    }

    [Fact]
    public void the_icon_is_hidden_from_screen_readers_so_the_word_is_read_once()
    {
        var badge = Render<PositionBadge>(p => p.Add(b => b.Kind, PositionKind.Object));

        Assert.Equal("true", badge.Find("svg").GetAttribute("aria-hidden"));
    }

    [Fact]
    public void a_reservation_s_condition_is_its_hover_text()
    {
        var badge = Render<PositionBadge>(p => p.Add(b => b.Kind, PositionKind.Reservation).Add(b => b.Title, "Until the protocol on X is signed"));

        Assert.Equal("Until the protocol on X is signed", badge.Find(".pos-badge").GetAttribute("title"));
    }

    [Fact]
    public void the_badge_carries_the_position_as_the_api_spells_it()
    {
        var badge = Render<PositionBadge>(p => p.Add(b => b.Kind, PositionKind.AdReferendum));

        Assert.Equal("adReferendum", badge.Find(".pos-badge").GetAttribute("data-kind"));
    }
}
