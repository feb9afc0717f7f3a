using Concord.Domain;
using Concord.Features.Access;
using NodaTime;

namespace Concord.Features.Accounts;

/// <summary>
/// A change to who may do what, recorded in the <c>accounts</c> stream with the acting account as its author. Never
/// carries a password, a hash, a token's secret, an authenticator key or a recovery code: the log is exported, and those
/// stay in Identity's tables.
/// </summary>
public interface IAccountEvent
{
    /// <summary>The account the change is about.</summary>
    string UserName { get; }
}

/// <summary>An account was opened with these roles, nationality (ISO alpha-3, or none) and clearance.</summary>
public sealed record AccountCreated(string UserName, string? DisplayName, IReadOnlyList<Role> Roles, string? Nationality, Marking Clearance) : IAccountEvent;

/// <summary>The account's roles are now exactly <paramref name="Roles"/>.</summary>
public sealed record AccountRolesChanged(string UserName, IReadOnlyList<Role> Roles) : IAccountEvent;

/// <summary>The account may now read up to <paramref name="Clearance"/>.</summary>
public sealed record AccountClearanceChanged(string UserName, Marking Clearance) : IAccountEvent;

/// <summary>The account now belongs to <paramref name="Nationality"/> (ISO alpha-3), or to no state when null.</summary>
public sealed record AccountNationalityChanged(string UserName, string? Nationality) : IAccountEvent;

/// <summary>An administrator locked the account: it cannot sign in and its tokens are refused until it is unlocked.</summary>
public sealed record AccountLocked(string UserName) : IAccountEvent;

/// <summary>An administrator unlocked the account; its count of failed sign-ins starts again from zero.</summary>
public sealed record AccountUnlocked(string UserName) : IAccountEvent;

/// <summary>The account was removed, and its access tokens with it.</summary>
public sealed record AccountRemoved(string UserName) : IAccountEvent;

/// <summary>A personal access token named <paramref name="TokenName"/> was issued to the account; it expires at <paramref name="Expires"/>.</summary>
public sealed record AccessTokenIssued(string UserName, string TokenName, string Prefix, Instant Expires) : IAccountEvent;

/// <summary>The account's access token starting <paramref name="Prefix"/> was revoked: it is refused from now on.</summary>
public sealed record AccessTokenRevoked(string UserName, string Prefix) : IAccountEvent;

/// <summary>The account confirmed an authenticator app (a code from it) and now signs in with it as a second factor. Never the key.</summary>
public sealed record AuthenticatorEnrolled(string UserName) : IAccountEvent;

/// <summary>An administrator removed the account's authenticator and recovery codes (e.g. a lost phone); its sessions ended.
/// An account cleared above NATO RESTRICTED enrols a new one at its next sign-in.</summary>
public sealed record AuthenticatorReset(string UserName) : IAccountEvent;

/// <summary>The account signed in with one of its recovery codes instead of an authenticator code; <paramref name="Left"/> remain.</summary>
public sealed record RecoveryCodeUsed(string UserName, int Left) : IAccountEvent;

/// <summary>An administrator gave the account a new password; its sessions ended.</summary>
public sealed record PasswordReset(string UserName) : IAccountEvent;

/// <summary>An administrator ended these browser sessions of the account (by id) and revoked these of its tokens (by prefix).</summary>
public sealed record SessionsRevoked(string UserName, IReadOnlyList<string> Sessions, IReadOnlyList<string> TokenPrefixes) : IAccountEvent;
