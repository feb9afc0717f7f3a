using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.EventLog;
using Concord.Features.Following.Webhooks;
using Concord.Features.Tests.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Tests.Following.Webhooks;

/// <summary>Registering and disabling webhooks through the store (both providers).</summary>
public sealed class WebhookServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly WebhookOptions Strict = new();

    private static Task<Result<RegisteredWebhook>> Register(TestAccounts accounts, string? url, string[]? kinds, string? account, WriteContext? who = null) =>
        accounts.WithScope((db, a) => new WebhookService(db, a, accounts.Store.Clock, Strict).Register(new WebhookRequest(url, kinds, account), null, who ?? TestAccounts.Admin, Ct));

    private static async Task<(int Events, int Webhooks)> Stored(TestAccounts accounts)
    {
        await using var db = accounts.Store.NewContext();
        return (await db.Events.CountAsync(Ct), await db.Webhooks.CountAsync(Ct));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_registration_is_an_event_of_the_accounts_stream_by_the_administrator_and_its_secret_is_kept_only_beside_it(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("integrator", "Analyst");

        var registered = (await Register(accounts, "https://203.0.113.5/hook", ["statement", "pledge"], "Integrator")).Value!;

        await using var db = accounts.Store.NewContext();
        var e = await db.Events.AsNoTracking().SingleAsync(x => x.Name == "WebhookRegistered", Ct);
        Assert.Equal((StreamIds.Accounts, TestAccounts.Admin.RecordedBy), (e.StreamId, e.RecordedBy));
        var logged = Assert.IsType<WebhookRegistered>(EventStore.Deserialize(e));
        Assert.Equal(("integrator", registered.Webhook.Id, "https://203.0.113.5/hook"), (logged.UserName, logged.Webhook, logged.Url));
        Assert.Equal(["statement", "pledge"], logged.Kinds);
        Assert.DoesNotContain(registered.Secret, e.Payload, StringComparison.Ordinal);
        var row = await db.Webhooks.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(registered.Secret, row.Secret);
        // From now on: a new receiver is not sent the history before it.
        Assert.Equal(await db.Events.MaxAsync(x => x.Position, Ct) - 1, row.Cursor);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_refused_registration_names_its_field_and_stores_nothing(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("integrator", "Analyst");
        var before = await Stored(accounts);

        var refusals = new[]
        {
            await Register(accounts, "gopher://203.0.113.5/", ["decision"], "integrator"),
            await Register(accounts, "http://10.1.1.1/hook", ["decision"], "integrator"),
            await Register(accounts, "https://203.0.113.5/hook", null, "integrator"),
            await Register(accounts, "https://203.0.113.5/hook", ["decisions"], "integrator"),
            await Register(accounts, "https://203.0.113.5/hook", ["decision"], "nobody"),
            await Register(accounts, "https://203.0.113.5/hook", ["decision"], null),
        };

        Assert.Equal(["url", "url", "kinds", "kinds", "account", "account"], refusals.Select(r => r.Refusal?.Field));
        Assert.Equal(before, await Stored(accounts));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task only_an_administrator_registers_or_disables_a_webhook(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("integrator", "Analyst");
        var secretariat = WriteContext.By(new Reader("sec", new HashSet<Role> { Role.Secretariat }, null, Marking.NatoSecret));
        var registered = (await Register(accounts, "https://203.0.113.5/hook", ["decision"], "integrator")).Value!;
        var before = await Stored(accounts);

        var refused = await Register(accounts, "https://203.0.113.5/hook", ["decision"], "integrator", secretariat);
        var notDisabled = await accounts.WithScope((db, a) => new WebhookService(db, a, accounts.Store.Clock, Strict).Disable(registered.Webhook.Id, null, secretariat, Ct));

        Assert.Equal(RefusalKind.Forbidden, refused.Refusal?.Kind);
        Assert.Equal(RefusalKind.Forbidden, notDisabled.Refusal?.Kind);
        Assert.Equal(before, await Stored(accounts));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_reason_for_disabling_with_a_control_character_is_refused_naming_the_reason_and_nothing_is_stored(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("integrator", "Analyst");
        var registered = (await Register(accounts, "https://203.0.113.5/hook", ["decision"], "integrator")).Value!;
        var before = await Stored(accounts);

        var refused = await accounts.WithScope((db, a) => new WebhookService(db, a, accounts.Store.Clock, Strict).Disable(registered.Webhook.Id, "Moved\u0007", TestAccounts.Admin, Ct));

        Assert.Equal("reason", refused.Refusal?.Field);
        Assert.Equal(before, await Stored(accounts));
    }
}
