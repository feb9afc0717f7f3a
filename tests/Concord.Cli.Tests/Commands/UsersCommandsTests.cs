using Concord.Cli.Commands;
using Concord.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Tests.Commands;

/// <summary>The tests that give <c>concord</c> a standard input: they swap the process's Console.In, so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StandardInput
{
    public const string Name = "standard input";

    /// <summary>Runs <c>concord ARGS</c> on <paramref name="store"/> with <paramref name="input"/> as its standard input.</summary>
    public static async Task<CliRun> Run(TempStore store, string input, params string[] args)
    {
        var before = Console.In;
        Console.SetIn(new StringReader(input));
        try { return await store.Run(args); }
        finally { Console.SetIn(before); }
    }
}

[Collection(StandardInput.Name)]
public sealed class UsersCommandsTests : IDisposable
{
    private const string Password = "correct horse battery staple";
    private readonly TempStore _store = new(seeded: true);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task a_fresh_store_has_no_account_and_says_how_to_create_the_first_administrator()
    {
        var run = await _store.Run("users", "list");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("No accounts. Create the first administrator with `concord users add-admin USERNAME`.", run.Output.Trim());
    }

    [Fact]
    public async Task add_admin_reads_the_password_from_standard_input_and_users_list_shows_the_administrator()
    {
        var added = await StandardInput.Run(_store, Password + "\n", "users", "add-admin", "alice", "--display-name", "Alice Admin");
        var listed = await _store.Run("users", "list");

        Assert.Equal(0, added.ExitCode);
        Assert.Equal("Created alice: Administrator; nationality none; clearance NATO UNCLASSIFIED.", added.Output.Trim());
        Assert.Empty(added.Error);
        Assert.Equal(0, listed.ExitCode);
        Assert.Matches(@"alice\s+│\s+Alice Admin\s+│\s+Administrator\s+│", listed.Line("│ alice"));
        await using var store = await _store.Open();
        var created = await store.Db.Events.SingleAsync(e => e.Name == "AccountCreated", TestContext.Current.CancellationToken);
        Assert.Equal($"cli:{Environment.UserName}", created.RecordedBy);
        Assert.DoesNotContain(Password, created.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_short_password_is_refused_in_words_with_a_non_zero_exit_code_and_no_account()
    {
        var run = await StandardInput.Run(_store, "too short\n", "users", "add-admin", "alice");
        var listed = await _store.Run("users", "list");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("error: Passwords must be at least 12 characters.", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.StartsWith("No accounts.", listed.Output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task no_password_on_standard_input_is_refused()
    {
        var run = await StandardInput.Run(_store, "", "users", "add-admin", "alice");

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("No password", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task add_gives_a_delegation_its_roles_nationality_and_clearance_and_refuses_a_state_not_an_ally()
    {
        var added = await StandardInput.Run(_store, Password + "\n",
            "users", "add", "hans", "--role", "Delegation,Analyst", "--nationality", "DEU", "--clearance", "NATO RESTRICTED");
        var refused = await StandardInput.Run(_store, Password + "\n", "users", "add", "franz", "--role", "Delegation", "--nationality", "AUT");
        var unknownRole = await StandardInput.Run(_store, Password + "\n", "users", "add", "franz", "--role", "Spy");

        Assert.Equal("Created hans: Delegation, Analyst; nationality DEU; clearance NATO RESTRICTED.", added.Output.Trim());
        Assert.Equal(ExitCodes.Refused, refused.ExitCode);
        Assert.Contains("A Delegation speaks for an Ally, and AUT is not a member of NATO.", refused.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, unknownRole.ExitCode);
        Assert.Contains("'Spy' is not a role.", unknownRole.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task roles_clearance_nationality_lock_unlock_and_remove_change_one_account_and_say_what_it_now_is()
    {
        await StandardInput.Run(_store, Password + "\n", "users", "add", "hans", "--role", "Delegation", "--nationality", "DEU");

        Assert.Equal("hans now holds Delegation, Analyst.", (await _store.Run("users", "roles", "hans", "Delegation,Analyst")).Output.Trim());
        Assert.Equal("hans is now cleared for NATO CONFIDENTIAL.", (await _store.Run("users", "clearance", "hans", "NATO CONFIDENTIAL")).Output.Trim());
        Assert.Equal("hans now belongs to FRA.", (await _store.Run("users", "nationality", "hans", "FRA")).Output.Trim());
        Assert.StartsWith("hans is locked", (await _store.Run("users", "lock", "hans")).Output.Trim(), StringComparison.Ordinal);
        Assert.Contains("locked", (await _store.Run("users", "list")).Line("│ hans"), StringComparison.Ordinal);
        Assert.Equal("hans is unlocked.", (await _store.Run("users", "unlock", "hans")).Output.Trim());
        var noState = await _store.Run("users", "nationality", "hans", "none");
        Assert.Equal(ExitCodes.Refused, noState.ExitCode);
        Assert.Contains("give its nationality", noState.Error, StringComparison.Ordinal);
        Assert.Equal("Removed hans and its access tokens.", (await _store.Run("users", "remove", "hans")).Output.Trim());
        var gone = await _store.Run("users", "lock", "hans");
        Assert.Equal(ExitCodes.Refused, gone.ExitCode);
        Assert.Contains("There is no account 'hans'.", gone.Error, StringComparison.Ordinal);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A browser session of the account as the sign-in page records it (the CLI has no browser to sign in with).</summary>
    private async Task<string> BrowserSession(string userName)
    {
        await using var store = await _store.Open();
        var user = await store.Db.Users.SingleAsync(u => u.UserName == userName, Ct);
        var id = Guid.NewGuid().ToString("N")[..16];
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        store.Db.UserTokens.Add(new IdentityUserToken<string>
        {
            UserId = user.Id, LoginProvider = AccountService.SessionProvider, Name = id,
            Value = $$"""{"Started":{{now}},"Seen":{{now}},"Client":"Firefox on a laptop","Address":"192.0.2.7"}""",
        });
        await store.Db.SaveChangesAsync(Ct);
        return id;
    }

    private async Task<int> Sessions(string userName)
    {
        await using var store = await _store.Open();
        var user = await store.Db.Users.SingleAsync(u => u.UserName == userName, Ct);
        return await store.Db.UserTokens.CountAsync(t => t.UserId == user.Id && t.LoginProvider == AccountService.SessionProvider, Ct);
    }

    [Fact]
    public async Task reset_password_reads_the_new_one_from_standard_input_ends_the_sessions_and_records_no_password()
    {
        await StandardInput.Run(_store, Password + "\n", "users", "add", "hans", "--role", "Analyst");
        await BrowserSession("hans");
        const string fresh = "a brand new passphrase here";

        var run = await StandardInput.Run(_store, fresh + "\n", "users", "reset-password", "hans");
        var tooShort = await StandardInput.Run(_store, "short\n", "users", "reset-password", "hans");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("hans has a new password; its sessions have ended.", run.Output.Trim());
        Assert.Equal(ExitCodes.Refused, tooShort.ExitCode);
        Assert.Contains("at least 12 characters", tooShort.Error, StringComparison.Ordinal);
        Assert.Equal(0, await Sessions("hans"));
        await using var store = await _store.Open();
        var user = await store.Db.Users.SingleAsync(u => u.UserName == "hans", Ct);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<ConcordUser>().VerifyHashedPassword(user, user.PasswordHash!, fresh));
        var reset = await store.Db.Events.Where(e => e.Name == "PasswordReset").ToListAsync(Ct);
        Assert.Single(reset);
        Assert.DoesNotContain(fresh, reset[0].Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task reset_password_with_generate_prints_a_new_password_once_and_it_is_the_account_s()
    {
        await StandardInput.Run(_store, Password + "\n", "users", "add", "hans", "--role", "Analyst");

        var run = await _store.Run("users", "reset-password", "hans", "--generate");

        Assert.Equal(0, run.ExitCode);
        var printed = run.Output.Split('\n')[0].Trim();
        Assert.Matches("^[a-z2-9]{5}(-[a-z2-9]{5}){3}$", printed);
        await using var store = await _store.Open();
        var user = await store.Db.Users.SingleAsync(u => u.UserName == "hans", Ct);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<ConcordUser>().VerifyHashedPassword(user, user.PasswordHash!, printed));
        Assert.All(await store.Db.Events.Select(e => e.Payload).ToListAsync(Ct), p => Assert.DoesNotContain(printed, p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task sessions_lists_an_account_s_browser_sessions_and_tokens_and_revoke_ends_one_or_all()
    {
        await StandardInput.Run(_store, Password + "\n", "users", "add", "hans", "--role", "Analyst");
        var laptop = await BrowserSession("hans");
        var desk = await BrowserSession("hans");
        var issued = await _store.Run("tokens", "issue", "hans", "--name", "ci");
        var prefix = System.Text.RegularExpressions.Regex.Match(issued.Output, "prefix (?<p>[^)]+)\\)").Groups["p"].Value;

        var listed = await _store.Run("users", "sessions", "hans");
        var neither = await _store.Run("users", "revoke", "hans");
        var one = await _store.Run("users", "revoke", "hans", "--session", laptop);
        var all = await _store.Run("users", "revoke", "hans", "--all");
        var after = await _store.Run("users", "sessions", "hans");

        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("Firefox on a laptop", listed.Line("│ " + laptop), StringComparison.Ordinal);
        Assert.Contains("192.0.2.7", listed.Line("│ " + desk), StringComparison.Ordinal);
        Assert.Contains("ci", listed.Line("│ " + prefix), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, neither.ExitCode);
        Assert.Contains("--session ID", neither.Error, StringComparison.Ordinal);
        Assert.Equal("Ended 1 browser session of hans.", one.Output.Trim());
        Assert.Equal($"Ended 1 browser session of hans and revoked 1 access token ({prefix}).", all.Output.Trim());
        Assert.Contains("No browser session.", after.Output, StringComparison.Ordinal);
        Assert.Contains("No active access token.", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task reset_authenticator_removes_an_enrolled_authenticator_and_is_refused_for_an_account_without_one()
    {
        await StandardInput.Run(_store, Password + "\n", "users", "add", "hans", "--role", "Analyst", "--clearance", "NATO SECRET");
        var none = await _store.Run("users", "reset-authenticator", "hans");
        await using (var store = await _store.Open())
        {
            var user = await store.Db.Users.SingleAsync(u => u.UserName == "hans", Ct);
            user.TwoFactorEnabled = true;
            store.Db.UserTokens.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" });
            await store.Db.SaveChangesAsync(Ct);
        }
        var enrolledList = await _store.Run("users", "list");

        var reset = await _store.Run("users", "reset-factor", "hans");
        var listed = await _store.Run("users", "list");

        Assert.Equal(ExitCodes.Refused, none.ExitCode);
        Assert.Contains("hans has no authenticator to reset.", none.Error, StringComparison.Ordinal);
        Assert.Contains("enrolled", enrolledList.Line("│ hans"), StringComparison.Ordinal);
        Assert.Equal(0, reset.ExitCode);
        Assert.Equal("hans has no authenticator now and its sessions have ended; it sets up a new one at its next sign-in.", reset.Output.Trim());
        Assert.Contains("at next sign-in", listed.Line("│ hans"), StringComparison.Ordinal);
        await using var after = await _store.Open();
        Assert.False(await after.Db.UserTokens.AnyAsync(t => t.Name == "AuthenticatorKey", Ct));
    }
}
