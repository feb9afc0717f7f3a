using System.Security.Cryptography;
using System.Text.Json;
using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.EventLog;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Accounts;

/// <summary>A browser session of an account, as an administrator sees it: never its cookie.</summary>
public sealed record SessionView(string Id, string UserName, Instant Started, Instant LastSeen, string? Client, string? Address);

/// <summary>What an administrator revoked: browser sessions by id, access tokens by prefix.</summary>
public sealed record Revoked(string UserName, IReadOnlyList<string> Sessions, IReadOnlyList<string> TokenPrefixes);

public sealed partial class AccountService
{
    /// <summary>
    /// Where a browser session is known on the server: one row per session in Identity's AspNetUserTokens, under this
    /// login provider and the session's id, holding when it began and was last used. The cookie carries the id; a session
    /// whose row is gone (signed out, revoked, expired, its account changed) is refused on its next request.
    /// </summary>
    public const string SessionProvider = "[ConcordSession]";

    /// <summary>How often a session's last request is written back: not on every request.</summary>
    private static readonly Duration LastSeenPrecision = Duration.FromMinutes(1);

    private Duration SessionLifetime => Duration.FromHours(Math.Max(1, options.SessionHours));

    /// <summary>
    /// Records a new browser session of the account and returns its id, for the cookie to carry. Sessions of the account
    /// unused for longer than a session lasts are forgotten at the same time.
    /// </summary>
    public async Task<string> StartSession(ConcordUser user, string? client, string? address, CancellationToken ct)
    {
        var id = RandomNumberGenerator.GetHexString(16, lowercase: true);
        var now = clock.GetCurrentInstant();
        await Bookkeeping(user, async () =>
        {
            var rows = await db.UserTokens.Where(t => t.UserId == user.Id && t.LoginProvider == SessionProvider).ToListAsync(ct);
            db.UserTokens.RemoveRange(rows.Where(r => Note(r) is not { } note || now - note.SeenAt > SessionLifetime));
            db.UserTokens.Add(new IdentityUserToken<string>
            {
                UserId = user.Id, LoginProvider = SessionProvider, Name = id,
                Value = JsonSerializer.Serialize(new SessionNote(now.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), Printable(client, 200), Printable(address, 64))),
            });
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        return id;
    }

    /// <summary>
    /// The account a browser session belongs to, while the session holds: the account holds the session
    /// (<see cref="SessionHolder(string?, string?)"/>), the session is still recorded (not signed out, revoked, or unused
    /// for longer than a session lasts). Notes the session's last request.
    /// </summary>
    public async Task<ConcordUser?> SessionHolder(string? userId, string? securityStamp, string? sessionId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(sessionId)) return null;
        var user = await SessionHolder(userId, securityStamp);
        if (user is null) return null;
        var row = await db.UserTokens.FirstOrDefaultAsync(t => t.UserId == user.Id && t.LoginProvider == SessionProvider && t.Name == sessionId, ct);
        if (row is null || Note(row) is not { } note) return null;
        var now = clock.GetCurrentInstant();
        if (now - note.SeenAt > SessionLifetime) return null;
        if (now - note.SeenAt >= LastSeenPrecision)
        {
            // A store that refuses the note does not refuse the session: it is valid whether or not the note is kept.
            try
            {
                await Bookkeeping(user, async () =>
                {
                    row.Value = JsonSerializer.Serialize(note with { Seen = now.ToUnixTimeMilliseconds() });
                    await db.SaveChangesAsync(ct);
                    return null;
                }, ct);
            }
            catch (StoreWriteException) { /* noted next time */ }
        }
        return user;
    }

    /// <summary>Forgets a session its holder signed out of.</summary>
    public async Task EndSession(string? userId, string? sessionId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(sessionId)) return;
        var user = await users.FindByIdAsync(userId);
        if (user is null) return;
        await Bookkeeping(user, async () =>
        {
            await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == SessionProvider && t.Name == sessionId).ExecuteDeleteAsync(ct);
            return null;
        }, ct);
    }

    /// <summary>The account's browser sessions that still hold, newest first. Administrators only.</summary>
    public async Task<Result<IReadOnlyList<SessionView>>> ListSessions(string userName, Reader reader, CancellationToken ct)
    {
        if (!Access.Access.Allows(reader, Permission.ManageAccounts)) return Refusal.Forbidden("Only an administrator may list an account's sessions.");
        var named = await Named(userName);
        if (named.Refusal is { } missing) return missing;
        var user = named.Value!;
        var now = clock.GetCurrentInstant();
        var rows = await db.UserTokens.AsNoTracking().Where(t => t.UserId == user.Id && t.LoginProvider == SessionProvider).ToListAsync(ct);
        return rows.Select(r => (Row: r, Note: Note(r))).Where(x => x.Note is { } n && now - n.SeenAt <= SessionLifetime)
            .Select(x => new SessionView(x.Row.Name, user.UserName!, Instant.FromUnixTimeMilliseconds(x.Note!.Started),
                Instant.FromUnixTimeMilliseconds(x.Note.Seen), x.Note.Client, x.Note.Address))
            .OrderByDescending(s => s.Started).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Ends one browser session of the account (<paramref name="sessionId"/>), or every session and every active access
    /// token of it (<paramref name="sessionId"/> null): refused from their next request. Administrators only.
    /// </summary>
    public Task<Result<Revoked>> RevokeSessions(string userName, string? sessionId, WriteContext who, CancellationToken ct) =>
        Change<Revoked>(who, ct, async () =>
        {
            var named = await Named(userName);
            if (named.Refusal is { } missing) return missing;
            var user = named.Value!;
            var sessions = await db.UserTokens.Where(t => t.UserId == user.Id && t.LoginProvider == SessionProvider).ToListAsync(ct);
            if (sessionId is not null)
            {
                var one = sessions.FirstOrDefault(s => s.Name == sessionId.Trim());
                if (one is null) return Refusal.NotFound($"{user.UserName} has no session '{sessionId.Trim()}'. See `concord users sessions {user.UserName}`.");
                db.UserTokens.Remove(one);
                await db.SaveChangesAsync(ct);
                return (new SessionsRevoked(user.UserName!, [one.Name], []), new Revoked(user.UserName!, [one.Name], []));
            }
            var now = clock.GetCurrentInstant();
            var tokens = await db.AccessTokens.Where(t => t.UserId == user.Id && t.Revoked == null).ToListAsync(ct);
            var active = tokens.Where(t => now < t.Expires).ToList();
            if (sessions.Count == 0 && active.Count == 0) return Refusal.Conflict($"{user.UserName} has no session and no active token.");
            db.UserTokens.RemoveRange(sessions);
            foreach (var token in active) token.Revoked = now;
            await db.SaveChangesAsync(ct);
            var ids = sessions.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
            var prefixes = active.Select(t => t.Prefix).Order(StringComparer.Ordinal).ToList();
            return (new SessionsRevoked(user.UserName!, ids, prefixes), new Revoked(user.UserName!, ids, prefixes));
        });

    /// <summary>Forgets every browser session of the account (its security stamp has changed: none would hold anyway).</summary>
    private async Task ForgetSessions(ConcordUser user)
    {
        var rows = await db.UserTokens.Where(t => t.UserId == user.Id && t.LoginProvider == SessionProvider).ToListAsync();
        if (rows.Count == 0) return;
        db.UserTokens.RemoveRange(rows);
        await db.SaveChangesAsync();
    }

    private static SessionNote? Note(IdentityUserToken<string> row)
    {
        try
        {
            return row.Value is null ? null : JsonSerializer.Deserialize<SessionNote>(row.Value);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Printable(string? text, int max)
    {
        var kept = new string((text ?? "").Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray()).Trim();
        return kept.Length == 0 ? null : kept.Length > max ? kept[..max] : kept;
    }

    /// <summary>A session's row: when it began and was last used (Unix milliseconds), from which client and address.</summary>
    private sealed record SessionNote(long Started, long Seen, string? Client, string? Address)
    {
        [System.Text.Json.Serialization.JsonIgnore] public Instant SeenAt => Instant.FromUnixTimeMilliseconds(Seen);
    }
}
