using Concord.Domain.Members;
using Concord.Domain.Readiness;
using Concord.Features.Assistance.Planning;
using NodaTime;

namespace Concord.Features.Tests.Assistance.Planning;

public class PlannerTests
{
    private static readonly StockCategory AirDefence = StockCategory.Parse("air-defence");
    private static readonly StockCategory Shells = StockCategory.Parse("ammunition-155mm");
    private static readonly LocalDate Today = new(2025, 5, 31);
    private static readonly LocalDate By = new(2025, 6, 30); // 30 days from today

    private static Donor D(string ally, decimal gdp, params DonorStock[] stocks) => new(MemberCode.Parse(ally), gdp, stocks);

    private static PlanRequest Request(double w, ShareKey share = ShareKey.Gdp, params RequestItem[] items) =>
        new(MemberCode.Parse("UKR"), items, By, Today, share, w);

    // Hand-checked case: 10 air-defence systems within 30 days. DEU: 10 held, floor 8, 10 days (headroom 2, on time);
    // POL: 10 held, floor 6, 10 days (headroom 4, on time); USA: 20 held, no floor, 90 days (60 days = 2 months late).
    // Moving one unit from USA to DEU or POL below its floor saves w·2 of lateness and costs (1 − w) of readiness,
    // so it pays when 2w > 1 − w, i.e. w > 1/3 (the burden term, 0.01 a unit, moves that by less than 0.01).
    private static readonly Donor[] ThreeDonors =
    [
        D("DEU", 4_000, new DonorStock(AirDefence, 10, 8, 10)),
        D("POL", 1_000, new DonorStock(AirDefence, 10, 6, 10)),
        D("USA", 27_000, new DonorStock(AirDefence, 20, 0, 90)),
    ];

    private static int Gives(AssistancePlan plan, string ally) => plan.Lines.Where(l => l.Donor.Value == ally).Sum(l => l.Quantity);

    [Fact]
    public void a_feasible_request_meets_every_readiness_floor_when_speed_has_no_weight()
    {
        var plan = Planner.Solve(Request(0, ShareKey.Gdp, new RequestItem(AirDefence, 10)), ThreeDonors);
        Assert.True(plan.Feasible, plan.Summary);
        Assert.Equal(10, plan.Lines.Sum(l => l.Quantity));
        Assert.All(plan.Lines, l => Assert.True(l.StockAfter >= l.Floor, $"{l.Donor} falls to {l.StockAfter}, floor {l.Floor}"));
        Assert.Equal(0, plan.Objective!.Readiness);
    }

    [Fact]
    public void below_a_third_on_speed_every_donor_stays_at_its_floor_and_the_late_donor_fills_the_rest()
    {
        var plan = Planner.Solve(Request(0.3, ShareKey.Gdp, new RequestItem(AirDefence, 10)), ThreeDonors);
        Assert.True(plan.Feasible);
        Assert.Equal(2, Gives(plan, "DEU"));
        Assert.Equal(4, Gives(plan, "POL"));
        Assert.Equal(4, Gives(plan, "USA"));
        Assert.All(plan.Lines, l => Assert.Equal(0, l.BelowFloorBy));
        Assert.Equal(60, plan.Lines.Single(l => l.Donor.Value == "USA").DaysLate);
        Assert.Equal(new LocalDate(2025, 8, 29), plan.Lines.Single(l => l.Donor.Value == "USA").DeliveredOn);
    }

    [Fact]
    public void above_a_third_on_speed_donors_go_below_their_floors_so_nothing_arrives_late()
    {
        var plan = Planner.Solve(Request(0.4, ShareKey.Gdp, new RequestItem(AirDefence, 10)), ThreeDonors);
        Assert.True(plan.Feasible);
        Assert.Equal(0, Gives(plan, "USA"));
        Assert.Equal(10, Gives(plan, "DEU") + Gives(plan, "POL"));
        Assert.Equal(4, plan.Lines.Sum(l => l.BelowFloorBy));
        Assert.Equal(0, plan.Objective!.Lateness);
        // Readiness term: (1 − 0.4) × 4 units below floors ÷ 10 requested.
        Assert.Equal(0.24, plan.Objective.Readiness, 6);
    }

    [Fact]
    public void an_infeasible_request_names_the_floors_that_bind()
    {
        var donors = new[]
        {
            D("DEU", 4_000, new DonorStock(AirDefence, 6, 4, 10)),
            D("POL", 1_000, new DonorStock(AirDefence, 5, 5, 10)),
            D("NLD", 1_000, new DonorStock(AirDefence, 3, 0, 10)),
        };
        var plan = Planner.Solve(Request(0, ShareKey.Gdp, new RequestItem(AirDefence, 12)), donors);
        Assert.False(plan.Feasible);
        var shortfall = Assert.Single(plan.Shortfalls);
        Assert.Equal(7, shortfall.Short); // 12 asked, 2 (DEU) + 0 (POL) + 3 (NLD) above floors
        Assert.Contains(shortfall.Binding, b => b.Donor.Value == "DEU" && b.Limit == "floor" && b.Gives == 2);
        Assert.Contains(shortfall.Binding, b => b.Donor.Value == "POL" && b.Limit == "floor" && b.Gives == 0);
        Assert.Contains("DEU's floor of 4 leaves 2 of its 6", shortfall.Words, StringComparison.Ordinal);
        Assert.Contains("POL's floor of 5 leaves 0 of its 5", plan.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void burden_shares_follow_gdp_when_readiness_and_speed_are_indifferent()
    {
        var donors = new[]
        {
            D("BEL", 100, new DonorStock(Shells, 1_000, 0, 10)),
            D("NLD", 200, new DonorStock(Shells, 1_000, 0, 10)),
            D("DEU", 300, new DonorStock(Shells, 1_000, 0, 10)),
        };
        var plan = Planner.Solve(Request(0, ShareKey.Gdp, new RequestItem(Shells, 600)), donors);
        Assert.True(plan.Feasible);
        Assert.Equal(100, Gives(plan, "BEL"));
        Assert.Equal(200, Gives(plan, "NLD"));
        Assert.Equal(300, Gives(plan, "DEU"));
        Assert.Equal(50, plan.Burden.Single(b => b.Donor.Value == "DEU").SharePct, 2);
        Assert.Equal(50, plan.Burden.Single(b => b.Donor.Value == "DEU").FairSharePct, 2);
    }

    [Fact]
    public void burden_shares_follow_stocks_when_the_key_is_stocks()
    {
        var donors = new[]
        {
            D("BEL", 100, new DonorStock(Shells, 300, 0, 10)),
            D("DEU", 300, new DonorStock(Shells, 100, 0, 10)),
        };
        var plan = Planner.Solve(Request(0, ShareKey.Stocks, new RequestItem(Shells, 200)), donors);
        Assert.Equal(150, Gives(plan, "BEL"));
        Assert.Equal(50, Gives(plan, "DEU"));
    }
}
