using System.CommandLine;
using Concord.Features.Accounts;
using Concord.Features.Following;
using Concord.Features.Following.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace Concord.Cli.Commands;

/// <summary>
/// <c>concord webhooks add URL --kinds K,K --as ACCOUNT</c>, <c>webhooks list</c>, <c>webhooks deliveries ID</c>,
/// <c>webhooks disable ID [--reason TEXT]</c>: what the API's /api/v1/webhooks does, for the administrator at the host.
/// The running server sends the deliveries; the signing secret is printed once, when the webhook is added.
/// </summary>
public static class WebhooksCommands
{
    public static Command Create(StoreChoice store, Terminal terminal) => new("webhooks", "Add, list and disable webhooks, and read their delivery log.")
    {
        Add(store, terminal),
        List(store, terminal),
        Deliveries(store, terminal),
        Disable(store, terminal),
    };

    private static Command Add(StoreChoice store, Terminal terminal)
    {
        var url = new Argument<string>("URL") { Description = "Where Concord POSTs each change (http or https; not loopback or a private network unless Concord:Webhooks:AllowPrivateNetworks)." };
        var kinds = new Option<string>("--kinds") { Description = $"The kinds of change, comma-separated: {string.Join(", ", EventWords.Kinds)}.", Required = true, HelpName = "K,K" };
        var account = new Option<string>("--as") { Description = "The account it acts as: it receives what that account may read.", Required = true, HelpName = "ACCOUNT" };
        var command = new Command("add", "Add a webhook and print its signing secret, this once.") { url, kinds, account };
        command.SetAction((parse, ct) => Run(store, parse, terminal, async (s, webhooks) =>
        {
            var request = new WebhookRequest(parse.GetValue(url), parse.GetValue(kinds)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), parse.GetValue(account));
            var added = await webhooks.Register(request, null, s.Writer, ct);
            if (added.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
            var w = added.Value!;
            terminal.Say(w.Secret);
            terminal.Say($"Added webhook {w.Webhook.Id} to {w.Webhook.Url} for {string.Join(", ", w.Webhook.Kinds)}, acting as {w.Webhook.Account}.");
            terminal.Say("The secret above signs each delivery (X-Concord-Signature: sha256=HMAC-SHA256 of the body); it will not be shown again.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command List(StoreChoice store, Terminal terminal)
    {
        var command = new Command("list", "Every webhook, newest first (never its secret).");
        command.SetAction((parse, ct) => Run(store, parse, terminal, async (s, webhooks) =>
        {
            var listed = await webhooks.List(s.Writer.Actor, ct);
            if (listed.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
            if (listed.Value!.Count == 0)
            {
                terminal.Say("No webhooks.");
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("Id", "URL", "Kinds", "Account", "Added", "State");
            foreach (var w in listed.Value!)
                table.AddRow(w.Id, Markup.Escape(w.Url), string.Join(", ", w.Kinds), Markup.Escape(w.Account), When(w.Created),
                    w.Disabled is { } at ? Markup.Escape($"disabled {When(at)}: {w.DisabledReason}") : "active");
            terminal.Out.Write(table);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Deliveries(StoreChoice store, Terminal terminal)
    {
        var id = new Argument<string>("ID") { Description = "The webhook, as `concord webhooks list` shows it." };
        var limit = new Option<int?>("--limit") { Description = "How many, newest first (1 to 500; default 50).", HelpName = "N" };
        var command = new Command("deliveries", "A webhook's delivery log: each change's entry id, state, attempts and last result.") { id, limit };
        command.SetAction((parse, ct) => Run(store, parse, terminal, async (s, webhooks) =>
        {
            var listed = await webhooks.Deliveries(parse.GetValue(id)!, parse.GetValue(limit), s.Writer.Actor, ct);
            if (listed.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
            if (listed.Value!.Count == 0)
            {
                terminal.Say("No deliveries yet.");
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("Entry", "Kind", "State", "Attempts", "Last attempt", "Last result", "Next attempt");
            foreach (var d in listed.Value!)
                table.AddRow(d.EntryId, d.Kind, d.Status, d.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    d.LastAttempt is { } last ? When(last) : "", Markup.Escape(d.LastResult ?? ""), d.NextAttempt is { } next ? When(next) : "");
            terminal.Out.Write(table);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Disable(StoreChoice store, Terminal terminal)
    {
        var id = new Argument<string>("ID") { Description = "The webhook, as `concord webhooks list` shows it." };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the log).", HelpName = "TEXT" };
        var command = new Command("disable", "Disable a webhook: nothing more is sent.") { id, reason };
        command.SetAction((parse, ct) => Run(store, parse, terminal, async (s, webhooks) =>
        {
            var disabled = await webhooks.Disable(parse.GetValue(id)!, parse.GetValue(reason), s.Writer, ct);
            if (disabled.Refusal is { } refusal) return terminal.Fail(refusal.Reason);
            terminal.Say($"Disabled webhook {disabled.Value!.Id} ({disabled.Value.Url}).");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>Opens the store and runs <paramref name="work"/> on its webhooks, with Concord:Webhooks from the configuration.</summary>
    private static Task<int> Run(StoreChoice store, ParseResult parse, Terminal terminal, Func<Store, WebhookService, Task<int>> work, CancellationToken ct) =>
        store.Run(parse, terminal, async configuration =>
        {
            await using var s = await Store.Open(configuration, Seeding.WhenEmpty, ct);
            await using var services = UsersAccounts.Services(s, configuration);
            await using var scope = services.CreateAsyncScope();
            var options = configuration.GetSection("Concord:Webhooks").Get<WebhookOptions>() ?? new WebhookOptions();
            var webhooks = new WebhookService(s.Db, scope.ServiceProvider.GetRequiredService<AccountService>(), s.Clock, options);
            return await work(s, webhooks);
        });

    private static string When(Instant instant) => InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm 'UTC'").Format(instant);
}
