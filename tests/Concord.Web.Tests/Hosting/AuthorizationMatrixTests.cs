using System.Net;
using System.Text;
using Concord.Features.Access;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Web.Tests.Hosting;

/// <summary>
/// Every endpoint under /api, taken from the app's own endpoint data source, called by every role and by a visitor:
/// what the table below allows is not refused (no 401, no 403), what it does not allow is (401 for a visitor, 403
/// for an account). An endpoint missing from the table fails the test, so a new one cannot be left out. Route values
/// name nothing that exists and bodies are empty, so no call changes anything.
/// </summary>
public sealed class AuthorizationMatrixTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static readonly Role[] Everyone = Enum.GetValues<Role>();

    /// <summary>Who may call each endpoint, written by hand from issue 5 (not read from the code under test).</summary>
    private static readonly Dictionary<string, (bool Visitor, Role[] Roles)> Expected = new()
    {
        ["GET /api/v1/members/"] = (true, Everyone),
        ["GET /api/v1/members/{code}"] = (true, Everyone),
        ["GET /api/v1/summits/"] = (true, Everyone),
        ["GET /api/v1/summits/{id}"] = (true, Everyone),
        ["GET /api/v1/sources/"] = (true, Everyone),
        ["GET /api/v1/sources/{id}"] = (true, Everyone),
        ["POST /api/v1/sources/"] = (false, [Role.Secretariat, Role.Delegation, Role.CandidateDelegation, Role.Analyst]),
        ["GET /api/v1/statements/"] = (true, Everyone),
        ["GET /api/v1/statements/{id}"] = (true, Everyone),
        ["POST /api/v1/statements/"] = (false, [Role.Secretariat, Role.Analyst, Role.Delegation]),
        ["GET /api/v1/actors"] = (true, Everyone),
        ["GET /api/v1/actors/{id}"] = (true, Everyone),
        ["GET /api/v1/search"] = (true, Everyone),
        ["GET /api/v1/feeds/all"] = (true, Everyone),
        ["GET /api/v1/feeds/calendar"] = (true, Everyone),
        ["GET /api/v1/to-act"] = (false, [Role.Delegation]),
        ["GET /api/v1/forecasts/accessions/{candidate}"] = (true, Everyone),
        ["GET /api/v1/forecasts/decisions/{id}"] = (true, Everyone),
        ["POST /api/v1/webhooks/"] = (false, [Role.Administrator]),
        ["GET /api/v1/webhooks/"] = (false, [Role.Administrator]),
        ["GET /api/v1/webhooks/{id}/deliveries"] = (false, [Role.Administrator]),
        ["POST /api/v1/webhooks/{id}/disable"] = (false, [Role.Administrator]),
        ["GET /api/v1/feeds/decisions/{id}"] = (true, Everyone),
        ["GET /api/v1/feeds/accessions/{candidate}"] = (true, Everyone),
        ["GET /api/v1/feeds/actors/{id}"] = (true, Everyone),
        ["GET /api/v1/decisions/"] = (true, Everyone),
        ["GET /api/v1/decisions/{id}"] = (true, Everyone),
        ["GET /api/v1/decisions/{id}/positions"] = (true, Everyone),
        ["POST /api/v1/decisions/"] = (false, [Role.Secretariat]),
        ["POST /api/v1/decisions/{id}/positions"] = (false, [Role.Delegation]),
        ["POST /api/v1/decisions/{id}/judgments"] = (false, [Role.Secretariat, Role.Analyst]),
        ["POST /api/v1/decisions/{id}/silence"] = (false, [Role.Secretariat]),
        ["POST /api/v1/decisions/{id}/conclusion"] = (false, [Role.Secretariat]),
        ["POST /api/v1/decisions/{id}/withdrawal"] = (false, [Role.Secretariat]),
        ["POST /api/v1/decisions/{id}/release"] = (false, [Role.Secretariat]),
        ["GET /api/v1/accessions/"] = (true, Everyone),
        ["GET /api/v1/accessions/{candidate}"] = (true, Everyone),
        ["POST /api/v1/accessions/"] = (false, [Role.Secretariat, Role.CandidateDelegation]),
        ["POST /api/v1/accessions/{candidate}/steps"] = (false, [Role.Secretariat, Role.CandidateDelegation]),
        ["POST /api/v1/accessions/{candidate}/ratifications"] = (false, [Role.Secretariat, Role.Delegation]),
        ["GET /api/v1/events/"] = (true, Everyone),
        ["GET /api/v1/readiness/"] = (true, Everyone),
        ["GET /api/v1/readiness/{ally}"] = (true, Everyone),
        ["GET /api/v1/readiness/{ally}/impact"] = (true, Everyone),
        ["POST /api/v1/assistance/plan"] = (false, Everyone),
        ["GET /api/v1/audit/"] = (false, [Role.Administrator, Role.Secretariat]),
        ["GET /api/v1/audit/verify"] = (false, [Role.Administrator, Role.Secretariat]),
        ["POST /api/v1/assistance/imports/timeline"] = (false, [Role.Secretariat]),
        ["POST /api/v1/assistance/imports/pledges"] = (false, [Role.Secretariat]),
        ["POST /api/v1/assistance/imports/pledge-amendments"] = (false, [Role.Secretariat]),
        ["POST /api/v1/assistance/imports/delays"] = (false, [Role.Secretariat]),
        ["POST /api/v1/assistance/imports/kiel"] = (false, [Role.Secretariat]),
        ["POST /api/v1/assistance/imports/kiel-monthly"] = (false, [Role.Secretariat]),
        ["POST /api/v1/assistance/imports/iati"] = (false, [Role.Secretariat]),
        ["POST /api/v1/assistance/pledges"] = (false, [Role.Secretariat, Role.Delegation]),
        ["POST /api/v1/assistance/pledges/{id}/status"] = (false, [Role.Secretariat, Role.Delegation]),
        ["POST /api/v1/assistance/pledges/{id}/deliveries"] = (false, [Role.Secretariat, Role.Delegation]),
        ["POST /api/v1/assistance/pledges/{id}/amendments"] = (false, [Role.Secretariat, Role.Delegation]),
        ["POST /api/v1/assistance/pledges/{id}/cancellation"] = (false, [Role.Secretariat, Role.Delegation]),
        ["GET /api/v1/assistance/pledges"] = (true, Everyone),
        ["GET /api/v1/assistance/pledges/{id}"] = (true, Everyone),
        ["GET /api/v1/assistance/delays"] = (true, Everyone),
        ["GET /api/v1/assistance/backlog"] = (true, Everyone),
        ["GET /api/v1/assistance/export"] = (true, Everyone),
    };

    /// <summary>Values for route parameters that name nothing (a 404 when allowed, never a change).</summary>
    private static readonly Dictionary<string, string> Nothing = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = "no-such-thing", ["code"] = "XXX", ["candidate"] = "XXX",
        ["ally"] = "XXX",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Callers() => [.. Everyone.Select(r => r.ToString()).Prepend("Visitor")];

    [Fact]
    public void every_api_endpoint_of_the_app_is_in_the_expected_table_and_the_table_names_no_other()
    {
        var endpoints = ApiEndpoints(factory).Select(e => e.Key).ToList();

        Assert.Empty(endpoints.Except(Expected.Keys));
        Assert.Empty(Expected.Keys.Except(endpoints));
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task every_api_endpoint_answers_each_caller_as_the_table_says(string caller)
    {
        var role = caller == "Visitor" ? (Role?)null : Enum.Parse<Role>(caller);
        var client = role switch
        {
            null => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }),
            Role.Delegation => factory.ClientAs(Role.Delegation, "DEU"),
            Role.CandidateDelegation => factory.ClientAs(Role.CandidateDelegation, "UKR"),
            { } r => factory.ClientAs(r),
        };
        var before = await factory.Secretariat.LogHead();
        var wrong = new List<string>();

        foreach (var (key, url, method) in ApiEndpoints(factory))
        {
            Assert.True(Expected.TryGetValue(key, out var expected), $"{key} is not in the table");
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method != "GET") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request, Ct);
            var status = (int)response.StatusCode;
            var allowed = role is { } held ? expected.Roles.Contains(held) : expected.Visitor;
            var refusal = role is null ? 401 : 403;
            if (allowed ? status is 401 or 403 : status != refusal)
                wrong.Add($"{key} as {caller}: {status}, expected {(allowed ? "neither 401 nor 403" : refusal.ToString())}");
            if (!allowed && role is null) Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            if (!allowed) await response.AssertProblem((HttpStatusCode)refusal);
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.Equal(before, await factory.Secretariat.LogHead());
    }

    [Fact]
    public async Task a_refused_account_is_told_why_in_words()
    {
        using var response = await factory.ClientAs(Role.Analyst).PostJson("/api/v1/decisions", new { subject = "Not mine to open" });

        var problem = await response.AssertProblem(HttpStatusCode.Forbidden);
        Assert.Equal("Opening a decision is for the secretariat; the account 'analyst' is an analyst.", problem.GetProperty("detail").GetString());
    }

    /// <summary>Each /api endpoint as "METHOD /pattern", with a URL that names nothing and its method.</summary>
    internal static IEnumerable<(string Key, string Url, string Method)> ApiEndpoints(ConcordFactory factory)
    {
        var source = factory.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>().Where(EndpointGuard.IsApi))
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var url = endpoint.RoutePattern.Parameters.Aggregate(pattern, (u, p) => u.Replace("{" + p.Name + "}", Nothing[p.Name], StringComparison.Ordinal));
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                yield return ($"{method} {pattern}", url, method);
        }
    }
}

/// <summary>A deployment with the public view off: visitors get nothing without signing in.</summary>
public sealed class PrivateViewFactory : ConcordFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [.. base.Settings, new("Concord:PublicView", "false")];
}

/// <summary>With <c>Concord:PublicView</c> off, a visitor reads nothing: the API answers 401, pages send to sign-in.</summary>
public sealed class PrivateViewTests(PrivateViewFactory factory) : IClassFixture<PrivateViewFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task without_the_public_view_a_visitor_reading_the_api_gets_401_with_a_bearer_challenge()
    {
        using var response = await factory.CreateClient().GetAsync($"/api/v1/decisions/{ApiCalls.UkraineInvitation}", Ct);

        await response.AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task without_the_public_view_a_signed_in_observer_still_reads_the_api()
    {
        await factory.ClientAs(Role.Observer).GetJson("/api/v1/members");
    }

    [Fact]
    public async Task without_the_public_view_a_visitor_opening_a_page_is_sent_to_sign_in_and_back()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/decisions", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signin?ReturnUrl=%2Fdecisions", response.Headers.Location?.PathAndQuery);
        using var signIn = await client.GetAsync("/account/signin", Ct);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }
}
