using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Features.Decisions;
using NodaTime;

namespace Concord.Features.Tests.Decisions;

public sealed class DecisionViewTests
{
    private static readonly Instant Opened = Instant.FromUtc(2023, 7, 11, 0, 0);
    private static readonly Body Nato = new(Body.Nato, "North Atlantic Council",
        [new Seat(MemberCode.Parse("BEL"), "Belgium", new LocalDate(1949, 8, 24)), new Seat(MemberCode.Parse("HUN"), "Hungary", new LocalDate(1999, 3, 12))]);

    private static Decision With(params PositionStated[] positions) =>
        positions.Select((p, i) => new Fact<IDecisionEvent>(p, Opened + Duration.FromDays(1), i + 2))
            .Aggregate(Decision.Evolve(null, new Fact<IDecisionEvent>(
                new DecisionOpened(DecisionId.Parse("legacy-text"), "Legacy", Body.Nato, RuleKind.NatoConsensus, null, null), Opened, 1)), Decision.Evolve)!;

    [Fact]
    public void a_position_stored_with_free_text_from_before_the_vocabulary_reads_as_unlabelled_and_its_headline_unconfirmed()
    {
        var decision = With(
            new PositionStated(MemberCode.Parse("BEL"), PositionKind.Concur, null, "S1", "claimed by Ukraine, not confirmed by this Ally", null),
            new PositionStated(MemberCode.Parse("HUN"), PositionKind.Object, null, "S2", "reported as sceptical", null));

        var view = DecisionViews.Build(decision, Nato, Opened + Duration.FromDays(2), 3);

        Assert.All(view.Positions, p => Assert.Null(p.Confidence));
        Assert.Equal("Blocked, unconfirmed: Hungary (unlabelled).", view.Explanation);
    }

    [Fact]
    public void a_position_with_a_word_of_the_vocabulary_shows_it()
    {
        var view = DecisionViews.Build(With(new PositionStated(MemberCode.Parse("HUN"), PositionKind.Object, "sceptical", "S2", "reported", null)),
            Nato, Opened + Duration.FromDays(2), 2);

        Assert.Equal(Confidence.Reported, view.Positions.Single(p => p.Member == "HUN").Confidence);
        Assert.Equal("Blocked, as reported: Hungary (reported as sceptical).", view.Explanation);
    }
}
