using Concord.Domain.Accession;
using Concord.Domain.Members;
using Xunit;
using static Concord.Domain.Tests.Accession.Candidacy;

namespace Concord.Domain.Tests.Accession;

/// <summary>A different date is never taken as a correction by guess: it must say it corrects, with its own source.</summary>
public sealed class CorrectionTests
{
    [Fact]
    public void a_different_date_for_a_recorded_stage_is_refused_unless_marked_as_a_correction()
    {
        var state = Signed(Four).Then(Four, Approved("CAN", "2024-09-10"));

        var refusal = state.Refused(Four, Approved("CAN", "2024-09-12"));

        Assert.Equal((RefusalKind.Conflict, "date"), (refusal.Kind, refusal.Field));
    }

    [Fact]
    public void a_correction_with_its_own_source_is_recorded_as_a_new_fact_marked_as_a_correction()
    {
        var state = Signed(Four).Then(Four, Approved("CAN", "2024-09-10"));

        var decided = state.Decide(Approved("CAN", "2024-09-12") with { Corrects = true, Source = "S2" }, Four, Today);

        var e = Assert.IsType<RatificationStageRecorded>(Assert.Single(decided.Events));
        Assert.Equal((On("2024-09-12"), true), (e.Date, e.Corrects));
    }

    [Fact]
    public void a_correction_without_a_source_is_refused_naming_the_source()
    {
        var state = Signed(Four).Then(Four, Approved("CAN", "2024-09-10"));

        Assert.Equal("source", state.Refused(Four, Approved("CAN", "2024-09-12") with { Corrects = true, Source = null }).Field);
    }

    [Fact]
    public void a_correction_is_checked_as_if_the_record_it_corrects_were_not_there()
    {
        // The approval moved after the deposit: refused, whatever the old approval's date.
        var state = Signed(Four).Then(Four, Approved("CAN", "2024-09-10"), Deposited("CAN", "2024-09-15"));

        Assert.Equal("date", state.Refused(Four, Approved("CAN", "2024-09-20") with { Corrects = true }).Field);
        Assert.Single(state.Decide(Approved("CAN", "2024-09-12") with { Corrects = true }, Four, Today).Events);
    }

    [Fact]
    public void an_approval_after_a_withdrawal_is_a_new_act_not_a_second_date_for_the_first()
    {
        var state = Signed(Four).Then(Four, Approved("HUN", "2024-09-10"), Deposited("HUN", "2024-10-01"), Withdrew("HUN", "2024-11-04"));

        Assert.Single(state.Decide(Approved("HUN", "2025-01-10"), Four, Today).Events);
    }
}
