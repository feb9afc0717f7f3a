using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.EventLog;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Accounts;

/// <summary>A token just issued. <see cref="Token"/> is its whole text: shown this once, never stored.</summary>
public sealed record IssuedToken(string Token, string UserName, string Name, string Prefix, Instant Expires);

/// <summary>A token as listed: never its secret.</summary>
public sealed record TokenView(string Id, string Prefix, string UserName, string Name, Instant Created, Instant Expires, Instant? Revoked, Instant? LastUsed);

/// <summary>Who presented a valid token: the account, and the <see cref="Access.Reader"/> it reads and writes as.</summary>
public sealed record TokenHolder(ConcordUser User, Reader Reader, string Prefix);

public sealed partial class AccountService
{
    /// <summary>How often a token's last use is written back: not on every request.</summary>
    private static readonly Duration LastUsedPrecision = Duration.FromMinutes(1);

    /// <summary>
    /// Issues a personal access token to the account, expiring after <paramref name="days"/> (default from
    /// configuration, at most <see cref="AccountsOptions.MaxTokenDays"/>). An account may issue tokens for itself;
    /// only an administrator for another.
    /// </summary>
    public Task<Result<IssuedToken>> IssueToken(string userName, string name, int? days, WriteContext who, CancellationToken ct) =>
        Change<IssuedToken>(who, ct, async () =>
        {
            var lifetime = days ?? options.TokenDays;
            if (lifetime < 1 || lifetime > options.MaxTokenDays)
                return Refusal.Invalid("days", $"A token lives from 1 to {options.MaxTokenDays} days, not {lifetime}.");
            var label = name?.Trim() ?? "";
            if (label.Length is 0 or > 100) return Refusal.Invalid("name", "Name the token (up to 100 characters), e.g. after the machine or script that uses it.");
            var named = await Named(userName);
            if (named.Refusal is { } missing) return missing;
            var user = named.Value!;
            var (prefix, secret) = AccessTokenText.NewToken();
            var now = clock.GetCurrentInstant();
            var row = new PersonalAccessToken
            {
                Id = Guid.CreateVersion7().ToString(), UserId = user.Id, Name = label, Prefix = prefix, SecretHash = AccessTokenText.Hash(secret),
                Created = now, Expires = now + Duration.FromDays(lifetime),
            };
            db.AccessTokens.Add(row);
            return (new AccessTokenIssued(user.UserName!, label, prefix, row.Expires),
                new IssuedToken(AccessTokenText.Format(prefix, secret), user.UserName!, label, prefix, row.Expires));
        }, self: userName);

    /// <summary>
    /// The account behind a token's text, or null when the text is malformed, no token has its prefix, the secret does
    /// not match, or the token is revoked or expired, or the account is locked or removed. Notes when it was last used.
    /// </summary>
    public async Task<TokenHolder?> ValidateToken(string? text, CancellationToken ct)
    {
        if (AccessTokenText.Parse(text) is not var (prefix, secret)) return null;
        var row = await db.AccessTokens.FirstOrDefaultAsync(t => t.Prefix == prefix, ct);
        if (row is null || !AccessTokenText.Matches(secret, row.SecretHash)) return null;
        var now = clock.GetCurrentInstant();
        if (row.Revoked is not null || now >= row.Expires) return null;
        var user = await users.FindByIdAsync(row.UserId);
        if (user is null || await users.IsLockedOutAsync(user)) return null;
        if (row.LastUsed is not { } last || now - last >= LastUsedPrecision)
        {
            // Through the one commit like every write (no event: when a token was last used is bookkeeping, not history).
            // A store that refuses it does not refuse the caller: the token is valid whether or not the note is kept.
            try
            {
                await new EventStore(db).Commit<bool>(() =>
                {
                    db.AccessTokens.Attach(row).Entity.LastUsed = now;
                    return Task.FromResult(new Enlisted<bool>(true, [], null));
                }, new Recording(now, user.UserName ?? user.Id), ct);
            }
            catch (StoreWriteException) { /* kept next time */ }
        }
        return new TokenHolder(user, await ReaderOf(user), prefix);
    }

    /// <summary>Revokes a token, named by its prefix or its id: refused from now on. Its account or an administrator may.</summary>
    public async Task<Result<TokenView>> RevokeToken(string prefixOrId, WriteContext who, CancellationToken ct)
    {
        var key = prefixOrId?.Trim() ?? "";
        var owner = await db.AccessTokens.AsNoTracking().Where(t => t.Prefix == key || t.Id == key)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => u.UserName).FirstOrDefaultAsync(ct);
        return await Change<TokenView>(who, ct, async () =>
        {
            var row = await db.AccessTokens.FirstOrDefaultAsync(t => t.Prefix == key || t.Id == key, ct);
            if (row is null) return Refusal.NotFound($"There is no access token '{key}'. See `concord tokens list`.");
            if (row.Revoked is { } revoked) return Refusal.Conflict($"The token {row.Prefix} was already revoked at {revoked}.");
            row.Revoked = clock.GetCurrentInstant();
            var user = await users.FindByIdAsync(row.UserId);
            var view = View(row, user?.UserName ?? row.UserId);
            return (new AccessTokenRevoked(view.UserName, row.Prefix), view);
        }, self: owner);
    }

    /// <summary>The tokens of one account, or of every account (administrators only), newest first; never a secret.</summary>
    public async Task<Result<IReadOnlyList<TokenView>>> ListTokens(string? userName, Reader reader, CancellationToken ct)
    {
        var admin = Access.Access.Allows(reader, Permission.ManageAccounts);
        var whose = string.IsNullOrWhiteSpace(userName) ? (admin ? null : reader.Actor) : userName.Trim();
        if (!admin && !string.Equals(whose, reader.Actor, StringComparison.OrdinalIgnoreCase))
            return Refusal.Forbidden("Only an administrator may list another account's tokens.");
        var query = db.AccessTokens.AsNoTracking().Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, u.UserName, u.NormalizedUserName });
        if (whose is not null)
        {
            var normalized = users.NormalizeName(whose);
            if (!await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, ct)) return Refusal.NotFound($"There is no account '{whose}'.");
            query = query.Where(x => x.NormalizedUserName == normalized);
        }
        var rows = await query.ToListAsync(ct);
        return rows.OrderByDescending(x => x.Token.Created).ThenBy(x => x.Token.Prefix, StringComparer.Ordinal)
            .Select(x => View(x.Token, x.UserName ?? x.Token.UserId)).ToList();
    }

    private static TokenView View(PersonalAccessToken t, string userName) =>
        new(t.Id, t.Prefix, userName, t.Name, t.Created, t.Expires, t.Revoked, t.LastUsed);
}
