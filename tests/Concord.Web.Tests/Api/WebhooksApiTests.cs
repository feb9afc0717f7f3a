using System.Net;
using Concord.Features.Access;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/webhooks over HTTP: registered, listed, logged and disabled by an administrator; bad input stores nothing.</summary>
public sealed class WebhooksApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Admin => factory.ClientAs(Role.Administrator);

    private static string AdminName => TestAccounts.UserName(Role.Administrator, null);

    private async Task<(int Events, int Webhooks)> Stored()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
        return (await db.Events.CountAsync(Ct), await db.Webhooks.CountAsync(Ct));
    }

    [Fact]
    public async Task an_administrator_registers_a_webhook_and_is_shown_its_secret_once_never_in_the_list_nor_the_log()
    {
        using var registered = await Admin.PostJson("/api/v1/webhooks", new { url = "https://203.0.113.5/concord", kinds = new[] { "decision", "Position" }, account = AdminName });

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal("no-store", registered.Headers.CacheControl?.ToString());
        var body = await registered.Json();
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("webhook").GetProperty("id").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(["decision", "position"], body.GetProperty("webhook").GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(AdminName, body.GetProperty("webhook").GetProperty("account").GetString());
        var listed = await Admin.GetJson("/api/v1/webhooks");
        Assert.Contains(listed.EnumerateArray(), w => w.GetProperty("id").GetString() == id);
        Assert.DoesNotContain(secret, listed.GetRawText(), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
        var logged = await db.Events.AsNoTracking().Where(e => e.Name == "WebhookRegistered").Select(e => e.Payload).ToListAsync(Ct);
        Assert.Contains(logged, d => d.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain(logged, d => d.Contains(secret, StringComparison.Ordinal));
        Assert.Empty((await Admin.GetJson($"/api/v1/webhooks/{id}/deliveries")).EnumerateArray());
    }

    [Theory]
    [InlineData("ftp://203.0.113.5/hook", "decision", "url")]
    [InlineData("not a url", "decision", "url")]
    [InlineData("http://127.0.0.1:9/hook", "decision", "url")]
    [InlineData("http://192.168.0.10/hook", "decision", "url")]
    [InlineData("http://[fd00::1]/hook", "decision", "url")]
    [InlineData("http://localhost/hook", "decision", "url")]
    [InlineData("https://203.0.113.5/hook", "everything", "kinds")]
    [InlineData("https://203.0.113.5/hook", "", "kinds")]
    public async Task a_webhook_to_a_private_network_or_of_an_unknown_kind_is_refused_naming_the_field_and_nothing_is_stored(string url, string kind, string field)
    {
        var before = await Stored();

        using var refused = await Admin.PostJson("/api/v1/webhooks", new { url, kinds = kind.Length == 0 ? Array.Empty<string>() : [kind], account = AdminName });

        await refused.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await Stored());
    }

    [Fact]
    public async Task a_webhook_for_an_account_that_does_not_exist_is_refused_naming_the_account()
    {
        var before = await Stored();
        using var refused = await Admin.PostJson("/api/v1/webhooks", new { url = "https://203.0.113.5/hook", kinds = new[] { "decision" }, account = "nobody-here" });
        await refused.AssertProblem(HttpStatusCode.BadRequest, "account");
        Assert.Equal(before, await Stored());
    }

    [Fact]
    public async Task only_an_administrator_may_register_list_or_disable_a_webhook()
    {
        var request = new { url = "https://203.0.113.5/hook", kinds = new[] { "decision" }, account = AdminName };
        using var secretariat = await factory.Secretariat.PostJson("/api/v1/webhooks", request);
        using var visitor = await factory.CreateClient().PostJson("/api/v1/webhooks", request);
        using var list = await factory.Secretariat.GetAsync("/api/v1/webhooks", Ct);

        await secretariat.AssertProblem(HttpStatusCode.Forbidden);
        await visitor.AssertProblem(HttpStatusCode.Unauthorized);
        await list.AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_disabled_webhook_says_why_and_disabling_it_again_is_a_conflict()
    {
        using var registered = await Admin.PostJson("/api/v1/webhooks", new { url = "https://203.0.113.5/hook", kinds = new[] { "statement" }, account = AdminName });
        var id = (await registered.Json()).GetProperty("webhook").GetProperty("id").GetString()!;

        using var disabled = await Admin.PostJson($"/api/v1/webhooks/{id}/disable", new { reason = "The receiver moved." });
        using var again = await Admin.PostJson($"/api/v1/webhooks/{id}/disable", new { reason = "Twice." });
        using var unknown = await Admin.PostJson("/api/v1/webhooks/wh-none/disable", new { });

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal("The receiver moved.", (await disabled.Json()).GetProperty("disabledReason").GetString());
        await again.AssertProblem(HttpStatusCode.Conflict);
        await unknown.AssertProblem(HttpStatusCode.NotFound);
    }
}
