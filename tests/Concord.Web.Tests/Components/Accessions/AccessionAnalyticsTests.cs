using Bunit;
using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Web.Components.Accessions;
using MudBlazor.Services;
using NodaTime;
using static Concord.Web.Tests.Components.Accessions.TrackerLayoutTests;

namespace Concord.Web.Tests.Components.Accessions;

public sealed class AccessionAnalyticsTests : BunitContext
{
    public AccessionAnalyticsTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static readonly PartyStatus Canada = Party("CAN", "Canada", false, At(RatificationStage.ParliamentaryApproval, 2022, 8, 1));
    private static readonly PartyStatus Hungary = Party("HUN", "Hungary", false, At(RatificationStage.ParliamentaryApproval, 2022, 9, 1));
    private static readonly Holdout[] Path = [new(Code("HUN"), "Hungary", DateWindow.On(new LocalDate(2022, 9, 1)), 31, "Canada")];

    [Fact]
    public void no_party_is_said_to_hold_up_completion_alone_while_another_is_not_known_to_have_ratified()
    {
        var status = Status(new LocalDate(2022, 10, 1), Canada, Hungary, Party("TUR", "Türkiye", false)) with { CriticalPath = Path };

        var cut = Render<AccessionAnalytics>(p => p.Add(c => c.Status, status));

        Assert.DoesNotContain("alone holding up", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Not known for 1 Party", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void once_every_party_has_ratified_the_last_is_said_to_have_held_up_completion_alone_for_its_days()
    {
        var status = Status(new LocalDate(2022, 10, 1), Canada, Hungary) with { CriticalPath = Path };

        var cut = Render<AccessionAnalytics>(p => p.Add(c => c.Status, status));

        Assert.Contains("31 days after Canada: alone holding up completion for 31 days", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void a_last_ratifier_a_source_names_is_shown_last_without_days_the_dates_cannot_prove()
    {
        var status = Status(new LocalDate(2022, 10, 1), Canada, Hungary) with
        {
            LastRatifier = Code("CAN"),
            CriticalPath = [new(Code("CAN"), "Canada", DateWindow.On(new LocalDate(2022, 8, 1)), null)],
        };

        var cut = Render<AccessionAnalytics>(p => p.Add(c => c.Status, status));

        Assert.Contains("Last to ratify: <strong>Canada</strong>", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("as a source records it (the dates cannot tell how long after the others)", cut.Find("[data-testid=critical-path]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("alone holding up", cut.Markup, StringComparison.Ordinal);
    }
}
