using Concord.Domain;

namespace Concord.Features.Accounts;

public sealed partial class AccountService
{
    /// <summary>Gives the account exactly these roles; refused when they do not fit its nationality (see <see cref="AccountRules"/>).</summary>
    public Task<Result<AccountView>> SetRoles(string userName, IReadOnlyList<string> roleNames, WriteContext who, CancellationToken ct) =>
        Change<AccountView>(who, ct, async () =>
        {
            var named = await Named(userName);
            if (named.Refusal is { } missing) return missing;
            var user = named.Value!;
            var checkedRoles = await AccountRules.Check(db, roleNames, user.Nationality, Classification.Words(user.Clearance), ct);
            if (checkedRoles.Refusal is { } refusal) return refusal;
            var granted = checkedRoles.Value.Roles;
            if (await Grant(user, granted) is { } notGranted) return notGranted;
            if (await EndSessions(user) is { } notEnded) return notEnded;
            return (new AccountRolesChanged(user.UserName!, granted), await View(user));
        });

    /// <summary>Sets the highest marking the account may read ("NATO RESTRICTED").</summary>
    public Task<Result<AccountView>> SetClearance(string userName, string clearance, WriteContext who, CancellationToken ct) =>
        Change<AccountView>(who, ct, async () =>
        {
            var named = await Named(userName);
            if (named.Refusal is { } missing) return missing;
            var marking = AccountRules.Clearance(clearance);
            if (marking.Refusal is { } refusal) return refusal;
            var user = named.Value!;
            user.Clearance = marking.Value;
            // A new security stamp saves the change too.
            if (await EndSessions(user, "clearance") is { } failed) return failed;
            return (new AccountClearanceChanged(user.UserName!, marking.Value), await View(user));
        });

    /// <summary>Sets the state the account belongs to (ISO alpha-3), or none; refused when it no longer fits its roles.</summary>
    public Task<Result<AccountView>> SetNationality(string userName, string? nationality, WriteContext who, CancellationToken ct) =>
        Change<AccountView>(who, ct, async () =>
        {
            var named = await Named(userName);
            if (named.Refusal is { } missing) return missing;
            var user = named.Value!;
            var checkedState = await AccountRules.Check(db, [.. (await RolesOf(user)).Select(r => r.ToString())], nationality,
                Classification.Words(user.Clearance), ct);
            if (checkedState.Refusal is { } refusal) return refusal;
            user.Nationality = checkedState.Value.Nationality?.Value;
            if (await EndSessions(user, "nationality") is { } failed) return failed;
            return (new AccountNationalityChanged(user.UserName!, user.Nationality), await View(user));
        });

    /// <summary>Locks the account until an administrator unlocks it: no sign-in, and its access tokens are refused.</summary>
    public Task<Result<AccountView>> Lock(string userName, WriteContext who, CancellationToken ct) =>
        Change<AccountView>(who, ct, async () =>
        {
            var named = await Named(userName);
            if (named.Refusal is { } missing) return missing;
            var user = named.Value!;
            if (await users.SetLockoutEnabledAsync(user, true) is { Succeeded: false } notEnabled) return Refused(notEnabled, "userName");
            if (await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue) is { Succeeded: false } notLocked) return Refused(notLocked, "userName");
            if (await EndSessions(user) is { } notEnded) return notEnded;
            return (new AccountLocked(user.UserName!), await View(user));
        });

    /// <summary>Unlocks the account, whether an administrator or failed sign-ins locked it, and forgets its failed sign-ins.</summary>
    public Task<Result<AccountView>> Unlock(string userName, WriteContext who, CancellationToken ct) =>
        Change<AccountView>(who, ct, async () =>
        {
            var named = await Named(userName);
            if (named.Refusal is { } missing) return missing;
            var user = named.Value!;
            if (await users.SetLockoutEndDateAsync(user, null) is { Succeeded: false } notUnlocked) return Refused(notUnlocked, "userName");
            if (await users.ResetAccessFailedCountAsync(user) is { Succeeded: false } notReset) return Refused(notReset, "userName");
            return (new AccountUnlocked(user.UserName!), await View(user));
        });

    /// <summary>Removes the account and its access tokens. What it did stays in the log under its name.</summary>
    public Task<Result<AccountView>> Remove(string userName, WriteContext who, CancellationToken ct) =>
        Change<AccountView>(who, ct, async () =>
        {
            var named = await Named(userName);
            if (named.Refusal is { } missing) return missing;
            var user = named.Value!;
            var view = await View(user);
            if (await users.DeleteAsync(user) is { Succeeded: false } failed) return Refused(failed, "userName");
            return (new AccountRemoved(user.UserName!), view);
        });

    /// <summary>
    /// Gives the account a new security stamp, saving any change made to it: every browser session signed in before
    /// this no longer holds (<see cref="SessionHolder(string?, string?)"/>), so a change of rights takes effect on the session's next request.
    /// </summary>
    private async Task<Refusal?> EndSessions(ConcordUser user, string field = "userName")
    {
        if (await users.UpdateSecurityStampAsync(user) is { Succeeded: false } failed) return Refused(failed, field);
        // The rows go too, so that the sessions an administrator lists are the ones that still hold.
        await ForgetSessions(user);
        return null;
    }
}
