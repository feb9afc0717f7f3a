using System.Net;

namespace Concord.Web.Tests.Hosting;

/// <summary>Security headers on pages, the API, errors, and the API reference's own policy.</summary>
public sealed class SecurityHeadersTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/api/v1/members")]
    [InlineData("/api/v1/decisions/no-such-decision")]
    [InlineData("/account/signin")]
    public async Task every_answer_carries_the_security_headers_and_a_csp_without_inline_script(string path)
    {
        using var response = await _client.GetAsync(path, Ct);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["no-referrer"], response.Headers.GetValues("Referrer-Policy"));
        Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/v1/members")]
    [InlineData("/api/v1/decisions/no-such-decision")]
    [InlineData("/scalar")]
    public async Task every_answer_turns_off_browser_features_and_keeps_its_own_browsing_context(string path)
    {
        using var response = await _client.GetAsync(path, Ct);

        var policy = Assert.Single(response.Headers.GetValues("Permissions-Policy"));
        Assert.Contains("camera=()", policy, StringComparison.Ordinal);
        Assert.Contains("microphone=()", policy, StringComparison.Ordinal);
        Assert.Contains("geolocation=()", policy, StringComparison.Ordinal);
        Assert.Equal(["same-origin"], response.Headers.GetValues("Cross-Origin-Opener-Policy"));
    }

    [Fact]
    public async Task the_api_reference_alone_may_run_its_inline_start_script_and_eval_and_still_cannot_be_framed()
    {
        using var response = await _client.GetAsync("/scalar", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' 'unsafe-inline' 'unsafe-eval';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_error_answer_shows_no_stack_trace_and_keeps_the_headers()
    {
        using var response = await _client.PostAsync("/api/v1/decisions", new StringContent("{", System.Text.Encoding.UTF8, "application/json"), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
    }
}
