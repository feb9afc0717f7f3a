using Concord.Domain.Members;
using Concord.Domain.Readiness;
using NodaTime;

namespace Concord.Features.Assistance.Planning;

/// <summary>How the burden of a request is shared: in proportion to the donors' GDP, or to their stocks of each category.</summary>
public enum ShareKey { Gdp, Stocks }

/// <summary>So many of a category, asked for.</summary>
public sealed record RequestItem(StockCategory Category, int Quantity);

/// <summary>
/// A request for assistance: what <paramref name="Recipient"/> needs by <paramref name="By"/>, planned on
/// <paramref name="Today"/>. <paramref name="SpeedWeight"/> (w, in [0, 1]) is the priority of speed over readiness:
/// 0 keeps every donor at or above its floors; higher values let donors go below their floors to deliver on time.
/// </summary>
public sealed record PlanRequest(MemberCode Recipient, IReadOnlyList<RequestItem> Items, LocalDate By, LocalDate Today, ShareKey Share, double SpeedWeight);

/// <summary>What a donor holds of a category, the floor it keeps, and the days a donation takes to arrive.</summary>
public sealed record DonorStock(StockCategory Category, int Stock, int Floor, int LeadDays);

/// <summary>A possible donor: its GDP (billions of USD, the key for sharing by GDP) and its stocks.</summary>
public sealed record Donor(MemberCode Ally, decimal Gdp, IReadOnlyList<DonorStock> Stocks);

/// <summary>
/// One donor's part of the plan in one category: how many, delivered on which date (days late past the request's
/// date), and its stock after against its floor (<paramref name="BelowFloorBy"/> &gt; 0 when it goes below).
/// </summary>
public sealed record PlanLine(MemberCode Donor, StockCategory Category, int Quantity, LocalDate DeliveredOn, int DaysLate,
    int StockAfter, int Floor, int BelowFloorBy);

/// <summary>
/// A donor's burden: the mean, over the requested categories, of the share of each category it gives, beside its fair
/// share under the key (both in percent).
/// </summary>
public sealed record DonorBurden(MemberCode Donor, double SharePct, double FairSharePct);

/// <summary>The objective's terms at the solution (see <see cref="Planner"/> for their definition).</summary>
public sealed record ObjectiveTerms(double Readiness, double Lateness, double Burden, double Total);

/// <summary>A donor whose floor (or whole stock) caps what it can give of a category in an infeasible request.</summary>
public sealed record BindingLimit(MemberCode Donor, StockCategory Category, string Limit, int Stock, int Floor, int Gives);

/// <summary>A category the donors cannot supply in full: the shortfall and the limits that bind.</summary>
public sealed record Shortfall(StockCategory Category, int Requested, int Short, IReadOnlyList<BindingLimit> Binding, string Words);

/// <summary>
/// The planner's answer. Feasible: the lines, burdens and objective terms. Infeasible: the shortfalls, each naming the
/// floors (or stocks) that bind, from a relaxation that lets each category fall short at a high penalty.
/// </summary>
public sealed record AssistancePlan(bool Feasible, IReadOnlyList<PlanLine> Lines, IReadOnlyList<DonorBurden> Burden,
    ObjectiveTerms? Objective, IReadOnlyList<Shortfall> Shortfalls, string Solver, string Summary);
