using Bunit;
using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Web.Components.Accessions;
using MudBlazor.Services;
using NodaTime;

namespace Concord.Web.Tests.Components.Accessions;

public sealed class TrackerLayoutTests : BunitContext
{
    internal static readonly LocalDate Signed = new(2022, 7, 5);

    public TrackerLayoutTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    internal static MemberCode Code(string c) => MemberCode.TryParse(c)!.Value;

    internal static PartyStatus Party(string code, string name, bool pending, params StageRecord[] stages)
    {
        var deposit = stages.FirstOrDefault(s => s.Stage == RatificationStage.Deposit)?.Date;
        var ratified = stages.Where(s => s.Stage.IsApproval()).Select(s => (DateWindow?)s.Date).LastOrDefault() ?? deposit;
        int? days = ratified is { IsExact: true } r ? Period.DaysBetween(Signed, r.Placed) : null;
        var state = pending ? RatificationState.Pending : ratified is { IsExact: true } ? RatificationState.Ratified
            : ratified is null ? RatificationState.NotKnown : RatificationState.RatifiedByBound;
        return new PartyStatus(Code(code), name, stages, pending ? null : ratified, deposit, days, state, RatificationProcedure.Default(Code(code)));
    }

    internal static StageRecord At(RatificationStage stage, int y, int m, int d, bool bounded = false) =>
        new(stage, bounded ? DateWindow.OnOrBefore(new LocalDate(y, m, d)) : DateWindow.On(new LocalDate(y, m, d)), null, null, null);

    internal static AccessionStatus Status(LocalDate asOf, params PartyStatus[] parties) => new(Code("FIN"), "Finland", asOf, "ratification",
        DateWindow.On(Signed), parties, parties.Count(p => p.Ratified is not null), [.. parties.Where(p => p.Pending).Select(p => p.Party)], null,
        [.. parties.Where(p => p.NotKnown).Select(p => p.Party)], null, null, null,
        new RatificationSpread(0, null, null, null, 0, 0, 0), [], "summary", "next");

    [Fact]
    public void stage_columns_are_the_stages_with_data_in_procedure_order_and_deposit_always()
    {
        var parties = new[]
        {
            Party("USA", "United States", false, At(RatificationStage.UpperHouse, 2022, 8, 3), At(RatificationStage.HeadOfStateSignature, 2022, 8, 9)),
            Party("HUN", "Hungary", true),
            Party("DEU", "Germany", false, At(RatificationStage.ParliamentaryApproval, 2022, 7, 8)),
        };

        Assert.Equal([RatificationStage.UpperHouse, RatificationStage.ParliamentaryApproval, RatificationStage.HeadOfStateSignature, RatificationStage.Deposit],
            TrackerWords.StageColumns(parties));
        Assert.Equal([RatificationStage.Deposit], TrackerWords.StageColumns([]));
    }

    [Fact]
    public void bounded_dates_are_written_with_a_bound_sign()
    {
        Assert.Equal("2023-04-04", TrackerWords.Short(DateWindow.On(new LocalDate(2023, 4, 4))));
        Assert.Equal("≤ 2020-03-19", TrackerWords.Short(DateWindow.OnOrBefore(new LocalDate(2020, 3, 19))));
    }

    [Fact]
    public void a_pending_party_expects_the_stages_of_its_procedure_it_has_no_date_for()
    {
        var hungary = Party("HUN", "Hungary", true);

        Assert.Equal([RatificationStage.ParliamentaryApproval, RatificationStage.Deposit], TrackerWords.StillExpected(hungary));
        Assert.Equal(239, TrackerWords.DaysSoFar(DateWindow.On(Signed), new LocalDate(2023, 3, 1)));
    }

    [Fact]
    public void bars_run_from_signature_to_their_end_on_one_scale_with_pending_parties_last_up_to_the_date_shown()
    {
        var asOf = new LocalDate(2022, 9, 3); // 60 days after the signature
        var status = Status(asOf,
            Party("HUN", "Hungary", true),
            Party("DEU", "Germany", false, At(RatificationStage.ParliamentaryApproval, 2022, 7, 8), At(RatificationStage.Deposit, 2022, 8, 4)),
            Party("CAN", "Canada", false, At(RatificationStage.ExecutiveRatification, 2022, 7, 5)));

        var layout = GanttLayout.Build(status, 600)!;

        Assert.Equal(["CAN", "DEU", "HUN"], layout.Bars.Select(b => b.Party.Value));
        Assert.Equal(asOf, layout.End);
        var (canada, germany, hungary) = (layout.Bars[0], layout.Bars[1], layout.Bars[2]);
        Assert.Equal(BarEnd.Ratified, canada.End);
        Assert.Equal(0, canada.Width, 3);
        Assert.Equal(BarEnd.Deposited, germany.End);
        Assert.Equal(300, germany.Width, 3); // 30 of 60 days
        Assert.Equal(germany.Width, germany.Solid, 3);
        Assert.Equal(BarEnd.Pending, hungary.End);
        Assert.Equal(600, hungary.Width, 3);
        Assert.Equal("pending, 60 days", hungary.Label);
        Assert.All(layout.Ticks, t => Assert.InRange(t.X, 0, 600));
    }

    [Fact]
    public void a_bounded_deposit_is_certain_only_up_to_the_national_ratification()
    {
        var status = Status(new LocalDate(2023, 4, 4),
            Party("ALB", "Albania", false, At(RatificationStage.ParliamentaryApproval, 2022, 7, 7), At(RatificationStage.Deposit, 2023, 4, 4, bounded: true)));

        var bar = GanttLayout.Build(status, 1000)!.Bars.Single();

        Assert.True(bar.Bounded);
        Assert.Equal(1000, bar.Width, 3);
        Assert.Equal(1000.0 * 2 / 273, bar.Solid, 3);
        Assert.Equal("ratified 2022-07-07, deposited ≤ 2023-04-04", bar.Label);
    }

    [Fact]
    public void no_protocol_no_chart() =>
        Assert.Null(GanttLayout.Build(Status(new LocalDate(2024, 1, 1)) with { ProtocolSigned = null }, 600));

    [Fact]
    public void a_bounded_date_says_on_or_before_to_screen_readers()
    {
        var cut = Render<DateText>(p => p.Add(c => c.Date, DateWindow.OnOrBefore(new LocalDate(2020, 3, 19))));

        Assert.Contains("≤ 2020-03-19", cut.Find(".acc-bounded").TextContent);
        Assert.Equal("on or before 2020-03-19", cut.Find(".acc-bounded .acc-sr-only").TextContent);
    }

    [Fact]
    public void the_table_shows_a_pending_chip_in_words_and_the_expected_stages()
    {
        var status = Status(new LocalDate(2023, 3, 1),
            Party("DEU", "Germany", false, At(RatificationStage.ParliamentaryApproval, 2022, 7, 8)),
            Party("HUN", "Hungary", true));

        var cut = Render<RatificationTable>(p => p.Add(c => c.Status, status));

        var headers = cut.FindAll("th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Ally", "Status", "Parliament", "Deposit", "Days since signature"], headers);
        Assert.Single(cut.FindAll("[data-testid=pending-chip]"));
        Assert.Contains("Pending", cut.Find("[data-testid=pending-chip]").TextContent);
        Assert.Contains("239 so far", cut.Markup);
        Assert.Contains("Expects: Parliament → Deposit", cut.Markup);
    }

    [Fact]
    public void the_table_shows_a_party_in_a_window_as_not_known_with_its_window_never_as_pending()
    {
        var window = DateWindow.Between(new LocalDate(2023, 2, 20), new LocalDate(2023, 3, 10));
        var inWindow = Party("HUN", "Hungary", false) with { State = RatificationState.InWindow, Window = window };
        var status = Status(new LocalDate(2023, 3, 1), Party("DEU", "Germany", false, At(RatificationStage.ParliamentaryApproval, 2022, 7, 8)), inWindow);

        var cut = Render<RatificationTable>(p => p.Add(c => c.Status, status));

        Assert.Equal("Not known: 2023-02-20 – 2023-03-10", cut.Find("[data-testid=window-chip]").TextContent.Trim());
        Assert.Contains("between 2023-02-20 and 2023-03-10", cut.Find("[data-testid=window-chip]").GetAttribute("title"), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=pending-chip]"));
        Assert.DoesNotContain("so far", cut.Markup, StringComparison.Ordinal);
        var bar = GanttLayout.Build(status, 1000)!.Bars.Single(b => b.Party == Code("HUN"));
        Assert.Equal((BarEnd.NotKnown, "not known: ratified between 2023-02-20 and 2023-03-10"), (bar.End, bar.Label));
    }

    [Fact]
    public void windows_are_written_short_with_their_marks()
    {
        Assert.Equal("≥ 2020-03-19", TrackerWords.Short(DateWindow.OnOrAfter(new LocalDate(2020, 3, 19))));
        Assert.Equal("2009-01-13 – 2009-02-09", TrackerWords.Short(DateWindow.Between(new LocalDate(2009, 1, 13), new LocalDate(2009, 2, 9))));
        Assert.Equal("2009-03", TrackerWords.Short(DateWindow.InMonth(new YearMonth(2009, 3))));
    }
}
