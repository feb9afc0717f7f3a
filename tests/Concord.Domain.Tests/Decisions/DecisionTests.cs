using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Domain.Tests.Rules;
using NodaTime;
using Xunit;

namespace Concord.Domain.Tests.Decisions;

public sealed class DecisionTests
{
    private static readonly Instant Opened = Instant.FromUtc(2024, 1, 10, 9, 0);
    private static readonly Instant Now = Instant.FromUtc(2024, 6, 1, 9, 0);
    private static readonly Body Nato = Seats.NatoBody;

    [Fact]
    public void a_state_that_is_not_yet_an_ally_on_the_date_cannot_take_a_position()
    {
        var refusal = Open().Decide(Statement("SWE", PositionKind.Concur, Instant.FromUtc(2024, 2, 1, 9, 0)), Nato, Now).Refusal;

        Assert.Equal(RefusalKind.Unprocessable, refusal?.Kind);
        Assert.Contains("joined on 2024-03-07", refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void an_objection_under_the_silence_procedure_is_recorded_as_silence_broken()
    {
        var decided = Open(deadline: Now + Duration.FromDays(3)).Decide(Statement("FRA", PositionKind.Object), Nato, Now);

        Assert.IsType<SilenceBroken>(Assert.Single(decided.Events));
    }

    [Fact]
    public void moving_away_from_a_reservation_is_recorded_as_the_reservation_lifted()
    {
        var held = Apply(Open(), Statement("TUR", PositionKind.Reservation, condition: "Regional plans revised"));

        var decided = held.Decide(Statement("TUR", PositionKind.Concur), Nato, Now);

        Assert.IsType<ReservationLifted>(Assert.Single(decided.Events));
    }

    [Fact]
    public void restating_the_same_position_records_nothing()
    {
        var statement = Statement("FRA", PositionKind.Concur);
        var decision = Apply(Open(), statement);

        var decided = decision.Decide(statement, Nato, Now);

        Assert.False(decided.IsRefused);
        Assert.Empty(decided.Events);
    }

    [Fact]
    public void a_draft_can_be_reissued_only_after_silence_was_broken_and_the_objections_then_fall_away()
    {
        var decision = Open(deadline: Now + Duration.FromDays(3));
        Assert.Equal(RefusalKind.Conflict, decision.Decide(new PutUnderSilenceCommand(Now + Duration.FromDays(9)), Now).Refusal?.Kind);

        var broken = Apply(decision, Statement("FRA", PositionKind.Object));
        var reissued = Evolve(broken, broken.Decide(new PutUnderSilenceCommand(Now + Duration.FromDays(9)), Now));

        Assert.Equal(PositionKind.Undeclared, reissued.PositionOf(MemberCode.Parse("FRA")));
        Assert.Equal(Outcome.AdoptedUnderSilence, reissued.Evaluate(Nato.EligibleOn(new LocalDate(2024, 6, 20)), Now + Duration.FromDays(10)).Outcome);
    }

    [Fact]
    public void an_unbroken_silence_is_adopted_at_its_deadline_even_when_concluded_later()
    {
        var deadline = Now + Duration.FromDays(3);
        var decided = Open(deadline: deadline).ConcludeSilenceIfDue(Now + Duration.FromDays(30));

        Assert.Equal(new DecisionAdoptedUnderSilence(deadline), Assert.Single(decided.Events));
    }

    [Fact]
    public void concluding_without_consensus_lapses_the_decision_and_it_takes_no_more_positions()
    {
        var blocked = Apply(Open(), Statement("HUN", PositionKind.Object));
        var lapsed = Evolve(blocked, blocked.Decide(new ConcludeDecisionCommand(), Nato.EligibleOn(new LocalDate(2024, 6, 1)), Now));

        Assert.Equal(Outcome.Lapsed, lapsed.ConcludedOutcome);
        Assert.Equal(RefusalKind.Conflict, lapsed.Decide(Statement("HUN", PositionKind.Concur, Now), Nato, Now).Refusal?.Kind);
    }

    [Fact]
    public void a_conclusion_recorded_from_its_source_lapses_the_decision_on_its_day_and_keeps_the_source()
    {
        var blocked = Apply(Open(), Statement("HUN", PositionKind.Object));
        var ended = Now - Duration.FromHours(1);
        var decided = blocked.Decide(new RecordConclusionCommand(Outcome.Lapsed, ended, "Summit declaration", null), Nato, Now);
        var lapsed = Evolve(blocked, decided, ended);

        Assert.Equal(new ConclusionRecorded(Outcome.Lapsed, "Summit declaration", null), Assert.Single(decided.Events));
        Assert.Equal((Outcome.Lapsed, ended, "Summit declaration"), (lapsed.ConcludedOutcome, lapsed.ConcludedAt, lapsed.ConclusionSource));
    }

    [Fact]
    public void an_adoption_recorded_while_an_allys_objection_stands_is_refused_as_a_contradiction()
    {
        var blocked = Apply(Open(), Statement("HUN", PositionKind.Object));

        var refusal = blocked.Decide(new RecordConclusionCommand(Outcome.Adopted, Now, "A communiqué", null), Nato, Now).Refusal;

        Assert.Equal((RefusalKind.Unprocessable, "outcome"), (refusal?.Kind, refusal?.Field));
        Assert.Contains("HUN (object) blocked it", refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void a_lapse_recorded_once_every_ally_has_concurred_is_refused_as_a_contradiction()
    {
        var everyone = Nato.EligibleOn(new LocalDate(2024, 5, 1)).Aggregate(Open(), (d, seat) => Apply(d, Statement(seat.Member.Value, PositionKind.Concur)));

        var refusal = everyone.Decide(new RecordConclusionCommand(Outcome.Lapsed, Now, "A communiqué", null), Nato, Now).Refusal;

        Assert.Equal((RefusalKind.Unprocessable, "outcome"), (refusal?.Kind, refusal?.Field));
    }

    [Fact]
    public void a_conclusion_cannot_be_dated_before_a_position_it_would_end()
    {
        var blocked = Apply(Open(), Statement("HUN", PositionKind.Object));

        var refusal = blocked.Decide(new RecordConclusionCommand(Outcome.Lapsed, Now - Duration.FromDays(2), "A communiqué", null), Nato, Now).Refusal;

        Assert.Equal((RefusalKind.Unprocessable, "concluded"), (refusal?.Kind, refusal?.Field));
    }

    [Fact]
    public void a_position_dated_before_the_conclusion_is_history_entered_late_and_is_taken_while_the_outcome_stands_with_it()
    {
        var lapsed = Evolve(Open(), Open().Decide(new RecordConclusionCommand(Outcome.Lapsed, Now, "A communiqué", null), Nato, Now), Now);

        var objection = lapsed.Decide(Statement("HUN", PositionKind.Object, Now - Duration.FromDays(3)), Nato, Now);

        Assert.False(objection.IsRefused);
    }

    [Fact]
    public void a_position_entered_late_that_would_contradict_the_recorded_adoption_is_refused()
    {
        var adopted = Evolve(Open(), Open().Decide(new RecordConclusionCommand(Outcome.Adopted, Now, "A communiqué", null), Nato, Now), Now);

        var refusal = adopted.Decide(Statement("HUN", PositionKind.Object, Now - Duration.FromDays(3)), Nato, Now).Refusal;

        Assert.Equal(RefusalKind.Unprocessable, refusal?.Kind);
        Assert.Contains("would contradict it", refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void an_as_of_view_before_the_recorded_conclusion_shows_the_decision_open()
    {
        var ended = Instant.FromUtc(2024, 7, 10, 22, 0);
        var facts = new List<Fact<IDecisionEvent>>
        {
            new(new DecisionOpened(DecisionId.Parse("test-decision"), "Test", Body.Nato, RuleKind.NatoConsensus, null, null), Opened, 1),
            new(new PositionStated(MemberCode.Parse("DEU"), PositionKind.Object, null, null, "reported", null), Instant.FromUtc(2024, 4, 4, 22, 0), 2),
            new(new ConclusionRecorded(Outcome.Lapsed, "A declaration", null), ended, 3),
        };

        Assert.False(Decision.Replay(facts, ended - Duration.Epsilon)!.IsConcluded);
        Assert.Equal(Outcome.Lapsed, Decision.Replay(facts, ended)!.ConcludedOutcome);
    }

    [Fact]
    public void as_of_views_fold_facts_in_the_order_they_happened_not_the_order_they_were_recorded()
    {
        var facts = new List<Fact<IDecisionEvent>>
        {
            new(new DecisionOpened(DecisionId.Parse("test-decision"), "Test", Body.Nato, RuleKind.NatoConsensus, null, null), Opened, 1),
            new(new PositionStated(MemberCode.Parse("DEU"), PositionKind.Concur, null, null, null, null), Instant.FromUtc(2024, 5, 1, 0, 0), 2),
            new(new PositionStated(MemberCode.Parse("DEU"), PositionKind.Object, null, null, null, null), Instant.FromUtc(2024, 3, 1, 0, 0), 3),
        };

        Assert.Equal(PositionKind.Concur, Decision.Replay(facts)!.PositionOf(MemberCode.Parse("DEU")));
        Assert.Equal(PositionKind.Object, Decision.Replay(facts, Instant.FromUtc(2024, 4, 1, 0, 0))!.PositionOf(MemberCode.Parse("DEU")));
        Assert.Null(Decision.Replay(facts, Opened - Duration.FromDays(1)));
    }

    private static Decision Open(Instant? deadline = null)
    {
        var command = new OpenDecisionCommand(DecisionId.Parse("test-decision"), "Test", Nato, RuleKind.NatoConsensus, null, deadline, null);
        return Evolve(null, Decision.Decide(null, command, Opened), Opened)!;
    }

    private static RecordPositionCommand Statement(string member, PositionKind kind, Instant? at = null, string? condition = null) =>
        new(MemberCode.Parse(member), kind, condition, null, null, null, at ?? Now - Duration.FromDays(1));

    private static Decision Apply(Decision decision, RecordPositionCommand command) =>
        Evolve(decision, decision.Decide(command, Nato, Now), command.Effective)!;

    private static Decision Evolve(Decision? state, Decided<IDecisionEvent> decided, Instant? at = null)
    {
        Assert.Null(decided.Refusal);
        var version = 100;
        return decided.Events.Aggregate(state, (s, e) => Decision.Evolve(s, new Fact<IDecisionEvent>(e, at ?? Now, version++)))!;
    }
}
