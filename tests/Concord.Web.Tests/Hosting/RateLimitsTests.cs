using System.Net;
using System.Text;
using Concord.Features.Access;
using Microsoft.AspNetCore.Http;
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

    /// <summary>Sends a POST as a server would receive it, from <paramref name="address"/>, with the path exactly as given
    /// (no client tidies it); the body is not what the endpoint wants, so nothing is stored. Returns the status.</summary>
    private async Task<int> RawPost(string path, IPAddress address, string? bearer = null)
    {
        var context = await factory.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = address;
            http.Request.Method = HttpMethods.Post;
            http.Request.Path = new PathString(path);
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("{"));
            if (bearer is not null) http.Request.Headers.Authorization = "Bearer " + bearer;
        }, Ct);
        return context.Response.StatusCode;
    }

    private static int _addresses;

    /// <summary>An address no other test sends from: each test has its own allowance.</summary>
    private static IPAddress FreshAddress() => new([10, 99, 0, (byte)Interlocked.Increment(ref _addresses)]);

    [Theory]
    [InlineData("/account/signin/")]
    [InlineData("/Account/SignIn")]
    [InlineData("/ACCOUNT/SIGNIN/")]
    [InlineData("//account/signin")]
    [InlineData("/account//signin")]
    [InlineData("/account/signin//")]
    public async Task a_sign_in_posted_to_another_spelling_of_the_path_counts_against_the_same_limit(string variant)
    {
        var address = FreshAddress();

        var statuses = new[] { await RawPost("/account/signin", address), await RawPost(variant, address), await RawPost(variant, address) };

        Assert.NotEqual(StatusCodes.Status429TooManyRequests, statuses[0]);
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, statuses[1]);
        Assert.Equal(StatusCodes.Status429TooManyRequests, statuses[2]);
    }

    [Theory]
    [InlineData("DNK", "/api/v1/decisions/" + ApiCalls.UkraineInvitation + "/positions/")]
    [InlineData("EST", "/API/V1/DECISIONS/" + ApiCalls.UkraineInvitation + "/POSITIONS")]
    [InlineData("LVA", "//api/v1/decisions/" + ApiCalls.UkraineInvitation + "/positions")]
    [InlineData("LTU", "/api//v1/decisions//" + ApiCalls.UkraineInvitation + "/positions/")]
    public async Task an_api_write_to_another_spelling_of_the_path_counts_against_the_same_limit(string state, string variant)
    {
        var token = factory.Delegation(state).DefaultRequestHeaders.Authorization!.Parameter;
        var address = FreshAddress();

        var statuses = new[]
        {
            await RawPost($"/api/v1/decisions/{ApiCalls.UkraineInvitation}/positions", address, token),
            await RawPost(variant, address, token), await RawPost(variant, address, token),
        };

        Assert.NotEqual(StatusCodes.Status429TooManyRequests, statuses[0]);
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, statuses[1]);
        Assert.Equal(StatusCodes.Status429TooManyRequests, statuses[2]);
    }
}
