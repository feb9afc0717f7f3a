using Concord.Features.Access;
using Concord.Features.Following.Webhooks;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Web.Api;

/// <summary>What disabling a webhook may say: why (kept in the log).</summary>
public sealed record DisableWebhookRequest(string? Reason);

/// <summary>
/// /api/v1/webhooks: an administrator registers a URL, the kinds of change and the account it acts as; Concord POSTs each
/// such change that account may read (the feed entry as JSON, signed), retrying with backoff, and keeps a delivery log.
/// </summary>
public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks");
        group.MapPost("/", Register)
            .WithSummary("Registers a webhook: url (http or https; not loopback or a private network unless configured), kinds (among decision, position, accession, procedure, statement, pledge, assistance, readiness, source, summit, member, other) and account (it receives what that account may read, from now on). The answer carries the signing secret, this once: each POST has X-Concord-Signature: sha256=HMAC-SHA256(secret, body) and X-Concord-Delivery, the entry id to dedupe on.")
            .RequirePermission(Permission.ManageAccounts);
        group.MapGet("/", async (WebhookService webhooks, HttpContext http, CancellationToken ct) => Problems.Answer(await webhooks.List(http.Reader(), ct)))
            .WithSummary("Every webhook, newest first (never its secret).")
            .RequirePermission(Permission.ManageAccounts);
        group.MapGet("/{id}/deliveries", async (WebhookService webhooks, HttpContext http, string id, int? limit, CancellationToken ct) =>
                Problems.Answer(await webhooks.Deliveries(id, limit, http.Reader(), ct)))
            .WithSummary("A webhook's delivery log, newest first: entry id, kind, status (pending, delivered, failed), attempts, next attempt and last result; only for changes the reader may see. limit 1 to 500 (50).")
            .RequirePermission(Permission.ManageAccounts);
        group.MapPost("/{id}/disable", Disable)
            .WithSummary("Disables a webhook: nothing more is sent. The reason is kept in the log.")
            .RequirePermission(Permission.ManageAccounts);
        return api;
    }

    private static async Task<Results<Created<RegisteredWebhook>, ProblemHttpResult>> Register(WebhookService webhooks, HttpContext http, WebhookRequest request, CancellationToken ct)
    {
        var result = await webhooks.Register(request, FeedsApi.BaseOf(http), Problems.Writer(http), ct);
        if (result.Refusal is { } r) return Problems.From(r);
        // The secret is in this answer only: no cache may keep it.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/v1/webhooks/{result.Value!.Webhook.Id}/deliveries", result.Value);
    }

    private static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> Disable(WebhookService webhooks, HttpContext http, string id, DisableWebhookRequest? request, CancellationToken ct) =>
        Problems.Answer(await webhooks.Disable(id, request?.Reason, Problems.Writer(http), ct));
}
