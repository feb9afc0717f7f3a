using System.Globalization;
using Google.OrTools.LinearSolver;
using Concord.Domain.Readiness;

namespace Concord.Features.Assistance.Planning;

/// <summary>
/// Proposes how donors could meet a request, as a mixed-integer program solved by SCIP (Google OR-Tools).
/// <para>Variables, for each donor d and requested category c with stock S, floor F, headroom H = max(0, S − F):
/// x[d,c] integer in [0, S], units given; s[d,c] ≥ 0, units below the floor, s ≥ x − H;
/// u[d,c] ≥ |x − f[d,c]|, the deviation from the fair share f[d,c] = q[c]·g[d] / Σ g over the donors holding c,
/// where g is the donor's GDP (share by GDP) or its stock of c (share by stocks).</para>
/// <para>Constraints: Σ_d x[d,c] = q[c] for every category; with w = 0, s = 0 (no donor below a floor: hard).</para>
/// <para>Objective, minimised, each unit counted as a fraction of its category's request (÷ q[c]):
/// Readiness = (1 − w)·Σ s/q; Lateness = w·Σ x·(late/30)/q, where late = max(0, lead days − days until the request's
/// date), i.e. months late; Burden = 0.01·Σ u/q. So a donor goes below its floor by one unit only when that saves
/// more lateness than it costs readiness: w·(months late saved) &gt; (1 − w), give or take the small burden term.
/// With a month late at stake that is w &gt; 1/2; with two months, w &gt; 1/3.</para>
/// </summary>
public static class Planner
{
    /// <summary>The weight of the burden-share term: small, so it only chooses among plans equal on readiness and speed.</summary>
    public const double BurdenWeight = 0.01;

    /// <summary>The penalty per unit of a category left short in the relaxation that explains an infeasible request.</summary>
    private const double ShortPenalty = 1000;

    public static AssistancePlan Solve(PlanRequest request, IReadOnlyList<Donor> donors, TimeSpan? timeLimit = null)
    {
        var model = Build(request, donors, relax: false, timeLimit);
        var status = model.Solver.Solve();
        if (status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE)
            return Feasible(request, model, status);
        model.Solver.Dispose();
        var relaxed = Build(request, donors, relax: true, timeLimit);
        relaxed.Solver.Solve();
        return Infeasible(request, relaxed);
    }

    private sealed record Cell(Donor Donor, DonorStock Stock, Variable X, Variable Below, Variable Dev, double Fair, int Late, int Cap, bool CapIsFloor);

    private sealed record Model(Solver Solver, List<Cell> Cells, Dictionary<StockCategory, Variable> Short, string Name);

    private static Model Build(PlanRequest request, IReadOnlyList<Donor> donors, bool relax, TimeSpan? timeLimit)
    {
        var name = "SCIP";
        var solver = Solver.CreateSolver(name) ?? Solver.CreateSolver(name = "CBC")
            ?? throw new InvalidOperationException("No MIP solver is available in this OR-Tools build.");
        solver.SetTimeLimit((long)(timeLimit ?? TimeSpan.FromSeconds(20)).TotalMilliseconds);
        var w = request.SpeedWeight;
        var days = NodaTime.Period.Between(request.Today, request.By, NodaTime.PeriodUnits.Days).Days;
        var cells = new List<Cell>();
        var shorts = new Dictionary<StockCategory, Variable>();
        var objective = solver.Objective();
        foreach (var item in request.Items)
        {
            double q = item.Quantity;
            var holders = donors.SelectMany(d => d.Stocks.Where(s => s.Category == item.Category && s.Stock > 0).Select(s => (d, s))).ToList();
            var keyTotal = holders.Sum(h => Key(request.Share, h.d, h.s));
            var demand = solver.MakeConstraint(q, q, $"meet_{item.Category}");
            foreach (var (d, s) in holders)
            {
                var headroom = Math.Max(0, s.Stock - s.Floor);
                var cap = w == 0 ? headroom : s.Stock;
                var tag = $"{d.Ally}_{item.Category}";
                var x = solver.MakeIntVar(0, cap, "x_" + tag);
                var below = solver.MakeNumVar(0, w == 0 ? 0 : double.PositiveInfinity, "s_" + tag);
                var dev = solver.MakeNumVar(0, double.PositiveInfinity, "u_" + tag);
                var fair = keyTotal > 0 ? q * Key(request.Share, d, s) / keyTotal : 0;
                var late = Math.Max(0, s.LeadDays - days);
                solver.Add(below >= x - headroom);
                solver.Add(dev >= x - fair);
                solver.Add(dev >= fair - x);
                demand.SetCoefficient(x, 1);
                objective.SetCoefficient(below, (1 - w) / q);
                objective.SetCoefficient(x, w * (late / 30.0) / q);
                objective.SetCoefficient(dev, BurdenWeight / q);
                cells.Add(new Cell(d, s, x, below, dev, fair, late, cap, w == 0 || cap < s.Stock));
            }
            if (relax)
            {
                var shortVar = solver.MakeNumVar(0, q, $"short_{item.Category}");
                demand.SetCoefficient(shortVar, 1);
                objective.SetCoefficient(shortVar, ShortPenalty / q);
                shorts[item.Category] = shortVar;
            }
        }
        objective.SetMinimization();
        return new Model(solver, cells, shorts, name);
    }

    private static double Key(ShareKey share, Donor d, DonorStock s) => share == ShareKey.Gdp ? (double)d.Gdp : s.Stock;

    private static AssistancePlan Feasible(PlanRequest request, Model model, Solver.ResultStatus status)
    {
        using var solver = model.Solver;
        var q = request.Items.ToDictionary(i => i.Category, i => (double)i.Quantity);
        var lines = new List<PlanLine>();
        double readiness = 0, lateness = 0, burden = 0;
        var w = request.SpeedWeight;
        foreach (var c in model.Cells)
        {
            var x = (int)Math.Round(c.X.SolutionValue());
            var after = c.Stock.Stock - x;
            var belowBy = Math.Max(0, c.Stock.Floor - after) - Math.Max(0, c.Stock.Floor - c.Stock.Stock);
            var qc = q[c.Stock.Category];
            readiness += (1 - w) * belowBy / qc;
            lateness += w * x * (c.Late / 30.0) / qc;
            burden += BurdenWeight * Math.Abs(x - c.Fair) / qc;
            if (x > 0)
                lines.Add(new PlanLine(c.Donor.Ally, c.Stock.Category, x, request.Today.PlusDays(c.Stock.LeadDays), c.Late, after, c.Stock.Floor, belowBy));
        }
        var burdens = Burdens(request, model.Cells);
        var terms = new ObjectiveTerms(readiness, lateness, burden, readiness + lateness + burden);
        var below = lines.Where(l => l.BelowFloorBy > 0).ToList();
        var late = lines.Where(l => l.DaysLate > 0).ToList();
        var summary = $"{lines.Count} deliveries from {lines.Select(l => l.Donor).Distinct().Count()} donors meet the request"
            + (below.Count == 0 ? "; every donor stays at or above its floors" : $"; {string.Join(", ", below.Select(l => $"{l.Donor} goes {l.BelowFloorBy} below its {l.Category} floor"))}")
            + (late.Count == 0 ? "; all arrive by " + request.By.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) : $"; {late.Count} arrive late")
            + (status == Solver.ResultStatus.OPTIMAL ? "." : " (the best plan found within the time limit, not proven optimal).");
        return new AssistancePlan(true, lines, burdens, terms, [], model.Name, summary);
    }

    private static List<DonorBurden> Burdens(PlanRequest request, List<Cell> cells)
    {
        var q = request.Items.ToDictionary(i => i.Category, i => (double)i.Quantity);
        var n = request.Items.Count;
        return cells.GroupBy(c => c.Donor.Ally)
            .Select(g => new DonorBurden(g.Key,
                Math.Round(100 * g.Sum(c => Math.Round(c.X.SolutionValue()) / q[c.Stock.Category]) / n, 2),
                Math.Round(100 * g.Sum(c => c.Fair / q[c.Stock.Category]) / n, 2)))
            .OrderByDescending(b => b.SharePct).ThenBy(b => b.Donor.Value, StringComparer.Ordinal).ToList();
    }

    private static AssistancePlan Infeasible(PlanRequest request, Model model)
    {
        using var solver = model.Solver;
        var shortfalls = new List<Shortfall>();
        foreach (var item in request.Items)
        {
            var missing = (int)Math.Round(model.Short[item.Category].SolutionValue());
            if (missing <= 0) continue;
            var binding = model.Cells.Where(c => c.Stock.Category == item.Category)
                .Select(c => (c, x: (int)Math.Round(c.X.SolutionValue())))
                .Where(t => t.x >= t.c.Cap)
                .Select(t => new BindingLimit(t.c.Donor.Ally, item.Category, t.c.CapIsFloor ? "floor" : "stock", t.c.Stock.Stock, t.c.Stock.Floor, t.x))
                .ToList();
            var words = $"{item.Category}: {missing} of {item.Quantity} cannot be supplied"
                + (binding.Count == 0 ? ": no donor holds any." : ": " + string.Join("; ", binding.Select(b => b.Limit == "floor"
                    ? $"{b.Donor}'s floor of {b.Floor} leaves {b.Gives} of its {b.Stock}"
                    : $"{b.Donor} gives all {b.Stock} it holds")) + ".");
            shortfalls.Add(new Shortfall(item.Category, item.Quantity, missing, binding, words));
        }
        return new AssistancePlan(false, [], [], null, shortfalls, model.Name,
            "The request cannot be met: " + string.Join(" ", shortfalls.Select(s => s.Words)));
    }
}
