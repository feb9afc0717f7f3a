using Concord.Domain.Accession;
using NodaTime;
using Xunit;
using static Concord.Domain.Tests.Accession.Candidacy;

namespace Concord.Domain.Tests.Accession;

using Accession = global::Concord.Domain.Accession.Accession;

/// <summary>Replay in world order, idempotent re-recording, bounded dates, and history entered out of order.</summary>
public sealed class ReplayTests
{
    private static readonly RecordAccessionStepCommand[] InDateOrder =
    [
        Invited("2024-07-10"), ProtocolSignedOn("2024-09-02"),
        Approved("CAN", "2024-09-10"), Deposited("CAN", "2024-09-20"),
        Approved("USA", "2024-10-01"), Deposited("USA", "2024-10-15"),
        Approved("HUN", "2024-11-05"), Stage("HUN", RatificationStage.Deposit, OnOrBefore("2024-12-31")),
        Approved("TUR", "2025-01-20"), Deposited("TUR", "2025-01-27"),
        InvitedToAccede("2025-01-28"), Acceded("2025-02-10"),
    ];

    [Fact]
    public void history_recorded_in_any_order_lands_in_the_right_place_in_every_as_of_view()
    {
        var recordedInOrder = Facts(InDateOrder);
        var recordedBackwards = Facts(Enumerable.Reverse(InDateOrder));

        for (var day = Date("2024-07-01"); day <= Date("2025-03-01"); day = day.PlusDays(1))
        {
            var asOf = Zones.EndOf(day);
            Assert.Equal(Describe(Accession.Replay(recordedInOrder, asOf)!, day), Describe(Accession.Replay(recordedBackwards, asOf)!, day));
        }
    }

    [Fact]
    public void an_older_stage_recorded_later_appears_from_its_own_date_and_not_before()
    {
        var facts = Facts(InDateOrder).Append(new Fact<IAccessionEvent>(Accession.RecordOf(Stage("USA", RatificationStage.UpperHouse, On("2024-09-25")))!,
            Zones.StartOf(Date("2024-09-25")), 99)).ToList();

        var before = Accession.Replay(facts, Zones.EndOf(Date("2024-09-24")))!.Evaluate(Four, Date("2024-09-24"));
        var after = Accession.Replay(facts, Zones.EndOf(Date("2024-09-25")))!.Evaluate(Four, Date("2024-09-25"));

        Assert.Null(before.Parties.Single(p => p.Party == Code("USA")).Ratified);
        Assert.Equal(On("2024-09-25"), after.Parties.Single(p => p.Party == Code("USA")).Ratified);
        Assert.Equal(23, after.Parties.Single(p => p.Party == Code("USA")).DaysToRatify);
    }

    [Fact]
    public void opening_the_file_counts_in_every_as_of_view_even_one_before_it_was_opened()
    {
        var facts = Facts(InDateOrder);

        var early = Accession.Replay(facts, Zones.EndOf(Date("1999-01-01")));

        Assert.NotNull(early);
        Assert.Equal("Serbia", early.Name);
        Assert.Empty(early.Steps);
    }

    [Fact]
    public void re_recording_an_identical_stage_records_nothing()
    {
        var state = Signed(Four).Then(Four, Approved("CAN", "2024-09-10"));

        var decided = state.Decide(Approved("CAN", "2024-09-10"), Four, Today);

        Assert.False(decided.IsRefused);
        Assert.Empty(decided.Events);
    }

    [Fact]
    public void re_recording_an_identical_step_records_nothing()
    {
        var decided = Signed(Four).Decide(ProtocolSignedOn("2024-09-02"), Four, Today);

        Assert.False(decided.IsRefused);
        Assert.Empty(decided.Events);
    }

    [Fact]
    public void re_recording_an_identical_withdrawal_records_nothing()
    {
        var withdrawn = Signed(Four).Then(Four, Deposited("HUN", "2024-10-01"), Withdrew("HUN", "2024-11-04"), Deposited("HUN", "2024-12-02"));

        var decided = withdrawn.Decide(Withdrew("HUN", "2024-11-04"), Four, Today);

        Assert.False(decided.IsRefused);
        Assert.Empty(decided.Events);
    }

    [Fact]
    public void the_same_stage_from_another_source_is_recorded_as_a_new_fact()
    {
        var state = Signed(Four).Then(Four, Approved("CAN", "2024-09-10"));

        var decided = state.Decide(Stage("CAN", RatificationStage.ParliamentaryApproval, On("2024-09-10"), source: "another source"), Four, Today);

        Assert.Single(decided.Events);
    }

    [Fact]
    public void a_bounded_date_stays_bounded_in_the_status_and_is_never_turned_into_an_exact_day()
    {
        var state = Signed(Four).Then(Four, Stage("CAN", RatificationStage.Deposit, OnOrBefore("2025-03-19")));

        var row = state.Evaluate(Four, Today).Parties.Single(p => p.Party == Code("CAN"));

        Assert.Equal(OnOrBefore("2025-03-19"), row.Deposited);
        Assert.Equal(OnOrBefore("2025-03-19"), row.Ratified);
        Assert.False(row.Ratified!.Value.IsExact);
        Assert.Null(row.DaysToRatify);
        Assert.Equal(OnOrBefore("2025-03-19"), Assert.Single(row.Stages).Date);
        Assert.Equal("on or before 2025-03-19", row.Deposited.ToString());
    }

    [Fact]
    public void a_bounded_stage_counts_only_from_its_bound_in_as_of_views()
    {
        var state = Signed(Four).Then(Four, Stage("CAN", RatificationStage.Deposit, OnOrBefore("2025-03-19")));

        Assert.Null(state.Evaluate(Four, Date("2025-03-18")).Parties.Single(p => p.Party == Code("CAN")).Deposited);
        Assert.NotNull(state.Evaluate(Four, Date("2025-03-19")).Parties.Single(p => p.Party == Code("CAN")).Deposited);
    }

    [Fact]
    public void a_stage_corrected_to_an_earlier_date_shows_the_corrected_date()
    {
        var facts = Facts([Invited("2024-07-10"), ProtocolSignedOn("2024-09-02"), Approved("CAN", "2024-09-20")])
            .Append(new Fact<IAccessionEvent>(Accession.RecordOf(Approved("CAN", "2024-09-10"))!, Zones.StartOf(Date("2024-09-10")), 10)).ToList();

        var state = Accession.Replay(facts)!;

        Assert.Equal(On("2024-09-10"), state.TrackOf(Code("CAN")).Ratified);
        Assert.Empty(state.Decide(Approved("CAN", "2024-09-10"), Four, Today).Events);
    }

    [Fact]
    public void a_stage_corrected_to_a_later_date_shows_the_corrected_date()
    {
        var facts = Facts([Invited("2024-07-10"), ProtocolSignedOn("2024-09-02"), Approved("CAN", "2024-09-10")])
            .Append(new Fact<IAccessionEvent>(Accession.RecordOf(Approved("CAN", "2024-09-20"))!, Zones.StartOf(Date("2024-09-20")), 10)).ToList();

        Assert.Equal(On("2024-09-20"), Accession.Replay(facts)!.TrackOf(Code("CAN")).Ratified);
    }

    /// <summary>
    /// The facts as a store would hold them: opened first, then the event each command asks for in the order given, each
    /// effective on its (latest) day.
    /// </summary>
    private static List<Fact<IAccessionEvent>> Facts(IEnumerable<RecordAccessionStepCommand> recorded) =>
        [new(new AccessionOpened(Code("SRB"), "Serbia"), Instant.FromUtc(2026, 1, 1, 0, 0), 1),
            .. recorded.Select((c, i) => new Fact<IAccessionEvent>(Accession.RecordOf(c)!, Zones.StartOf(c.Date.Placed), i + 2))];

    private static string Describe(Accession state, LocalDate asOf)
    {
        var s = state.Evaluate(Four, asOf);
        var rows = string.Join("; ", s.Parties.Select(p => $"{p.Party} {p.Ratified} {p.Deposited} {p.DaysToRatify} [{string.Join(",", p.Stages.Select(x => x.Stage))}]"));
        return $"{s.Stage} | {s.Summary} | {s.NextStep} | {s.EnteredIntoForce} | {s.MemberSince} | {s.LastRatifier} | {s.Spread} | "
            + $"{string.Join(",", s.CriticalPath.Select(h => $"{h.Party}:{h.DelayDays}"))} | {rows} | {string.Join(",", state.Steps.Keys.Order())}";
    }
}
