using System.Net;
using Concord.Features.Access;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Concord.Web.Tests.Hosting;

/// <summary>The OpenAPI document and the API reference follow <c>Concord:PublicView</c>: with it off, accounts only.</summary>
public sealed class ApiReferenceAccessTests(PrivateViewFactory factory) : IClassFixture<PrivateViewFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task without_the_public_view_a_visitor_asking_for_the_openapi_document_gets_401()
    {
        using var response = await factory.CreateClient().GetAsync("/openapi/v1.json", Ct);

        await response.AssertProblem(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("/api/v1/decisions", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task without_the_public_view_a_visitor_opening_the_api_reference_is_sent_to_sign_in()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/scalar", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signin", new Uri(new Uri("http://localhost/"), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task without_the_public_view_an_account_still_reads_the_openapi_document_and_the_reference()
    {
        var observer = factory.ClientAs(Role.Observer);

        var document = await observer.GetJson("/openapi/v1.json");
        using var reference = await observer.GetAsync("/scalar", Ct);

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/decisions", out _));
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }
}
