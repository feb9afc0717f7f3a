using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Web.Components.Decisions;
using NodaTime;

namespace Concord.Web.Tests.Components.Decisions;

public sealed class OutcomeSentenceTests
{
    private static Dictionary<string, PositionKind> Holding(PositionKind kind, params string[] codes) => codes.ToDictionary(c => c, _ => kind);

    [Fact]
    public void a_blocked_decision_names_the_objecting_allies_in_words_with_their_articles()
    {
        var view = Views.Decision(Outcome.Blocked, ["DEU", "HUN", "SVK", "USA"], [], Holding(PositionKind.Object, "DEU", "HUN", "SVK", "USA"));

        Assert.Equal("Blocked: Germany, Hungary, Slovakia and the United States object.", OutcomeSentence.For(view));
    }

    [Fact]
    public void a_block_resting_on_reports_says_so_with_each_allys_confidence_and_condition()
    {
        var view = Views.Decision(Outcome.Blocked, ["DEU", "HUN", "SVK", "USA"], [], Holding(PositionKind.Object, "DEU", "HUN", "SVK", "USA"),
            confidence: Domain.Confidence.Reported, conditions: new Dictionary<string, string> { ["HUN"] = "sceptical", ["SVK"] = "sceptical" });

        Assert.Equal("Blocked, as reported: Germany and the United States (reported), Hungary and Slovakia (reported as sceptical).", OutcomeSentence.For(view));
    }

    [Fact]
    public void an_adoption_resting_on_claims_is_hedged()
    {
        var view = Views.Decision(Outcome.Adopted, [], [], Holding(PositionKind.Concur), confidence: Domain.Confidence.Claimed);

        Assert.Equal("Adopted, as claimed: no Ally objects.", OutcomeSentence.For(view));
    }

    [Fact]
    public void a_lapsed_decision_says_when_it_closed_and_who_blocked_it()
    {
        var view = Views.Decision(Outcome.Lapsed, ["USA"], [], Holding(PositionKind.Object, "USA"), confidence: Domain.Confidence.Reported)
            with { Closed = Instant.FromUtc(2024, 7, 10, 22, 0) };

        Assert.Equal("Lapsed: closed without consensus on 2024-07-11. Blocked, as reported: the United States (reported).", OutcomeSentence.For(view));
    }

    [Fact]
    public void one_objecting_ally_takes_the_singular()
    {
        var view = Views.Decision(Outcome.Blocked, ["USA"], [], Holding(PositionKind.Object, "USA"));

        Assert.Equal("Blocked: the United States objects.", OutcomeSentence.For(view));
    }

    [Fact]
    public void objections_come_before_reservations_and_each_is_told_in_its_own_words()
    {
        var positions = new Dictionary<string, PositionKind> { ["TUR"] = PositionKind.Object, ["HUN"] = PositionKind.Reservation };
        var view = Views.Decision(Outcome.Blocked, ["HUN", "TUR"], [], positions);

        Assert.Equal("Blocked: Türkiye objects; Hungary holds a reservation.", OutcomeSentence.For(view));
    }

    [Fact]
    public void a_pending_decision_names_up_to_five_allies_still_to_act()
    {
        var view = Views.Decision(Outcome.Pending, [], ["GBR", "NLD"], Holding(PositionKind.Undeclared, "GBR", "NLD"));

        Assert.Equal("Pending: 2 Allies have still to act: the Netherlands and the United Kingdom.", OutcomeSentence.For(view));
    }

    [Fact]
    public void a_pending_decision_counts_rather_than_lists_more_than_five_allies()
    {
        var codes = new[] { "BEL", "CAN", "DNK", "FRA", "GRC", "ITA" };
        var view = Views.Decision(Outcome.Pending, [], codes, Holding(PositionKind.Undeclared, codes));

        Assert.Equal("Pending: 6 Allies have still to act.", OutcomeSentence.For(view));
    }

    [Fact]
    public void an_unbroken_silence_is_pending_until_its_deadline_in_brussels_time_and_silent_allies_need_not_act()
    {
        var deadline = Instant.FromUtc(2024, 7, 1, 16, 0);
        var view = Views.Decision(Outcome.Pending, [], ["BEL", "CAN"], Holding(PositionKind.Undeclared, "BEL", "CAN"), deadline);

        Assert.Equal("Pending: under silence until 2024-07-01 18:00 CEST; no Ally has broken silence.", OutcomeSentence.For(view));
    }

    [Fact]
    public void adoption_with_footnotes_names_who_dissociates()
    {
        var view = Views.Decision(Outcome.AdoptedWithFootnotes, [], [], Holding(PositionKind.Footnote, "GRC", "DNK"));

        Assert.Equal("Adopted with footnotes: Denmark and Greece dissociate in footnotes.", OutcomeSentence.For(view));
    }

    [Fact]
    public void adoption_under_nato_consensus_says_no_ally_objects()
    {
        var view = Views.Decision(Outcome.Adopted, [], [], new Dictionary<string, PositionKind>());

        Assert.Equal("Adopted: no Ally objects.", OutcomeSentence.For(view));
    }

    [Fact]
    public void what_it_would_take_names_the_allies_whose_change_would_adopt_it()
    {
        var changes = new[] { "DEU", "USA" }.Select(c => new PositionChange(MemberCode.Parse(c), PositionKind.Object, PositionKind.Concur)).ToList();
        var view = Views.Decision(Outcome.Blocked, ["DEU", "USA"], [], Holding(PositionKind.Object, "DEU", "USA"), whatItWouldTake: changes);

        Assert.Equal("2 changes: Germany and the United States would have to concur.", OutcomeSentence.WhatItWouldTake(view, Views.Names));
    }

    [Fact]
    public void nothing_more_is_needed_once_adopted()
    {
        var view = Views.Decision(Outcome.Adopted, [], [], new Dictionary<string, PositionKind>());

        Assert.Equal("Nothing: it is adopted.", OutcomeSentence.WhatItWouldTake(view, Views.Names));
    }

    [Theory]
    [InlineData(new[] { "Germany" }, "Germany")]
    [InlineData(new[] { "United States", "Germany" }, "Germany and the United States")]
    [InlineData(new[] { "Netherlands", "Czech Republic", "Belgium" }, "Belgium, the Czech Republic and the Netherlands")]
    public void names_are_sorted_and_joined_as_in_running_text(string[] names, string expected) =>
        Assert.Equal(expected, OutcomeSentence.Names(names));

    [Theory]
    [InlineData("Lapsed: closed without consensus on 2024-07-11. Blocked: France objects.", "Closed without consensus on 2024-07-11. Blocked: France objects.", true)]
    [InlineData("Blocked: France objects.", "Blocked: 1 Ally objects (FRA).", false)]
    [InlineData("Adopted: no Ally objects.", "", true)]
    public void the_rule_s_explanation_is_shown_only_when_it_says_more_than_the_outcome_sentence(string sentence, string explanation, bool repeats) =>
        Assert.Equal(repeats, OutcomeSentence.Repeats(sentence, explanation));
}
