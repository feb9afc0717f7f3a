using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Following.Webhooks;

/// <summary>What a webhook is sent for one change: the feed entry (never the raw event), with an absolute link when Concord knows where it is served.</summary>
public sealed record WebhookBody(string Id, string Webhook, string Kind, string Title, string Summary, string Link, Instant Updated, Instant Effective, string Classification);

/// <summary>
/// One round of delivery, run by one instance at a time (the lease <see cref="LeaseName"/>, claimed through the log's
/// commit, so every instance sees the same holder). The log is the outbox: for each enabled webhook, the events after its
/// cursor that its account may read and that are of its kinds become delivery rows (the cursor moves in the same
/// commit); then its due deliveries are sent in log order. Each attempt is recorded, with the time of the next one,
/// before the request goes out, so a crash never loses a delivery and never forgets its backoff: at least once.
/// </summary>
public sealed class WebhookDispatch(ConcordDbContext db, AccountService accounts, IClock clock, WebhookOptions options, HttpClient http, string holder)
{
    public const string LeaseName = "webhooks", Writer = "webhooks";
    public const string SignatureHeader = "X-Concord-Signature", DeliveryHeader = "X-Concord-Delivery", WebhookHeader = "X-Concord-Webhook";
    private const int Batch = 200;

    /// <summary>How long a claim holds: one attempt and two rounds, so a live dispatcher renews it in time and a dead one's lapses soon.</summary>
    private Duration LeaseTime => Duration.FromSeconds(options.AttemptSeconds + 2 * options.IntervalSeconds + 1);

    /// <summary>Runs a round when this instance holds (or takes) the lease; false when another instance dispatches.</summary>
    public async Task<bool> Round(CancellationToken ct)
    {
        var hooks = await db.Webhooks.AsNoTracking().Where(w => w.Disabled == null).ToListAsync(ct);
        // Without a webhook to serve there is nothing to claim: no write every round on a store that has none.
        if (hooks.Count == 0 || !await Claim(ct)) return false;
        foreach (var hook in hooks.OrderBy(w => w.Created).ThenBy(w => w.Id, StringComparer.Ordinal))
            if (!await Serve(hook, ct)) return false;
        return true;
    }

    /// <summary>The HMAC-SHA256 of the body under the webhook's secret, as the signature header carries it.</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private async Task<bool> Serve(WebhookRow hook, CancellationToken ct)
    {
        var user = await accounts.Find(hook.UserName);
        if (user is null)
        {
            await Disable(hook, $"Its account '{hook.UserName}' no longer exists.", ct);
            return true;
        }
        // A locked account reads nothing for now; its deliveries wait, as its tokens are refused.
        if (await accounts.IsLocked(user)) return true;
        var reader = await accounts.ReaderOf(user);
        var sights = await DecisionSights.Load(db, reader, ct);
        await Enqueue(hook, sights, ct);
        return await Deliver(hook, sights, ct);
    }

    private async Task Enqueue(WebhookRow hook, DecisionSights sights, CancellationToken ct)
    {
        var kinds = hook.Kinds.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var cursor = hook.Cursor;
        while (true)
        {
            var events = await db.Events.AsNoTracking().Where(e => e.Position > cursor).OrderBy(e => e.Position).Take(Batch).ToListAsync(ct);
            if (events.Count == 0) return;
            var now = clock.GetCurrentInstant();
            var due = new List<WebhookDeliveryRow>();
            foreach (var e in events)
            {
                if (!Feeds.Tells(e.StreamId) || !sights.Shows(e)) continue;
                var kind = EventWords.Of(e).Kind;
                if (!kinds.Contains(kind)) continue;
                due.Add(new WebhookDeliveryRow
                {
                    Id = Guid.CreateVersion7().ToString(), WebhookId = hook.Id, Position = e.Position, EntryId = Feeds.EntryId(e), Kind = kind,
                    Status = DeliveryStatus.Pending, NextAt = now, Created = now,
                });
            }
            var last = events[^1].Position;
            await Bookkeep(async () =>
            {
                var row = await db.Webhooks.FirstAsync(w => w.Id == hook.Id, ct);
                // Another dispatcher (whose lease lapsed) may have moved it on: never enqueue twice.
                if (row.Cursor >= last) return;
                db.WebhookDeliveries.AddRange(due.Where(d => d.Position > row.Cursor));
                row.Cursor = last;
            }, ct);
            hook.Cursor = cursor = last;
            if (events.Count < Batch) return;
        }
    }

    /// <summary>Sends the due deliveries in log order; stops at the first that fails (the later ones wait for it). False when the lease was lost.</summary>
    private async Task<bool> Deliver(WebhookRow hook, DecisionSights sights, CancellationToken ct)
    {
        var pending = await db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == hook.Id && d.Status == DeliveryStatus.Pending)
            .OrderBy(d => d.Position).Take(Batch).ToListAsync(ct);
        foreach (var delivery in pending)
        {
            var now = clock.GetCurrentInstant();
            if (delivery.NextAt > now) return true;
            var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Position == delivery.Position, ct);
            // Checked again before sending: what the account may no longer read is not sent.
            if (e is null || !sights.Shows(e))
            {
                await Bookkeep(() => db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteDeleteAsync(ct), ct);
                continue;
            }
            if (!await Claim(ct)) return false;
            var attempt = delivery.Attempts + 1;
            await Bookkeep(async () =>
            {
                var row = await db.WebhookDeliveries.FirstAsync(d => d.Id == delivery.Id, ct);
                row.Attempts = attempt;
                row.LastAttempt = now;
                row.NextAt = now + options.Backoff(attempt);
            }, ct);
            var result = await Send(hook, delivery, Feeds.Entry(e), attempt, ct);
            var ok = result.StartsWith("HTTP 2", StringComparison.Ordinal);
            var done = clock.GetCurrentInstant();
            await Bookkeep(async () =>
            {
                var row = await db.WebhookDeliveries.FirstAsync(d => d.Id == delivery.Id, ct);
                row.LastResult = result.Length > 300 ? result[..300] : result;
                if (ok) (row.Status, row.Delivered) = (DeliveryStatus.Delivered, done);
                else if (attempt >= options.MaxAttempts) row.Status = DeliveryStatus.Failed;
            }, ct);
            if (ok) continue;
            if (attempt >= options.MaxAttempts)
                await Disable(hook, $"{attempt} attempts to deliver {delivery.EntryId} failed; the last: {result}", ct);
            return true;
        }
        return true;
    }

    private async Task<string> Send(WebhookRow hook, WebhookDeliveryRow delivery, FeedEntry entry, int attempt, CancellationToken ct)
    {
        var link = hook.Base is { } root ? new Uri(new Uri(root), entry.Href.TrimStart('/')).AbsoluteUri : entry.Href;
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new WebhookBody(entry.Id, hook.Id, entry.Kind, entry.Title, entry.Summary, link, entry.Updated, entry.Effective, entry.Classification), ConcordJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Signature(hook.Secret, body));
        request.Headers.Add(DeliveryHeader, delivery.EntryId);
        request.Headers.Add(WebhookHeader, hook.Id);
        request.Headers.Add("X-Concord-Attempt", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Concord-Webhooks", "1"));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return $"HTTP {(int)response.StatusCode}";
        }
        // Whatever the attempt met is its result (a refused address, a reset, Polly's timeout), so that it counts toward
        // disabling the webhook; only this instance stopping is not the receiver's failure.
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return ex switch
            {
                HttpRequestException h => $"failed ({h.HttpRequestError}): {Inner(h)}",
                OperationCanceledException or TimeoutException => "timed out",
                // The resilience pipeline's timeout (Polly's TimeoutRejectedException), named so Features needs no Polly.
                _ when ex.GetType().Name == "TimeoutRejectedException" => "timed out",
                _ => $"failed: {Inner(ex)}",
            };
        }
    }

    private static string Inner(Exception ex)
    {
        while (ex.InnerException is { } inner) ex = inner;
        return ex.Message;
    }

    private async Task Disable(WebhookRow hook, string reason, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        await new EventStore(db).Commit<bool>(async () =>
        {
            var row = await db.Webhooks.FirstAsync(w => w.Id == hook.Id, ct);
            if (row.Disabled is not null) return new Enlisted<bool>(false, [], null);
            row.Disabled = now;
            row.DisabledReason = reason.Length > 600 ? reason[..600] : reason;
            return new Enlisted<bool>(true, [WebhookService.Audit(new WebhookDisabled(row.UserName, row.Id, row.DisabledReason), now)], null);
        }, new Recording(now, Writer), ct);
    }

    /// <summary>Takes or renews the lease; false while another instance holds it.</summary>
    private async Task<bool> Claim(CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var committed = await new EventStore(db).Commit<bool>(async () =>
        {
            var lease = await db.Leases.FirstOrDefaultAsync(l => l.Name == LeaseName, ct);
            if (lease is null) db.Leases.Add(new LeaseRow { Name = LeaseName, Holder = holder, Until = now + LeaseTime });
            else if (lease.Holder != holder && lease.Until > now) return new Enlisted<bool>(false, [], null);
            else (lease.Holder, lease.Until) = (holder, now + LeaseTime);
            return new Enlisted<bool>(true, [], null);
        }, new Recording(now, Writer), ct);
        return committed.Value?.Value == true;
    }

    /// <summary>Bookkeeping (no event, as a token's last use): through the one commit, so it is stored with the log's lock like every write.</summary>
    private Task Bookkeep(Func<Task> work, CancellationToken ct) =>
        new EventStore(db).Commit<bool>(async () =>
        {
            await work();
            return new Enlisted<bool>(true, [], null);
        }, new Recording(clock.GetCurrentInstant(), Writer), ct);
}
