using Concord.Domain.Accession;
using Concord.Domain.Members;
using Xunit;
using static Concord.Domain.Tests.Accession.Candidacy;

namespace Concord.Domain.Tests.Accession;

/// <summary>A Party's stages follow its procedure: the later act may not be dated before the earlier one.</summary>
public sealed class ProcedureOrderTests
{
    private static readonly Dictionary<MemberCode, RatificationProcedure> UnitedStates = new()
    {
        [Code("USA")] = new(Code("USA"), [RatificationStage.UpperHouse, RatificationStage.HeadOfStateSignature, RatificationStage.Deposit], null),
    };

    private static RecordAccessionStepCommand Senate(string date) => Stage("USA", RatificationStage.UpperHouse, On(date));

    private static RecordAccessionStepCommand Signature(string date) => Stage("USA", RatificationStage.HeadOfStateSignature, On(date));

    [Fact]
    public void a_head_of_state_signature_dated_before_the_parliaments_vote_is_refused()
    {
        var state = Signed(Four).Then(Four, Senate("2024-10-20"));

        var refusal = state.Decide(Signature("2024-10-10"), Four, Today, UnitedStates).Refusal;

        Assert.NotNull(refusal);
        Assert.StartsWith("United States' headOfStateSignature on 2024-10-10 is before its upperHouse (2024-10-20)", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void a_vote_dated_after_the_signature_already_recorded_is_refused()
    {
        var state = Signed(Four).Then(Four, Signature("2024-10-10"));

        Assert.NotNull(state.Decide(Senate("2024-10-20"), Four, Today, UnitedStates).Refusal);
    }

    [Fact]
    public void acts_of_one_day_and_a_vote_known_only_by_a_bound_are_in_order()
    {
        var state = Signed(Four).Then(Four, Stage("USA", RatificationStage.UpperHouse, OnOrBefore("2024-10-20")));

        Assert.Null(state.Decide(Signature("2024-10-10"), Four, Today, UnitedStates).Refusal);
        Assert.Null(Signed(Four).Then(Four, Senate("2024-10-10")).Decide(Signature("2024-10-10"), Four, Today, UnitedStates).Refusal);
    }

    [Fact]
    public void a_stage_outside_the_procedure_is_never_out_of_order()
    {
        var state = Signed(Four).Then(Four, Senate("2024-10-20"));

        Assert.Null(state.Decide(Stage("USA", RatificationStage.Committee, On("2024-10-01")), Four, Today, UnitedStates).Refusal);
    }
}
