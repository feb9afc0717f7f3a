using Concord.Features.EventLog;

namespace Concord.Features.Accounts;

/// <summary>The events of the <c>accounts</c> stream: who may do what, changed by whom. No read model: Identity holds the accounts.</summary>
public static class AccountsLog
{
    public static void Register(LogRegistry log) => log
        .Event<AccountCreated>("AccountCreated")
        .Event<AccountRolesChanged>("AccountRolesChanged")
        .Event<AccountClearanceChanged>("AccountClearanceChanged")
        .Event<AccountNationalityChanged>("AccountNationalityChanged")
        .Event<AccountLocked>("AccountLocked")
        .Event<AccountUnlocked>("AccountUnlocked")
        .Event<AccountRemoved>("AccountRemoved")
        .Event<AccessTokenIssued>("AccessTokenIssued")
        .Event<AccessTokenRevoked>("AccessTokenRevoked")
        .Event<AuthenticatorEnrolled>("AuthenticatorEnrolled")
        .Event<AuthenticatorReset>("AuthenticatorReset")
        .Event<RecoveryCodeUsed>("RecoveryCodeUsed")
        .Event<PasswordReset>("PasswordReset")
        .Event<SessionsRevoked>("SessionsRevoked")
        .Event<Following.Webhooks.WebhookRegistered>("WebhookRegistered")
        .Event<Following.Webhooks.WebhookDisabled>("WebhookDisabled");
}
