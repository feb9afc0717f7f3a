using System.Net;
using Concord.Domain;
using Concord.Features;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Concord.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Concord.Web.Tests.Hosting;

/// <summary>Writes under an Idempotency-Key: the first answer again, and one set of events only.</summary>
public sealed class IdempotencyTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private readonly HttpClient _client = factory.Secretariat;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewKey() => Guid.NewGuid().ToString();

    [Fact]
    public async Task opening_twice_under_one_key_gives_the_first_answer_again_and_appends_one_event()
    {
        var key = NewKey();
        var before = await _client.LogHead();

        using var first = await _client.PostJson("/api/v1/decisions", new { subject = "Open once" }, key);
        var firstBody = await first.Content.ReadAsStringAsync(Ct);
        factory.Clock.Advance(Duration.FromMinutes(5));
        using var second = await _client.PostJson("/api/v1/decisions", new { subject = "Open once" }, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(["true"], second.Headers.GetValues("Idempotent-Replayed"));
        var after = await _client.AllEvents();
        Assert.Equal(before.Count + 1, after.Count);
        // The key is kept as the account's own (a hash of the account's id and the key), so no other account's request
        // can find it, and a reader of the log learns neither.
        Assert.Equal(Idempotency.Scoped("id " + (await AccountId("secretariat")), key), after[^1].GetProperty("idempotencyKey").GetString());
    }

    [Fact]
    public async Task recording_a_position_twice_under_one_key_gives_the_first_answer_again_and_appends_one_event()
    {
        var id = (await _client.OpenDecision("Position once")).Id();
        var key = NewKey();
        var before = await _client.LogHead();
        var position = new { member = "NOR", kind = "concur", expectedVersion = 1 };

        var norway = factory.Delegation("NOR");
        using var first = await norway.PostJson($"/api/v1/decisions/{id}/positions", position, key);
        using var second = await norway.PostJson($"/api/v1/decisions/{id}/positions", position, key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(before.Count + 1, (await _client.LogHead()).Count);
    }

    [Fact]
    public async Task the_same_key_with_a_different_body_is_refused_and_changes_nothing()
    {
        var key = NewKey();
        using var first = await _client.PostJson("/api/v1/decisions", new { subject = "First use of the key" }, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        await _client.AssertRefusedWithoutChange(
            () => _client.PostJson("/api/v1/decisions", new { subject = "Second use of the key" }, key), HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
    }

    [Fact]
    public async Task the_same_key_on_another_route_is_refused_and_changes_nothing()
    {
        var id = (await _client.OpenDecision("Key reused elsewhere")).Id();
        var key = NewKey();
        using var first = await _client.PostJson("/api/v1/decisions", new { subject = "First use of the key" }, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        await _client.AssertRefusedWithoutChange(
            () => _client.PostJson($"/api/v1/decisions/{id}/withdrawal", new { reason = "Reusing the key" }, key),
            HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
    }

    [Fact]
    public async Task one_accounts_key_never_replays_another_accounts_response()
    {
        var id = (await _client.OpenDecision("Two delegations, one key")).Id();
        var key = NewKey();
        var before = await _client.LogHead();

        using var norway = await factory.Delegation("NOR").PostJson($"/api/v1/decisions/{id}/positions", new { member = "NOR", kind = "concur" }, key);
        using var denmark = await factory.Delegation("DNK").PostJson($"/api/v1/decisions/{id}/positions", new { member = "DNK", kind = "concur" }, key);

        Assert.Equal(HttpStatusCode.OK, norway.StatusCode);
        Assert.Equal(HttpStatusCode.OK, denmark.StatusCode);
        Assert.False(denmark.Headers.Contains("Idempotent-Replayed"));
        var after = await _client.AllEvents();
        Assert.Equal(before.Count + 2, after.Count);
        Assert.Equal(["delegation-nor", "delegation-dnk"], after.TakeLast(2).Select(e => e.GetProperty("recordedBy").GetString()));
    }

    [Fact]
    public async Task a_refused_request_does_not_use_up_its_key()
    {
        var id = (await _client.OpenDecision("Retry after a mistake")).Id();
        var key = NewKey();

        await _client.AssertRefusedWithoutChange(
            () => factory.Delegation("NOR").PostJson($"/api/v1/decisions/{id}/positions", new { member = "NOR", kind = "maybe" }, key), HttpStatusCode.BadRequest, "kind");
        using var corrected = await factory.Delegation("NOR").PostJson($"/api/v1/decisions/{id}/positions", new { member = "NOR", kind = "concur" }, key);

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.False(corrected.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task a_replay_after_the_account_s_clearance_was_lowered_shows_nothing_above_its_new_clearance()
    {
        var (client, account) = await TokenAccount("lowered-after-writing", Role.Secretariat);
        var key = NewKey();
        using var first = await client.PostJson("/api/v1/decisions", new { subject = "Only for the secret reader", classification = "NATO SECRET" }, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Contains("Only for the secret reader", await first.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        await using (var scope = factory.Services.CreateAsyncScope())
            Assert.Null((await scope.ServiceProvider.GetRequiredService<AccountService>().SetClearance(account, "NATO UNCLASSIFIED", WriteContext.System, Ct)).Refusal);
        var before = await _client.LogHead();
        using var replay = await client.PostJson("/api/v1/decisions", new { subject = "Only for the secret reader", classification = "NATO SECRET" }, key);

        Assert.DoesNotContain("Only for the secret reader", await replay.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before.Count, (await _client.LogHead()).Count);
    }

    [Fact]
    public async Task a_new_account_under_a_removed_account_s_name_never_gets_its_answers()
    {
        var (removed, name) = await TokenAccount("name-used-twice", Role.Secretariat);
        var key = NewKey();
        using var first = await removed.PostJson("/api/v1/decisions", new { subject = "Opened by the first holder of the name" }, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
            Assert.Null((await scope.ServiceProvider.GetRequiredService<AccountService>().Remove(name, WriteContext.System, Ct)).Refusal);

        var (successor, _) = await TokenAccount(name, Role.Secretariat);
        using var second = await successor.PostJson("/api/v1/decisions", new { subject = "Opened by the first holder of the name" }, key);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(first.Headers.Location, second.Headers.Location);
    }

    /// <summary>A client calling with a token of a new account of its own (so a test may change the account).</summary>
    private async Task<(HttpClient Client, string UserName)> TokenAccount(string userName, Role role)
    {
        var user = await TestAccounts.Ensure(factory.Services, new TestAccount(userName, role, null, Marking.NatoSecret, null));
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            await TestAccounts.Token(factory.Services, user, factory.Clock.GetCurrentInstant() + Duration.FromDays(30)));
        return (client, userName);
    }

    private async Task<string> AccountId(string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ConcordUser>>().FindByNameAsync(userName))!.Id;
    }

    [Fact]
    public async Task a_key_longer_than_200_characters_is_refused_naming_the_header_and_changes_nothing()
    {
        await _client.AssertRefusedWithoutChange(
            () => _client.PostJson("/api/v1/decisions", new { subject = "Long key" }, new string('k', 201)), HttpStatusCode.BadRequest, "Idempotency-Key");
    }
}
