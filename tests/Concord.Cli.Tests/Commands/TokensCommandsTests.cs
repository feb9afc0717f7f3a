using Concord.Cli.Commands;
using Concord.Features.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Cli.Tests.Commands;

[Collection(StandardInput.Name)]
public sealed class TokensCommandsTests : IDisposable
{
    private readonly TempStore _store = new(seeded: true);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task tokens_issue_prints_the_token_once_and_tokens_revoke_makes_it_invalid()
    {
        await StandardInput.Run(_store, "correct horse battery staple\n", "users", "add-admin", "alice");

        var issued = await _store.Run("tokens", "issue", "alice", "--name", "ci", "--days", "7");
        var token = issued.Output.Split('\n')[0].Trim();
        var secret = token[(AccessTokenText.Start.Length + AccessTokenText.PrefixLength + 1)..];
        var prefix = token[AccessTokenText.Start.Length..(AccessTokenText.Start.Length + AccessTokenText.PrefixLength)];
        var listed = await _store.Run("tokens", "list");
        var validBefore = await Validate(token);
        var revoked = await _store.Run("tokens", "revoke", prefix);
        var listedAfter = await _store.Run("tokens", "list", "alice");

        Assert.Equal(0, issued.ExitCode);
        Assert.StartsWith("concord_pat_", token, StringComparison.Ordinal);
        Assert.Matches($@"Issued token 'ci' \(prefix {prefix}\) to alice; it expires \d{{4}}-\d\d-\d\d \d\d:\d\d UTC\.", issued.Output);
        Assert.Contains("It will not be shown again", issued.Output, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(issued.Output, System.Text.RegularExpressions.Regex.Escape(secret)));
        Assert.Contains("active", listed.Line($"│ {prefix}"), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed.Output, StringComparison.Ordinal);
        Assert.True(validBefore);
        Assert.Equal($"Revoked token 'ci' (prefix {prefix}) of alice.", revoked.Output.Trim());
        Assert.False(await Validate(token));
        Assert.Contains("revoked", listedAfter.Line($"│ {prefix}"), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, (await _store.Run("tokens", "revoke", prefix)).ExitCode);
    }

    [Fact]
    public async Task a_token_for_an_unknown_account_or_beyond_the_longest_lifetime_is_refused_in_words()
    {
        await StandardInput.Run(_store, "correct horse battery staple\n", "users", "add-admin", "alice");

        var unknown = await _store.Run("tokens", "issue", "bob", "--name", "ci");
        var tooLong = await _store.Run("tokens", "issue", "alice", "--name", "ci", "--days", "400");

        Assert.Equal(ExitCodes.Refused, unknown.ExitCode);
        Assert.Contains("There is no account 'bob'.", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, tooLong.ExitCode);
        Assert.Contains("A token lives from 1 to 366 days, not 400.", tooLong.Error, StringComparison.Ordinal);
        Assert.Equal("No access tokens.", (await _store.Run("tokens", "list")).Output.Trim());
    }

    private async Task<bool> Validate(string token)
    {
        await using var store = await _store.Open();
        await using var services = UsersAccounts.Services(store, new ConfigurationBuilder().Build());
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountService>().ValidateToken(token, TestContext.Current.CancellationToken) is not null;
    }
}
