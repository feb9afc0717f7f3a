using Concord.Cli.Commands;
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
}
