using System.Security.Cryptography;
using Concord.Domain;
using Concord.Features.EventLog;
using Microsoft.AspNetCore.Identity;

namespace Concord.Features.Accounts;

/// <summary>What an account needs to set up its authenticator app: the shared key, as typed into the app, and the same as an otpauth:// URI.</summary>
public sealed record AuthenticatorSetup(string SharedKey, string Uri);

/// <summary>How a code given at sign-in was taken: refused, an authenticator code, or one of the account's recovery codes.</summary>
public enum FactorCheck { Refused, Authenticator, RecoveryCode }

public sealed partial class AccountService
{
    /// <summary>The issuer an authenticator app shows beside the account.</summary>
    public const string AuthenticatorIssuer = "Concord";

    /// <summary>How many recovery codes an account gets when it enrols; each signs in once in place of an authenticator code.</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>
    /// True for an account that may not sign in in the browser on its password alone: one cleared above NATO RESTRICTED
    /// (NATO CONFIDENTIAL, NATO SECRET), or one that enrolled an authenticator anyway.
    /// </summary>
    public async Task<bool> NeedsSecondFactor(ConcordUser user) => Requires(user) || await users.GetTwoFactorEnabledAsync(user);

    /// <summary>True when the account has confirmed an authenticator app and must give its code after its password.</summary>
    public Task<bool> HasAuthenticator(ConcordUser user) => users.GetTwoFactorEnabledAsync(user);

    private static bool Requires(ConcordUser user) => user.Clearance > Marking.NatoRestricted;

    /// <summary>
    /// The key an account not yet enrolled types into its authenticator app: made the first time it is asked for and kept
    /// (in Identity's tokens, never in the log) until enrolment is confirmed or an administrator resets it. Null for an
    /// account already enrolled: its key is never shown again.
    /// </summary>
    public async Task<AuthenticatorSetup?> AuthenticatorSetup(ConcordUser user, CancellationToken ct)
    {
        if (await users.GetTwoFactorEnabledAsync(user)) return null;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // No event: a key not yet confirmed changes nothing about the account; its enrolment is what the log records.
            await Bookkeeping(user, async () => Succeeded(await users.ResetAuthenticatorKeyAsync(user)), ct);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        var name = user.UserName ?? user.Id;
        var uri = $"otpauth://totp/{Uri.EscapeDataString(AuthenticatorIssuer)}:{Uri.EscapeDataString(name)}"
            + $"?secret={key}&issuer={Uri.EscapeDataString(AuthenticatorIssuer)}&digits=6&period=30";
        return new AuthenticatorSetup(Grouped(key!), uri);
    }

    /// <summary>
    /// Confirms the account's authenticator with a code from it: from then on it signs in with a code after its password.
    /// Returns the account's recovery codes, shown this once. A wrong code counts as a failed sign-in toward lockout.
    /// </summary>
    public async Task<Result<IReadOnlyList<string>>> EnrolAuthenticator(ConcordUser user, string? code, CancellationToken ct)
    {
        if (await users.GetTwoFactorEnabledAsync(user)) return Refusal.Conflict("This account already has an authenticator.");
        if (await users.IsLockedOutAsync(user)) return WrongCode;
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)) || !await AuthenticatorCodeIs(user, code))
        {
            await Failed(user, ct);
            return WrongCode;
        }
        var self = WriteContext.By(await ReaderOf(user));
        return await Change<IReadOnlyList<string>>(self, ct, async () =>
        {
            if (await users.SetTwoFactorEnabledAsync(user, true) is { Succeeded: false } notEnabled) return Refused(notEnabled, "code");
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
            if (await users.ResetAccessFailedCountAsync(user) is { Succeeded: false } notReset) return Refused(notReset, "code");
            return (new AuthenticatorEnrolled(user.UserName!), codes);
        }, self: user.UserName);
    }

    /// <summary>
    /// Checks the code an enrolled account gives after its password: six digits from its authenticator, or one of its
    /// recovery codes (spent by its use, and recorded). Refused for a locked account, one not enrolled, or a wrong code,
    /// which counts as a failed sign-in toward lockout; a right one clears the account's failed sign-ins.
    /// </summary>
    public async Task<FactorCheck> CheckSecondFactor(ConcordUser user, string? code, CancellationToken ct)
    {
        if (!await users.GetTwoFactorEnabledAsync(user) || await users.IsLockedOutAsync(user)) return FactorCheck.Refused;
        var text = Compact(code);
        if (text.Length == 6 && text.All(char.IsAsciiDigit))
        {
            if (await AuthenticatorCodeIs(user, text))
            {
                await Bookkeeping(user, async () => Succeeded(await users.ResetAccessFailedCountAsync(user)), ct, required: false);
                return FactorCheck.Authenticator;
            }
        }
        else if (text.Length > 0 && text.Length <= 64)
        {
            var redeemed = await Change<bool>(WriteContext.By(await ReaderOf(user)), ct, async () =>
            {
                // Identity's recovery codes are XXXXX-XXXXX; one typed without its hyphen is the same code.
                var typed = text.Length == 10 ? text[..5] + "-" + text[5..] : text;
                if (await users.RedeemTwoFactorRecoveryCodeAsync(user, typed.ToUpperInvariant()) is not { Succeeded: true })
                    return Refusal.Invalid("code", "Not one of the account's recovery codes.");
                if (await users.ResetAccessFailedCountAsync(user) is { Succeeded: false } notReset) return Refused(notReset, "code");
                return (new RecoveryCodeUsed(user.UserName!, await users.CountRecoveryCodesAsync(user)), true);
            }, self: user.UserName);
            if (redeemed.Refusal is null) return FactorCheck.RecoveryCode;
            // The refused attempt was rolled back and the unit of work forgot what it tracked: count the failure on the account as stored.
            user = await users.FindByIdAsync(user.Id) ?? user;
        }
        await Failed(user, ct);
        return FactorCheck.Refused;
    }

    /// <summary>
    /// Removes the account's authenticator and recovery codes (a lost or replaced phone) and ends its sessions; an account
    /// cleared above NATO RESTRICTED enrols a new authenticator at its next sign-in. Administrators only.
    /// </summary>
    public Task<Result<AccountView>> ResetAuthenticator(string userName, WriteContext who, CancellationToken ct) =>
        Change<AccountView>(who, ct, async () =>
        {
            var named = await Named(userName);
            if (named.Refusal is { } missing) return missing;
            var user = named.Value!;
            if (!await users.GetTwoFactorEnabledAsync(user) && string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
                return Refusal.Conflict($"{user.UserName} has no authenticator to reset.");
            if (await users.SetTwoFactorEnabledAsync(user, false) is { Succeeded: false } notDisabled) return Refused(notDisabled, "userName");
            foreach (var token in new[] { IdentityAuthenticatorKey, IdentityRecoveryCodes })
                if (await users.RemoveAuthenticationTokenAsync(user, IdentityStore, token) is { Succeeded: false } notRemoved) return Refused(notRemoved, "userName");
            if (await EndSessions(user) is { } notEnded) return notEnded;
            return (new AuthenticatorReset(user.UserName!), await View(user));
        });

    /// <summary>
    /// Gives the account a new password, which must meet the password rules, and ends its sessions (its tokens stay: revoke
    /// them with <see cref="RevokeSessions"/>). Administrators only; the password is never recorded.
    /// </summary>
    public Task<Result<AccountView>> ResetPassword(string userName, string? password, WriteContext who, CancellationToken ct) =>
        Change<AccountView>(who, ct, async () =>
        {
            var named = await Named(userName);
            if (named.Refusal is { } missing) return missing;
            var user = named.Value!;
            if (string.IsNullOrEmpty(password)) return Refusal.Invalid("password", "Give the new password.");
            foreach (var validator in users.PasswordValidators)
                if (await validator.ValidateAsync(users, user, password) is { Succeeded: false } weak) return Refused(weak, "password");
            if (await users.RemovePasswordAsync(user) is { Succeeded: false } notRemoved) return Refused(notRemoved, "password");
            if (await users.AddPasswordAsync(user, password) is { Succeeded: false } notAdded) return Refused(notAdded, "password");
            if (await EndSessions(user, "password") is { } notEnded) return notEnded;
            return (new PasswordReset(user.UserName!), await View(user));
        });

    /// <summary>A password of 20 random letters and digits (about 100 bits), in groups of five, for an administrator to hand over.</summary>
    public static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        var chars = RandomNumberGenerator.GetString(alphabet, 20);
        return string.Join('-', chars.Chunk(5).Select(c => new string(c)));
    }

    private static readonly Refusal WrongCode = Refusal.Invalid("code", "That code is not right.");

    // Where Identity's user store keeps the authenticator key and the recovery codes (AspNetUserTokens).
    private const string IdentityStore = "[AspNetUserStore]";
    private const string IdentityAuthenticatorKey = "AuthenticatorKey";
    private const string IdentityRecoveryCodes = "RecoveryCodes";

    private Task<bool> AuthenticatorCodeIs(ConcordUser user, string? code) =>
        users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Compact(code));

    /// <summary>
    /// A wrong code is a failed sign-in: counted toward lockout like a wrong password. As with Identity's own count of
    /// wrong passwords, a count that another attempt changed at the same moment is not retried: the caller is refused either way.
    /// </summary>
    private Task Failed(ConcordUser user, CancellationToken ct) =>
        Bookkeeping(user, async () => Succeeded(await users.AccessFailedAsync(user)), ct, required: false);

    /// <summary>
    /// A change to an account that is bookkeeping, not history (a key not yet confirmed, a failed attempt, a session's
    /// last request): through the one commit like every write, with no event. Throws when a <paramref name="required"/>
    /// change is refused (nothing was stored); otherwise the refusal is dropped.
    /// </summary>
    private async Task Bookkeeping(ConcordUser user, Func<Task<Refusal?>> work, CancellationToken ct, bool required = true)
    {
        var now = clock.GetCurrentInstant();
        var committed = await new EventStore(db).Commit<bool>(async () =>
            await work() is { } refusal ? refusal : new Enlisted<bool>(true, [], null), new Recording(now, user.UserName ?? user.Id), ct);
        if (committed.Refusal is { } refused && required) throw new InvalidOperationException(refused.Reason);
    }

    private static Refusal? Succeeded(IdentityResult result) => result.Succeeded ? null : Refused(result, "userName");

    private static string Compact(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    /// <summary>The key in groups of four lower-case letters, as authenticator apps show it.</summary>
    private static string Grouped(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
}
