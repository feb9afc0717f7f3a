using System.Security.Cryptography;
using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Following.Webhooks;

/// <summary>What registering a webhook asks: where to POST, which kinds of change, and the account whose reading it has.</summary>
public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Kinds, string? Account);

/// <summary>A webhook as an administrator lists it: never its secret.</summary>
public sealed record WebhookView(string Id, string Url, IReadOnlyList<string> Kinds, string Account, Instant Created, string CreatedBy,
    Instant? Disabled, string? DisabledReason);

/// <summary>A webhook just registered, with its signing secret: shown this once.</summary>
public sealed record RegisteredWebhook(WebhookView Webhook, string Secret);

/// <summary>One delivery as the log shows it: the entry id the receiver dedupes on, its state and its last attempt.</summary>
public sealed record DeliveryView(string EntryId, string Kind, string Status, int Attempts, Instant? NextAttempt, Instant? LastAttempt, string? LastResult,
    Instant Created, Instant? Delivered);

/// <summary>
/// Webhooks: registered and disabled by an administrator (<see cref="Permission.ManageAccounts"/>), each change recorded
/// in the <c>accounts</c> stream in the same commit as its row. What is sent, and when, is <see cref="WebhookDispatch"/>'s.
/// </summary>
public sealed class WebhookService(ConcordDbContext db, AccountService accounts, IClock clock, WebhookOptions options)
{
    public const int MaxKinds = 20, DefaultLimit = 50, MaxLimit = 500;

    public async Task<Result<RegisteredWebhook>> Register(WebhookRequest request, Uri? served, WriteContext who, CancellationToken ct)
    {
        if (!Access.Access.Allows(who.Actor, Permission.ManageAccounts)) return Refusal.Forbidden("Only an administrator may register a webhook.");
        var checkedUrl = await WebhookAddresses.Check(request.Url, options.AllowPrivateNetworks, ct);
        if (checkedUrl.Refusal is { } badUrl) return badUrl;
        var kinds = Kinds(request.Kinds);
        if (kinds.Refusal is { } badKinds) return badKinds;
        if (string.IsNullOrWhiteSpace(request.Account) || request.Account.Trim().Length > 256)
            return Refusal.Invalid("account", "Name the account the webhook acts as: it receives what that account may read.");
        var user = await accounts.Find(request.Account);
        if (user is null) return Refusal.Invalid("account", $"There is no account '{Input.Clip(Input.Visible(request.Account.Trim()))}'.");
        var now = clock.GetCurrentInstant();
        var row = new WebhookRow
        {
            Id = "wh-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), UserName = user.UserName!, Url = checkedUrl.Value!.AbsoluteUri,
            Kinds = string.Join(' ', kinds.Value!), Secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            Base = served?.AbsoluteUri, Created = now, CreatedBy = who.RecordedBy,
            // Only what is recorded from now on: a new receiver is not sent the whole history.
            Cursor = await db.Events.AsNoTracking().MaxAsync(e => (long?)e.Position, ct) ?? 0,
        };
        var committed = await new EventStore(db).Commit<RegisteredWebhook>(() =>
        {
            db.Webhooks.Add(row);
            return Task.FromResult(new Enlisted<RegisteredWebhook>(new RegisteredWebhook(View(row), row.Secret),
                [Audit(new WebhookRegistered(row.UserName, row.Id, row.Url, kinds.Value!), now)], null));
        }, new Recording(now, who.RecordedBy, who.IdempotencyKey), ct);
        if (committed.Refusal is { } refused) return refused;
        // A key already spent stored nothing now; the secret was in the first answer and is never shown again.
        return committed.Value!.AlreadyRecorded
            ? Refusal.Conflict("This request was already recorded: the webhook and its secret were in its first answer. See GET /api/v1/webhooks.")
            : committed.Value.Value!;
    }

    public async Task<Result<IReadOnlyList<WebhookView>>> List(Reader reader, CancellationToken ct)
    {
        if (!Access.Access.Allows(reader, Permission.ManageAccounts)) return Refusal.Forbidden("Only an administrator may list webhooks.");
        var rows = await db.Webhooks.AsNoTracking().ToListAsync(ct);
        return rows.OrderByDescending(w => w.Created).ThenBy(w => w.Id, StringComparer.Ordinal).Select(View).ToList();
    }

    public async Task<Result<WebhookView>> Disable(string id, string? reason, WriteContext who, CancellationToken ct)
    {
        if (!Access.Access.Allows(who.Actor, Permission.ManageAccounts)) return Refusal.Forbidden("Only an administrator may disable a webhook.");
        var text = Input.Text(reason, "reason", 500);
        if (text.Refusal is { } badReason) return badReason;
        var why = text.Value ?? "Disabled by an administrator.";
        var key = (id ?? "").Trim();
        var now = clock.GetCurrentInstant();
        var committed = await new EventStore(db).Commit<WebhookView>(async () =>
        {
            var row = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == key, ct);
            if (row is null) return Refusal.NotFound($"There is no webhook '{Input.Clip(Input.Visible(key))}'.");
            if (row.Disabled is { } at) return Refusal.Conflict($"The webhook {row.Id} was already disabled at {at}: {row.DisabledReason}");
            row.Disabled = now;
            row.DisabledReason = why;
            return new Enlisted<WebhookView>(View(row), [Audit(new WebhookDisabled(row.UserName, row.Id, why), now)], null);
        }, new Recording(now, who.RecordedBy, who.IdempotencyKey), ct);
        if (committed.Refusal is { } refused) return refused;
        return committed.Value!.Value ?? View(await db.Webhooks.AsNoTracking().FirstAsync(w => w.Id == key, ct));
    }

    /// <summary>
    /// A webhook's deliveries, newest first: only those of events the administrator reading may see (an entry's id and
    /// kind are about its event), so the log tells no reader of a change hidden from it.
    /// </summary>
    public async Task<Result<IReadOnlyList<DeliveryView>>> Deliveries(string id, int? limit, Reader reader, CancellationToken ct)
    {
        if (!Access.Access.Allows(reader, Permission.ManageAccounts)) return Refusal.Forbidden("Only an administrator may read a webhook's deliveries.");
        if (limit is < 1 or > MaxLimit) return Refusal.Invalid("limit", $"'limit' must be between 1 and {MaxLimit}; got {limit}.");
        var key = (id ?? "").Trim();
        if (key.Length is 0 or > 100 || !await db.Webhooks.AnyAsync(w => w.Id == key, ct)) return Refusal.NotFound($"There is no webhook '{Input.Clip(Input.Visible(key))}'.");
        var sights = await DecisionSights.Load(db, reader, ct);
        var wanted = limit ?? DefaultLimit;
        var shown = new List<DeliveryView>();
        var before = long.MaxValue;
        while (shown.Count < wanted)
        {
            var page = await db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == key && d.Position < before)
                .OrderByDescending(d => d.Position).Take(200).ToListAsync(ct);
            if (page.Count == 0) break;
            var positions = page.Select(d => d.Position).ToList();
            var events = await db.Events.AsNoTracking().Where(e => positions.Contains(e.Position)).ToDictionaryAsync(e => e.Position, ct);
            foreach (var d in page)
                if (events.TryGetValue(d.Position, out var e) && sights.Shows(e) && shown.Count < wanted)
                    shown.Add(new DeliveryView(d.EntryId, d.Kind, d.Status, d.Attempts, d.Status == DeliveryStatus.Pending ? d.NextAt : null, d.LastAttempt,
                        d.LastResult, d.Created, d.Delivered));
            before = page[^1].Position;
        }
        return shown;
    }

    internal static StreamWrite Audit(IAccountEvent e, Instant now) =>
        new(StreamIds.Accounts, null, [new PendingEvent(e, now, Classification.Unclassified)]);

    private static Result<IReadOnlyList<string>> Kinds(IReadOnlyList<string>? asked)
    {
        var known = string.Join(", ", EventWords.Kinds);
        if (asked is null || asked.Count == 0) return Refusal.Invalid("kinds", $"Name the kinds of change to send, among: {known}.");
        if (asked.Count > MaxKinds) return Refusal.Invalid("kinds", $"Name at most {MaxKinds} kinds.");
        var kinds = new List<string>();
        foreach (var k in asked)
        {
            var kind = k?.Trim().ToLowerInvariant() ?? "";
            if (!EventWords.Kinds.Contains(kind)) return Refusal.Invalid("kinds", $"'{Input.Clip(Input.Visible(k ?? ""))}' is not a kind of change; the kinds are: {known}.");
            if (!kinds.Contains(kind)) kinds.Add(kind);
        }
        return kinds;
    }

    public static WebhookView View(WebhookRow w) =>
        new(w.Id, w.Url, w.Kinds.Split(' ', StringSplitOptions.RemoveEmptyEntries), w.UserName, w.Created, w.CreatedBy, w.Disabled, w.DisabledReason);
}
