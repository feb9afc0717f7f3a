using System.Net;
using System.Net.Http.Headers;
using Concord.Domain;
using Concord.Features.Access;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Concord.Web.Tests.Hosting;

/// <summary>An account's answers are never stored by a cache; a visitor's API reads are PUBLIC and carry an ETag.</summary>
public sealed class CachePolicyTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void AssertNoStore(HttpResponseMessage response) =>
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{response.RequestMessage?.RequestUri}: Cache-Control {response.Headers.CacheControl}");

    [Theory]
    [InlineData("/api/v1/decisions/" + ApiCalls.UkraineInvitation)]
    [InlineData("/api/v1/members")]
    [InlineData("/api/v1/decisions/no-such-decision")]
    [InlineData("/api/v1/events")]
    public async Task an_accounts_api_answer_is_never_stored(string path)
    {
        using var response = await factory.ClientAs(Role.Analyst).GetAsync(path, Ct);

        AssertNoStore(response);
    }

    [Fact]
    public async Task an_accounts_write_answer_is_never_stored()
    {
        using var response = await factory.Secretariat.PostJson("/api/v1/decisions", new { subject = "Answered, not stored" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        AssertNoStore(response);
    }

    [Fact]
    public async Task an_answer_to_a_request_with_a_token_that_fails_is_never_stored()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "concord_pat_nothing_here");

        using var response = await client.GetAsync("/api/v1/members", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertNoStore(response);
    }

    [Fact]
    public async Task a_signed_in_browsers_pages_are_never_stored()
    {
        await TestAccounts.Ensure(factory.Services, new TestAccount("cached-reader", Role.Analyst, null, Marking.NatoSecret, TestAccounts.Password));
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (var signedIn = await browser.SignIn("cached-reader", TestAccounts.Password)) Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        using var page = await browser.GetAsync($"/decisions/{ApiCalls.UkraineInvitation}", Ct);
        using var api = await browser.GetAsync("/api/v1/members", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        AssertNoStore(page);
        AssertNoStore(api);
    }

    [Fact]
    public async Task a_visitors_api_read_carries_an_etag_and_answers_304_to_it()
    {
        var visitor = factory.CreateClient();
        using var first = await visitor.GetAsync("/api/v1/members", Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var tag = first.Headers.ETag;
        Assert.NotNull(tag);
        Assert.True(first.Headers.CacheControl?.NoCache == true, $"Cache-Control {first.Headers.CacheControl}");
        Assert.Contains("Cookie", first.Headers.Vary);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/members") { Headers = { IfNoneMatch = { tag } } };
        using var unchanged = await visitor.SendAsync(again, Ct);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task a_visitors_etag_changes_with_the_answer()
    {
        var visitor = factory.CreateClient();
        using var before = await visitor.GetAsync("/api/v1/decisions", Ct);
        var tag = before.Headers.ETag!;

        using (var opened = await factory.Secretariat.PostJson("/api/v1/decisions", new { subject = "A new public decision", classification = "PUBLIC" }))
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/decisions") { Headers = { IfNoneMatch = { tag } } };
        using var after = await visitor.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(tag, after.Headers.ETag);
        Assert.Contains("A new public decision", await after.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_visitors_answer_longer_than_the_tagged_size_streams_through_whole_and_in_order()
    {
        using var sent = new MemoryStream();
        var chunks = Enumerable.Range(0, 5).Select(i => Enumerable.Repeat((byte)('a' + i), 40).ToArray()).ToList();

        await using (var held = new CachePolicy.HeldBody(sent, 100))
        {
            foreach (var chunk in chunks.Take(2)) await held.WriteAsync(chunk, Ct);
            Assert.False(held.PassedThrough);
            Assert.Equal(0, sent.Length);
            foreach (var chunk in chunks.Skip(2)) await held.WriteAsync(chunk, Ct);
            Assert.True(held.PassedThrough);
        }

        Assert.Equal(chunks.SelectMany(c => c).ToArray(), sent.ToArray());
    }
}
