using Concord.Domain.Decisions;
using Xunit;

namespace Concord.Domain.Tests.Decisions;

public sealed class HeadlineTests
{
    private static HeadlineFact Fact(string code, string name, string? confidence, string? condition = null, PositionKind kind = PositionKind.Object) =>
        new(code, name, kind, confidence, condition);

    [Fact]
    public void a_block_resting_on_reports_says_so_and_gives_each_blockers_confidence_and_condition()
    {
        var sentence = Headline.Blocked([
            Fact("DEU", "Germany", "reported"), Fact("HUN", "Hungary", "reported", "sceptical"),
            Fact("SVK", "Slovakia", "reported", "sceptical"), Fact("USA", "United States", "reported"),
        ]);

        Assert.Equal("Blocked, as reported: Germany and the United States (reported), Hungary and Slovakia (reported as sceptical).", sentence);
    }

    [Fact]
    public void a_block_resting_only_on_official_facts_is_said_as_the_rule_words_it()
    {
        Assert.Null(Headline.Blocked([Fact("TUR", "Türkiye", "official"), Fact("HUN", "Hungary", "Official")]));
    }

    [Fact]
    public void the_headline_is_as_strong_as_its_weakest_fact()
    {
        var sentence = Headline.Blocked([Fact("TUR", "Türkiye", "official"), Fact("HUN", "Hungary", "claimed")]);

        Assert.Equal("Blocked, as claimed: Hungary (claimed), Türkiye (official).", sentence);
    }

    [Fact]
    public void a_fact_stored_with_free_text_from_before_the_vocabulary_reads_as_unlabelled_and_leaves_the_headline_unconfirmed()
    {
        var sentence = Headline.Blocked([Fact("HUN", "Hungary", "reported as sceptical"), Fact("TUR", "Türkiye", "official")]);

        Assert.Equal("Blocked, unconfirmed: Hungary (unlabelled), Türkiye (official).", sentence);
    }

    [Fact]
    public void a_reservation_names_its_kind_and_its_condition()
    {
        var sentence = Headline.Blocked([Fact("TUR", "Türkiye", "reported", "Sweden acts on its concerns", PositionKind.Reservation)]);

        Assert.Equal("Blocked, as reported: Türkiye (reported, reservation: Sweden acts on its concerns).", sentence);
    }

    [Fact]
    public void an_adoption_resting_on_claims_is_hedged_and_one_resting_on_official_facts_is_not()
    {
        Assert.Equal("Adopted, as claimed: no Ally objects.",
            Headline.Hedged("Adopted: no Ally objects.", [Fact("BEL", "Belgium", "claimed", kind: PositionKind.Concur), Fact("CAN", "Canada", "official", kind: PositionKind.Concur)]));
        Assert.Equal("Adopted: no Ally objects.",
            Headline.Hedged("Adopted: no Ally objects.", [Fact("CAN", "Canada", "official", kind: PositionKind.Concur)]));
    }
}
