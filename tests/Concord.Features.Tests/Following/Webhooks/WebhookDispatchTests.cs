using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Concord.Features.EventLog;
using Concord.Features.Following;
using Concord.Features.Following.Webhooks;
using Concord.Features.Tests.Readers;
using Concord.Features.Tests.Accounts;
using Concord.Tests;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Tests.Following.Webhooks;

/// <summary>Rounds of delivery through the store (both providers) to a real receiver on loopback (allowed here by configuration).</summary>
public sealed class WebhookDispatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Reader France = new("fra", new HashSet<Role> { Role.Delegation }, Domain.Members.MemberCode.Parse("FRA"), Marking.NatoSecret);

    private static WebhookOptions Options(int maxAttempts = 10) =>
        new() { AllowPrivateNetworks = true, AttemptSeconds = 5, IntervalSeconds = 0.1, FirstRetrySeconds = 60, MaxRetrySeconds = 600, MaxAttempts = maxAttempts };

    internal static async Task<RegisteredWebhook> Register(TestAccounts accounts, WebhookOptions options, WebhookReceiver receiver, string account, params string[] kinds)
    {
        var registered = await accounts.WithScope((db, a) =>
            new WebhookService(db, a, accounts.Store.Clock, options).Register(new WebhookRequest(receiver.Url, kinds, account), new Uri("https://concord.example/"), TestAccounts.Admin, Ct));
        Assert.Null(registered.Refusal);
        receiver.Secret = registered.Value!.Secret;
        return registered.Value;
    }

    private static Task<bool> Round(TestAccounts accounts, WebhookOptions options, HttpClient? http = null, string holder = "instance-a") =>
        accounts.WithScope((db, a) => new WebhookDispatch(db, a, accounts.Store.Clock, options, http ?? new HttpClient(WebhookAddresses.Handler(options.AllowPrivateNetworks)), holder).Round(Ct));

    private static async Task<List<WebhookDeliveryRow>> Deliveries(TestAccounts accounts)
    {
        await using var db = accounts.Store.NewContext();
        return await db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.Position).ToListAsync(Ct);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_change_of_a_followed_kind_is_posted_once_as_its_feed_entry_signed_with_the_webhooks_secret(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("integrator", "Secretariat", null, "NATO SECRET");
        await using var receiver = await WebhookReceiver.Start();
        var options = Options();
        var hook = await Register(accounts, options, receiver, "integrator", "decision");

        await VisibilityTests.Open(accounts.Store, "hooked", "PUBLIC");
        Assert.True(await Round(accounts, options));
        Assert.True(await Round(accounts, options));

        await using var db = accounts.Store.NewContext();
        var opened = await db.Events.AsNoTracking().SingleAsync(e => e.StreamId == StreamIds.DecisionPrefix + "hooked", Ct);
        var got = Assert.Single(receiver.Received);
        Assert.True(got.SignatureValid);
        Assert.Equal(Feeds.EntryId(opened), got.DeliveryId);
        Assert.Equal(1, got.Attempt);
        var body = got.Json;
        Assert.Equal(Feeds.EntryId(opened), body.GetProperty("id").GetString());
        Assert.Equal(hook.Webhook.Id, body.GetProperty("webhook").GetString());
        Assert.Equal("decision", body.GetProperty("kind").GetString());
        Assert.Equal("Decision opened: Test decision hooked", body.GetProperty("title").GetString());
        Assert.Equal("https://concord.example/decisions/hooked", body.GetProperty("link").GetString());
        // The feed entry, never the raw event: no position, stream, version or payload.
        Assert.DoesNotContain("position", got.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("stream", got.Body, StringComparison.OrdinalIgnoreCase);
        var delivery = Assert.Single(await Deliveries(accounts));
        Assert.Equal((DeliveryStatus.Delivered, 1, "HTTP 200"), (delivery.Status, delivery.Attempts, delivery.LastResult));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_change_the_webhooks_account_may_not_read_or_of_a_kind_it_does_not_follow_is_never_posted_nor_queued(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("public-reader", "Analyst", null, "PUBLIC");
        await using var receiver = await WebhookReceiver.Start();
        var options = Options();
        await Register(accounts, options, receiver, "public-reader", "decision");

        await VisibilityTests.Open(accounts.Store, "hidden-from-hook", "NATO CONFIDENTIAL");
        await VisibilityTests.Open(accounts.Store, "shown-to-hook", "PUBLIC");
        // A position is of the kind "position", which this webhook does not follow.
        Assert.Null((await VisibilityTests.State(accounts.Store, "shown-to-hook", "FRA", "concur", "2025-02-02", France)).Refusal);
        await Round(accounts, options);

        var got = Assert.Single(receiver.Received);
        Assert.Contains("shown-to-hook", got.Json.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Single(await Deliveries(accounts));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_failed_attempt_waits_out_its_stored_backoff_and_the_webhook_is_disabled_by_an_event_after_the_last_attempt(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("integrator", "Secretariat", null, "NATO SECRET");
        await using var receiver = await WebhookReceiver.Start();
        receiver.Answer = (_, _) => Task.FromResult(410);
        var options = Options(maxAttempts: 3);
        var hook = await Register(accounts, options, receiver, "integrator", "decision");
        await VisibilityTests.Open(accounts.Store, "refused-by-hook", "PUBLIC");
        var clock = accounts.Store.Clock;

        await Round(accounts, options);
        var first = Assert.Single(await Deliveries(accounts));
        Assert.Equal((DeliveryStatus.Pending, 1, "HTTP 410"), (first.Status, first.Attempts, first.LastResult));
        Assert.Equal(clock.GetCurrentInstant() + Duration.FromSeconds(60), first.NextAt);

        await Round(accounts, options);
        Assert.Single(receiver.Received);
        clock.Advance(Duration.FromSeconds(60));
        await Round(accounts, options);
        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal(clock.GetCurrentInstant() + Duration.FromSeconds(120), (await Deliveries(accounts))[0].NextAt);
        clock.Advance(Duration.FromSeconds(120));
        await Round(accounts, options);
        clock.Advance(Duration.FromHours(1));
        await Round(accounts, options);

        Assert.Equal([1, 2, 3], receiver.Received.Select(r => r.Attempt));
        Assert.Equal(DeliveryStatus.Failed, (await Deliveries(accounts))[0].Status);
        await using var db = accounts.Store.NewContext();
        var row = await db.Webhooks.AsNoTracking().SingleAsync(Ct);
        Assert.NotNull(row.Disabled);
        Assert.Contains("3 attempts", row.DisabledReason, StringComparison.Ordinal);
        var disabled = await db.Events.AsNoTracking().SingleAsync(e => e.Name == "WebhookDisabled", Ct);
        Assert.Equal((StreamIds.Accounts, WebhookDispatch.Writer), (disabled.StreamId, disabled.RecordedBy));
        Assert.Equal(hook.Webhook.Id, ((WebhookDisabled)EventStore.Deserialize(disabled)).Webhook);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_connection_to_a_loopback_address_is_refused_when_private_networks_are_not_allowed_and_nothing_reaches_it(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("integrator", "Secretariat", null, "NATO SECRET");
        await using var receiver = await WebhookReceiver.Start();
        // Registered while allowed (as a name that resolved elsewhere at registration would be), then sent while not:
        // the check on the connection is what holds.
        await Register(accounts, Options(), receiver, "integrator", "decision");
        await VisibilityTests.Open(accounts.Store, "rebound", "PUBLIC");
        var strict = Options();
        strict.AllowPrivateNetworks = false;

        await Round(accounts, strict, new HttpClient(WebhookAddresses.Handler(allowPrivate: false)));

        Assert.Empty(receiver.Received);
        var delivery = Assert.Single(await Deliveries(accounts));
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        Assert.Contains("refused", delivery.LastResult, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_second_instance_sends_nothing_while_the_first_holds_the_lease_and_takes_over_once_it_lapses(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("integrator", "Secretariat", null, "NATO SECRET");
        await using var receiver = await WebhookReceiver.Start();
        var options = Options();
        await Register(accounts, options, receiver, "integrator", "decision");

        Assert.True(await Round(accounts, options, holder: "instance-a"));
        await VisibilityTests.Open(accounts.Store, "leased", "PUBLIC");
        Assert.False(await Round(accounts, options, holder: "instance-b"));
        Assert.Empty(receiver.Received);

        accounts.Store.Clock.Advance(Duration.FromMinutes(1));
        Assert.True(await Round(accounts, options, holder: "instance-b"));
        Assert.Single(receiver.Received);
        Assert.False(await Round(accounts, options, holder: "instance-a"));
    }
}
