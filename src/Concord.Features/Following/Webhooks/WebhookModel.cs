using Concord.Features.Accounts;
using NodaTime;

namespace Concord.Features.Following.Webhooks;

/// <summary>
/// An administrator registered a webhook: Concord POSTs each change of these <paramref name="Kinds"/> that the account
/// <paramref name="UserName"/> may read to <paramref name="Url"/>. Recorded in the <c>accounts</c> stream, since it grants
/// an address outside Concord what that account reads; never its signing secret.
/// </summary>
public sealed record WebhookRegistered(string UserName, string Webhook, string Url, IReadOnlyList<string> Kinds) : IAccountEvent;

/// <summary>The webhook was disabled — by an administrator, or by Concord after <c>MaxAttempts</c> failed attempts of one delivery — and sends nothing more.</summary>
public sealed record WebhookDisabled(string UserName, string Webhook, string Reason) : IAccountEvent;

/// <summary>
/// A webhook as stored: written in the commit that records <see cref="WebhookRegistered"/>, like an access token. Its
/// <see cref="Secret"/> signs each body (HMAC-SHA256) so it must be kept whole, unlike a token's hash; it is never in the
/// log, an export or a listing. <see cref="Cursor"/> is the last log position the dispatcher has looked at.
/// </summary>
public sealed class WebhookRow
{
    public required string Id { get; set; }
    public required string UserName { get; set; }
    public required string Url { get; set; }
    /// <summary>The kinds of change it receives, space-separated.</summary>
    public required string Kinds { get; set; }
    public required string Secret { get; set; }
    /// <summary>Where Concord was served when it was registered, for absolute links in the bodies; null from the command line.</summary>
    public string? Base { get; set; }
    public required Instant Created { get; set; }
    public required string CreatedBy { get; set; }
    public Instant? Disabled { get; set; }
    public string? DisabledReason { get; set; }
    public long Cursor { get; set; }
}

/// <summary>
/// One event to deliver to one webhook: written before its first attempt, so the schedule survives a restart.
/// <see cref="NextAt"/> is when it is due (again); a crash after sending and before recording the answer sends it again.
/// </summary>
public sealed class WebhookDeliveryRow
{
    public required string Id { get; set; }
    public required string WebhookId { get; set; }
    /// <summary>The event's position in the log (internal: never sent, since a position tells how much else happened).</summary>
    public required long Position { get; set; }
    /// <summary>The feed entry's id: what the receiver dedupes on.</summary>
    public required string EntryId { get; set; }
    public required string Kind { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public required Instant NextAt { get; set; }
    public Instant? LastAttempt { get; set; }
    /// <summary>What the last attempt got: "HTTP 503", "refused: …", "timed out".</summary>
    public string? LastResult { get; set; }
    public required Instant Created { get; set; }
    public Instant? Delivered { get; set; }
}

/// <summary>Who dispatches: one instance at a time holds the lease named <see cref="Name"/> until <see cref="Until"/>, renewing it each round.</summary>
public sealed class LeaseRow
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public required Instant Until { get; set; }
}

/// <summary>The delivery states.</summary>
public static class DeliveryStatus
{
    public const string Pending = "pending", Delivered = "delivered", Failed = "failed";
}

/// <summary><c>Concord:Webhooks</c>: how deliveries are retried and where they may go.</summary>
public sealed class WebhookOptions
{
    /// <summary>Let webhooks reach loopback, private, link-local and unique-local addresses (a receiver on the same host or network). Off by default.</summary>
    public bool AllowPrivateNetworks { get; set; }
    /// <summary>Whether this instance sends deliveries. Off leaves them to the other instances on the same store (none sends while every one is off).</summary>
    public bool Dispatch { get; set; } = true;
    /// <summary>Attempts of one delivery before the webhook is disabled.</summary>
    public int MaxAttempts { get; set; } = 10;
    /// <summary>The wait after the first failed attempt; it doubles after each one, up to <see cref="MaxRetrySeconds"/>.</summary>
    public double FirstRetrySeconds { get; set; } = 30;
    public double MaxRetrySeconds { get; set; } = 3600;
    /// <summary>How often the dispatcher looks for new events and due deliveries.</summary>
    public double IntervalSeconds { get; set; } = 2;
    /// <summary>How long one attempt (with its short retries) may take.</summary>
    public double AttemptSeconds { get; set; } = 30;

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1, after <paramref name="attempts"/> failed ones.</summary>
    public Duration Backoff(int attempts) =>
        Duration.FromSeconds(Math.Min(MaxRetrySeconds, FirstRetrySeconds * Math.Pow(2, Math.Max(0, attempts - 1))));
}
