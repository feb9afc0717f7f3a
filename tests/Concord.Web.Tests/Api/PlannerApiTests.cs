using System.Net;
using Concord.Features.Access;

namespace Concord.Web.Tests.Api;

/// <summary>POST /api/v1/assistance/plan: signed-in accounts plan a request over the readiness data; bad input is a 400 naming the field.</summary>
public sealed class PlannerApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    [Fact]
    public async Task an_analyst_plans_a_request_that_keeps_every_floor()
    {
        using var response = await factory.ClientAs(Role.Analyst).PostJson("/api/v1/assistance/plan", new
        {
            recipient = "UKR", by = "2026-06-30", share = "gdp", speedWeight = 0,
            items = new[] { new { category = "air-defence", quantity = 12 }, new { category = "ammunition-155mm", quantity = 100_000 } },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = (await response.Json()).GetProperty("plan");
        Assert.True(plan.GetProperty("feasible").GetBoolean());
        Assert.All(plan.GetProperty("lines").EnumerateArray(),
            l => Assert.True(l.GetProperty("stockAfter").GetInt32() >= l.GetProperty("floor").GetInt32()));
        Assert.Equal(100_012, plan.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("quantity").GetInt32()));
    }

    [Fact]
    public async Task an_impossible_request_names_the_floors_that_bind()
    {
        using var response = await factory.ClientAs(Role.Analyst).PostJson("/api/v1/assistance/plan", new
        {
            by = "2026-06-30", items = new[] { new { category = "air-defence", quantity = 5000 } },
        });
        var plan = (await response.Json()).GetProperty("plan");
        Assert.False(plan.GetProperty("feasible").GetBoolean());
        Assert.Contains("DEU's floor of 14 leaves 3 of its 17", plan.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_plan_with_a_bad_quantity_is_refused_naming_the_field()
    {
        using var response = await factory.ClientAs(Role.Analyst).PostJson("/api/v1/assistance/plan", new
        {
            by = "2026-06-30", items = new[] { new { category = "air-defence", quantity = -3 } },
        });
        await response.AssertProblem(HttpStatusCode.BadRequest, "items[0].quantity");
    }

    [Fact]
    public async Task a_visitor_may_not_plan()
    {
        using var response = await factory.CreateClient().PostJson("/api/v1/assistance/plan", new { by = "2026-06-30" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
