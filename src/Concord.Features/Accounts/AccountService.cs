using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Accounts;

/// <summary>An account as an administrator sees it: never its password, tokens or authenticator key. <paramref name="Authenticator"/>:
/// it signs in with an authenticator code after its password.</summary>
public sealed record AccountView(string UserName, string? DisplayName, IReadOnlyList<Role> Roles, string? Nationality, Marking Clearance, bool Locked,
    bool Authenticator = false);

/// <summary>What opening an account takes. Roles, nationality and clearance are text as typed ("Delegation", "DEU", "NATO RESTRICTED").</summary>
public sealed record NewAccount(string UserName, string Password, IReadOnlyList<string> Roles, string? Nationality, string? Clearance, string? DisplayName = null);

/// <summary>
/// Accounts and their personal access tokens, over ASP.NET Core Identity in the Concord store. Every change is checked
/// against the rules of <see cref="AccountRules"/>, needs <see cref="Permission.ManageAccounts"/> (except a token for
/// oneself), and is recorded in the <c>accounts</c> stream of the log in the same transaction, by the acting account.
/// There is no default account: a fresh store has none until <c>concord users add-admin</c> opens the first.
/// </summary>
public sealed partial class AccountService(
    UserManager<ConcordUser> users, RoleManager<IdentityRole> roles, ConcordDbContext db, IClock clock, AccountsOptions options)
{
    /// <summary>Opens an account. Refused, with nothing stored, for an unknown role, nationality or marking, a delegation
    /// whose state is not an Ally, a candidate delegation whose state is one, a user name taken, or a password too short.</summary>
    public Task<Result<AccountView>> Create(NewAccount request, WriteContext who, CancellationToken ct) =>
        Change<AccountView>(who, ct, async () =>
        {
            var parsed = await AccountRules.Check(db, request.Roles, request.Nationality, request.Clearance ?? Classification.Words(Marking.NatoUnclassified), ct);
            if (parsed.Refusal is { } refusal) return refusal;
            if ((Input.Name(request.DisplayName, "displayName", 200).Refusal ?? Input.Name(request.UserName, "userName", 256).Refusal) is { } badName) return badName;
            var (granted, nationality, clearance) = parsed.Value!;
            var user = new ConcordUser
            {
                UserName = request.UserName?.Trim(), DisplayName = Blank(request.DisplayName), Nationality = nationality?.Value, Clearance = clearance,
            };
            if (string.IsNullOrEmpty(user.UserName)) return Refusal.Invalid("userName", "An account needs a user name.");
            // The data pack records its facts as written by "seed", and an upgrade restates only what it wrote: an account of
            // that name would have its records taken for the pack's.
            if (string.Equals(user.UserName, Importing.Seeder.Writer, StringComparison.OrdinalIgnoreCase))
                return Refusal.Invalid("userName", $"'{Importing.Seeder.Writer}' is reserved: the data pack records its facts under that name.");
            if (await users.FindByNameAsync(user.UserName) is not null)
                return new Refusal(RefusalKind.Conflict, $"There is already an account '{user.UserName}'.", "userName");
            var created = await users.CreateAsync(user, request.Password ?? "");
            if (!created.Succeeded) return Refused(created, "password");
            if (await Grant(user, granted) is { } notGranted) return notGranted;
            return (new AccountCreated(user.UserName, user.DisplayName, granted, user.Nationality, clearance), await View(user));
        });

    /// <summary>Every account, by user name.</summary>
    public async Task<Result<IReadOnlyList<AccountView>>> List(Reader reader, CancellationToken ct)
    {
        if (!Access.Access.Allows(reader, Permission.ManageAccounts)) return Refusal.Forbidden("Only an administrator may list accounts.");
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync(ct);
        var views = new List<AccountView>(all.Count);
        foreach (var user in all) views.Add(await View(user));
        return views;
    }

    /// <summary>The account named <paramref name="userName"/> (any case), or null.</summary>
    public Task<ConcordUser?> Find(string userName) => users.FindByNameAsync(userName.Trim());

    /// <summary>Who the account is when it reads or writes: its user name, roles, nationality and clearance.</summary>
    public async Task<Reader> ReaderOf(ConcordUser user) =>
        new(user.UserName ?? user.Id, (await RolesOf(user)).ToHashSet(), MemberCode.TryParse(user.Nationality), user.Clearance);

    /// <summary>
    /// The account a signed-in session belongs to, while that session still holds: the account exists, is not locked,
    /// and has not changed since the session began (its security stamp is the one the session carries). Null otherwise.
    /// Removing, locking, or changing an account's roles, clearance or nationality ends its sessions this way.
    /// </summary>
    public async Task<ConcordUser?> SessionHolder(string? userId, string? securityStamp)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(securityStamp)) return null;
        var user = await users.FindByIdAsync(userId);
        if (user is null || await users.IsLockedOutAsync(user)) return null;
        return string.Equals(await users.GetSecurityStampAsync(user), securityStamp, StringComparison.Ordinal) ? user : null;
    }

    /// <summary>True when the account is locked: by an administrator, or for a while after too many failed sign-ins.</summary>
    public Task<bool> IsLocked(ConcordUser user) => users.IsLockedOutAsync(user);

    private async Task<AccountView> View(ConcordUser user) =>
        new(user.UserName ?? user.Id, user.DisplayName, await RolesOf(user), user.Nationality, user.Clearance, await users.IsLockedOutAsync(user),
            await users.GetTwoFactorEnabledAsync(user));

    private async Task<IReadOnlyList<Role>> RolesOf(ConcordUser user) =>
        [.. (await users.GetRolesAsync(user)).Select(r => Enum.TryParse<Role>(r, out var role) ? (Role?)role : null).OfType<Role>().Order()];

    /// <summary>Gives the account exactly <paramref name="granted"/>, creating the Identity role rows the first time a role is used.</summary>
    private async Task<Refusal?> Grant(ConcordUser user, IReadOnlyList<Role> granted)
    {
        foreach (var role in granted)
            if (!await roles.RoleExistsAsync(role.ToString()) && await roles.CreateAsync(new IdentityRole(role.ToString())) is { Succeeded: false } failed)
                return Refused(failed, "roles");
        var held = await users.GetRolesAsync(user);
        var wanted = granted.Select(r => r.ToString()).ToList();
        var removed = await users.RemoveFromRolesAsync(user, held.Except(wanted));
        if (!removed.Succeeded) return Refused(removed, "roles");
        var added = await users.AddToRolesAsync(user, wanted.Except(held));
        return added.Succeeded ? null : Refused(added, "roles");
    }

    /// <summary>
    /// Runs a change enlisted in the log's commit: the Identity change and its event in the <c>accounts</c> stream are
    /// stored in one transaction, or neither (a refusal rolls the change back). Needs <see cref="Permission.ManageAccounts"/>
    /// unless <paramref name="self"/> names the actor.
    /// </summary>
    private async Task<Result<T>> Change<T>(WriteContext who, CancellationToken ct, Func<Task<Changed<T>>> change, string? self = null)
    {
        var mayActForSelf = self is not null && string.Equals(self.Trim(), who.Actor.Actor, StringComparison.OrdinalIgnoreCase);
        if (!mayActForSelf && !Access.Access.Allows(who.Actor, Permission.ManageAccounts))
            return Refusal.Forbidden("Only an administrator may manage accounts.");
        var now = clock.GetCurrentInstant();
        var committed = await new EventStore(db).Commit<T>(async () =>
        {
            var changed = await change();
            if (changed.Refusal is { } refusal) return refusal;
            // The audit of accounts is one stream of independent changes: each is appended after whatever it holds.
            return new Enlisted<T>(changed.Value, [new StreamWrite(StreamIds.Accounts, null, [new PendingEvent(changed.Event!, now, Classification.Unclassified)])], null);
        }, new Recording(now, who.RecordedBy), ct);
        return committed.Refusal is { } refused ? refused : committed.Value!.Value!;
    }

    private async Task<Result<ConcordUser>> Named(string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName)) return Refusal.Invalid("userName", "Name the account.");
        return await Find(userName) is { } user ? user : Refusal.NotFound($"There is no account '{userName.Trim()}'.");
    }

    private static Refusal Refused(IdentityResult result, string field) =>
        Refusal.Invalid(result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password"
            : result.Errors.Any(e => e.Code.Contains("UserName", StringComparison.Ordinal)) ? "userName" : field,
            string.Join(" ", result.Errors.Select(e => e.Description)));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A change's outcome: the value and the event to record, or the refusal.</summary>
    private readonly record struct Changed<T>(T? Value, IAccountEvent? Event, Refusal? Refusal)
    {
        public static implicit operator Changed<T>(Refusal refusal) => new(default, null, refusal);
        public static implicit operator Changed<T>((IAccountEvent Event, T Value) changed) => new(changed.Value, changed.Event, null);
    }
}
