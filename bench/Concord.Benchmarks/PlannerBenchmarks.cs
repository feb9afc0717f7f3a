using BenchmarkDotNet.Attributes;
using Concord.Domain.Members;
using Concord.Domain.Readiness;
using Concord.Features.Assistance.Planning;
using NodaTime;

namespace Concord.Benchmarks;

/// <summary>
/// The assistance planner (issue 6, item 4) on 32 donors × 50 item types: 1,600 integer variables, solved by SCIP
/// through Google OR-Tools. Synthetic but realistic data, generated deterministically (seed 2025): donors' GDP from
/// 30 to 29,000 USD bn, stocks in proportion to the square root of GDP with noise, floors at 50-90% of stock, lead
/// times 10-180 days; each item asks for 60% of the donors' summed headroom, so the plan is feasible with every floor kept.
/// </summary>
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    private PlanRequest _request = null!;
    private List<Donor> _donors = [];

    [Params(0.0, 0.5)]
    public double SpeedWeight { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_request, _donors) = Synthetic(SpeedWeight);
    }

    public static (PlanRequest, List<Donor>) Synthetic(double speedWeight, int donors = 32, int items = 50)
    {
        var random = new Random(2025);
        var categories = Enumerable.Range(1, items).Select(i => StockCategory.Parse($"item-{i:00}")).ToList();
        var scale = categories.Select(_ => random.Next(5, 50_000)).ToList(); // systems to rounds
        var list = new List<Donor>();
        for (var d = 0; d < donors; d++)
        {
            var gdp = (decimal)Math.Round(30 * Math.Pow(1000, random.NextDouble()), 0);
            var stocks = new List<DonorStock>();
            for (var c = 0; c < items; c++)
            {
                if (random.NextDouble() < 0.2) continue; // one donor in five holds none of an item
                var stock = (int)(scale[c] * Math.Sqrt((double)gdp / 1000) * (0.5 + random.NextDouble()));
                var floor = (int)(stock * (0.5 + 0.4 * random.NextDouble()));
                stocks.Add(new DonorStock(categories[c], stock, floor, random.Next(10, 181)));
            }
            list.Add(new Donor(MemberCode.Parse(Code(d)), gdp, stocks));
        }
        var request = categories.Select(c => new RequestItem(c, Math.Max(1, (int)(0.6 * list.SelectMany(d => d.Stocks)
            .Where(s => s.Category == c).Sum(s => (long)Math.Max(0, s.Stock - s.Floor)))))).ToList();
        var today = new LocalDate(2025, 5, 1);
        return (new PlanRequest(MemberCode.Parse("UKR"), request, today.PlusDays(60), today, ShareKey.Gdp, speedWeight), list);
    }

    private static string Code(int i) => new([(char)('A' + i / 26 % 26), (char)('A' + i % 26), 'X']);

    [Benchmark(Description = "Plan 32 donors x 50 items (SCIP)")]
    public AssistancePlan Plan() => Planner.Solve(_request, _donors);
}
