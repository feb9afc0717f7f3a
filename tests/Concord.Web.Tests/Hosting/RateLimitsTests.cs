using System.Net;
using Concord.Features.Access;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Concord.Web.Tests.Hosting;

/// <summary>A host with low limits: 2 sign-in attempts and 2 writes a minute.</summary>
public sealed class RateLimitedFactory : ConcordFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        .. base.Settings, new("Concord:RateLimits:SignInPerMinute", "2"), new("Concord:RateLimits:WritesPerMinute", "2"),
    ];
}

/// <summary>ASP.NET Core's rate limiter on sign-in (per address) and on API writes (per account): 429 with Retry-After.</summary>
public sealed class RateLimitsTests(RateLimitedFactory factory) : IClassFixture<RateLimitedFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task sign_in_attempts_beyond_the_limit_are_answered_429_with_retry_after()
    {
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var first = await browser.SignIn("someone", "wrong password one");
        using var second = await browser.SignIn("someone", "wrong password two");

        using var third = await browser.SignIn("someone", "wrong password three");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await third.AssertProblem(HttpStatusCode.TooManyRequests);
        Assert.True(third.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, $"Retry-After: {third.Headers.RetryAfter}");
    }

    [Fact]
    public async Task writes_beyond_the_limit_are_answered_429_with_retry_after_and_change_nothing()
    {
        var analyst = factory.ClientAs(Role.Analyst);
        var secretariat = factory.Secretariat;
        using var first = await secretariat.PostJson("/api/v1/decisions", new { subject = "First within the limit" });
        using var second = await secretariat.PostJson("/api/v1/decisions", new { subject = "Second within the limit" });

        var problem = await secretariat.AssertRefusedWithoutChange(
            () => secretariat.PostJson("/api/v1/decisions", new { subject = "One too many" }), HttpStatusCode.TooManyRequests);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Contains("Try again in", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Another account has its own allowance, and reads are never limited.
        using var other = await analyst.PostJson("/api/v1/decisions", new { subject = "Not the analyst's to open" });
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        await secretariat.GetJson("/api/v1/decisions");
    }

    [Fact]
    public async Task a_rate_limited_write_says_when_to_retry()
    {
        var delegation = factory.Delegation("NOR");
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await delegation.PostJson($"/api/v1/decisions/{ApiCalls.UkraineInvitation}/positions", new { member = "NOR", kind = "maybe" });
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter);
        last.Dispose();
    }
}
