using Concord.Domain.Assistance;
using Concord.Domain.Members;
using Xunit;
using static Concord.Domain.Tests.Assistance.Ledger;

namespace Concord.Domain.Tests.Assistance;

/// <summary>The input policy on a pledge's figures, and sums that a figure stored before the policy cannot break.</summary>
public sealed class PledgeBoundsTests
{
    private const decimal DecimalMax = 79228162514264337593543950335m;

    [Fact]
    public void a_pledge_quantity_above_ten_to_the_twelfth_is_refused_naming_the_field()
    {
        var refusal = Pledge.Decide([], Announced("DEU-x", "2023-01-10", AssistanceCategory.AirDefence, [new("IRIS-T SLM", 1_000_000_000_001m, "systems")])).Refusal;
        Assert.Equal(("items[0].quantity", RefusalKind.Invalid), (refusal?.Field, refusal?.Kind));
    }

    [Fact]
    public void a_pledge_of_two_to_the_sixty_third_systems_is_refused()
    {
        var refusal = Pledge.Decide([], Announced("DEU-x", "2023-01-10", AssistanceCategory.AirDefence, [new("IRIS-T SLM", 9223372036854775808m, "systems")])).Refusal;
        Assert.Equal("items[0].quantity", refusal?.Field);
    }

    [Fact]
    public void a_pledge_of_one_and_a_half_systems_is_refused_because_systems_are_counted()
    {
        var refusal = Pledge.Decide([], Announced("DEU-x", "2023-01-10", AssistanceCategory.AirDefence, [new("IRIS-T SLM", 1.5m, "systems")])).Refusal;
        Assert.Equal("items[0].quantity", refusal?.Field);
        Assert.Contains("whole numbers", refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void a_measured_quantity_may_be_a_fraction_and_ten_to_the_twelfth_is_accepted()
    {
        Assert.Null(Pledge.Decide([], Announced("DEU-x", "2023-01-10", AssistanceCategory.Financial, [new("budget support", 2.5m, "EUR")])).Refusal);
        Assert.Null(Pledge.Decide([], Announced("DEU-y", "2023-01-10", AssistanceCategory.Humanitarian, [new("diesel", 0.5m, "tonnes")])).Refusal);
        Assert.Null(Pledge.Decide([], Announced("DEU-z", "2023-01-10", AssistanceCategory.Ammunition155mm, [new("shells", Quantities.Max, "rounds")], Eur(Quantities.Max, "2023-01-10"))).Refusal);
    }

    [Fact]
    public void an_amount_above_ten_to_the_twelfth_is_refused_naming_the_field()
    {
        var refusal = Pledge.Decide([], Announced("DEU-x", "2023-01-10", AssistanceCategory.AirDefence, [new("IRIS-T SLM", 1, "systems")], Eur(DecimalMax, "2023-01-10"))).Refusal;
        Assert.Equal("value.amount", refusal?.Field);
    }

    [Fact]
    public void a_backlog_with_figures_stored_at_decimal_s_largest_value_is_read_and_says_what_it_left_out()
    {
        // Two pledges as older code stored them, beyond any bound: summing them overflowed decimal and failed every read.
        var huge = new[] { Stored("DEU-huge-1"), Stored("DEU-huge-2") }.Select(f => Pledge.Replay(f)!).ToList();
        var backlog = Delays.BacklogOf([.. huge, .. AsOf("2023-05-31")]);
        Assert.Equal(new BacklogLine("IRIS-T SLM", "systems", 2), backlog.Items.Single(l => l.Item == "IRIS-T SLM"));
        Assert.DoesNotContain(backlog.Items, l => l.Item == "huge");
        Assert.Equal(4, backlog.NotCounted.Count);
        Assert.Contains("DEU-huge-1", backlog.NotCounted[0], StringComparison.Ordinal);
        Assert.NotEmpty(Delays.By([.. huge], DelayGrouping.Donor, On("2024-01-01")));
    }

    [Fact]
    public void deliveries_stored_beyond_the_bound_fold_without_overflowing()
    {
        var facts = Stored("DEU-huge-1");
        var delivery = new DeliveryRecorded(On("2023-02-01"), [new("huge", DecimalMax, "systems")], Eur(DecimalMax, "2023-02-01"), null, FigureBasis.Reported, null);
        facts.Add(new Fact<IPledgeEvent>(delivery, Pledge.EffectiveOf(delivery), 2));
        facts.Add(new Fact<IPledgeEvent>(delivery with { On = On("2023-03-01") }, Pledge.EffectiveOf(delivery with { On = On("2023-03-01") }), 3));
        var pledge = Pledge.Replay(facts)!;
        Assert.Equal(0, pledge.Lines[0].Outstanding);
        Assert.Equal(DecimalMax, pledge.DeliveredValue["EUR"]);
    }

    [Fact]
    public void a_pledge_stored_beyond_the_bound_can_still_be_cancelled()
    {
        var decided = Pledge.Decide(Stored("DEU-huge-1"), new CancelPledgeCommand(On("2023-02-01"), "typing error", null));
        Assert.Null(decided.Refusal);
    }

    private static List<Fact<IPledgeEvent>> Stored(string id)
    {
        var announced = new PledgeAnnounced(new PledgeId(id), MemberCode.Parse("DEU"), UKR, On("2023-01-10"), AssistanceCategory.AirDefence,
            [new ItemLine("huge", DecimalMax, "systems")], Eur(DecimalMax, "2023-01-10"), null, "test", FigureBasis.Reported, null);
        return [new Fact<IPledgeEvent>(announced, Pledge.EffectiveOf(announced), 1)];
    }
}
