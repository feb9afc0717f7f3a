using Concord.Domain.Decisions;
using Concord.Domain.Rules;
using NodaTime;
using Xunit;
using static Concord.Domain.Decisions.PositionKind;
using static Concord.Domain.Tests.Rules.Scenario;

namespace Concord.Domain.Tests.Rules;

public sealed class UnanimityTests
{
    private static readonly Unanimity Rule = Unanimity.Instance;

    [Fact]
    public void every_party_concurring_adopts()
    {
        var evaluation = Rule.Evaluate(Input(Seats.Nato, Concur));

        Assert.Equal(Outcome.Adopted, evaluation.Outcome);
        Assert.Empty(evaluation.WhatItWouldTake);
        Assert.Equal("Adopted: every Party concurs.", evaluation.Explanation);
    }

    [Fact]
    public void a_silent_party_holds_up_unanimity_because_silence_is_not_consent()
    {
        var input = Input(Seats.Nato, Concur, ("HUN", Undeclared)) with { SilenceDeadlinePassed = true };

        var evaluation = Rule.Evaluate(input);

        Assert.Equal(Outcome.Pending, evaluation.Outcome);
        Assert.Equal(Codes("HUN"), evaluation.ToAct);
        Assert.Equal(Codes("HUN"), evaluation.WhatItWouldTake.Members());
        Assert.Equal("Pending: 1 Party has not acted (HUN); silence is not consent.", evaluation.Explanation);
    }

    [Theory]
    [InlineData(PositionKind.Object)]
    [InlineData(Against)]
    [InlineData(Reservation)]
    public void one_party_withholding_consent_blocks_unanimity(PositionKind position)
    {
        var evaluation = Rule.Evaluate(Input(Seats.Nato, Concur, ("TUR", position), ("HUN", Undeclared)));

        Assert.Equal(Outcome.Blocked, evaluation.Outcome);
        Assert.Equal(Codes("TUR"), evaluation.Blocking);
        Assert.Equal(Codes("HUN"), evaluation.ToAct);
    }

    [Fact]
    public void the_explanation_names_each_way_of_withholding_consent()
    {
        var input = Input(
            Seats.Nato, Concur, ("TUR", PositionKind.Object), ("HUN SVK", Against), ("USA", Reservation));

        var evaluation = Rule.Evaluate(input);

        Assert.Equal(
            "Blocked: 1 Party objects (TUR), 2 Parties vote against (HUN, SVK) and 1 Party holds a reservation (USA).",
            evaluation.Explanation);
    }

    [Theory]
    [InlineData(Footnote)]
    [InlineData(NonParticipation)]
    [InlineData(AdReferendum)]
    public void positions_without_a_vote_are_refused_under_unanimity(PositionKind position)
    {
        Assert.Throws<ArgumentException>(() => Rule.Evaluate(Input(Seats.Nato, Concur, ("FRA", position))));
    }

    [Fact]
    public void a_party_not_yet_eligible_is_ignored()
    {
        var beforeFinlandJoined = Seats.NatoBody.EligibleOn(new LocalDate(2023, 4, 3));
        var input = Input(Seats.Nato, Concur, ("FIN SWE", Undeclared)) with { Eligible = beforeFinlandJoined };

        Assert.Equal(Outcome.Adopted, Rule.Evaluate(input).Outcome);
    }

    [Theory]
    [InlineData(Undeclared)]
    [InlineData(PositionKind.Object, Undeclared, Against)]
    [InlineData(Reservation, Reservation, Reservation, Undeclared)]
    public void what_it_would_take_is_every_party_that_has_not_concurred(params PositionKind[] positions)
    {
        var overrides = positions.Select((p, i) => (Seats.NatoCodes[i * 3], p)).ToArray();

        AssertMinimal(Rule, Input(Seats.Nato, Concur, overrides));
    }
}
