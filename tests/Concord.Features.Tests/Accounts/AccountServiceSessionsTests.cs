using Concord.Domain;
using Concord.Features.Accounts;
using static Concord.Features.Tests.Accounts.TestAccounts;

namespace Concord.Features.Tests.Accounts;

/// <summary>A session (a browser's cookie, an open page) holds only while its account is as it was when it began.</summary>
public sealed class AccountServiceSessionsTests
{
    public static TheoryData<StoreKind, string> Changes()
    {
        var data = new TheoryData<StoreKind, string>();
        foreach (var kind in new[] { StoreKind.Sqlite, StoreKind.Postgres })
            foreach (var change in Change.Keys) data.Add(kind, change);
        return data;
    }

    private static readonly Dictionary<string, Func<AccountService, Task<Result<AccountView>>>> Change = new()
    {
        ["locked"] = a => a.Lock("hans", Admin, Ct),
        ["removed"] = a => a.Remove("hans", Admin, Ct),
        ["given other roles"] = a => a.SetRoles("hans", ["Observer"], Admin, Ct),
        ["given a lower clearance"] = a => a.SetClearance("hans", "NATO UNCLASSIFIED", Admin, Ct),
        ["given another nationality"] = a => a.SetNationality("hans", "FRA", Admin, Ct),
    };

    [Theory, MemberData(nameof(Changes))]
    public async Task a_session_that_began_before_its_account_was_changed_no_longer_holds_when_the_account_was(StoreKind kind, string change)
    {
        await using var accounts = await TestAccounts.Create(kind);
        Assert.Null((await accounts.With(a => a.Create(new NewAccount("hans", Password, ["Analyst"], "DEU", "NATO SECRET"), Admin, Ct))).Refusal);
        var (id, stamp) = await accounts.WithUsers(async users =>
        {
            var user = (await users.FindByNameAsync("hans"))!;
            return (user.Id, await users.GetSecurityStampAsync(user));
        });
        Assert.NotNull(await accounts.With(a => a.SessionHolder(id, stamp)));

        Assert.Null((await accounts.With(Change[change])).Refusal);

        Assert.Null(await accounts.With(a => a.SessionHolder(id, stamp)));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_session_holds_while_its_account_is_unchanged_and_never_without_its_stamp(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        Assert.Null((await accounts.With(a => a.Create(new NewAccount("hans", Password, ["Analyst"], "DEU", "NATO SECRET"), Admin, Ct))).Refusal);
        var (id, stamp) = await accounts.WithUsers(async users =>
        {
            var user = (await users.FindByNameAsync("hans"))!;
            return (user.Id, await users.GetSecurityStampAsync(user));
        });
        Assert.Null((await accounts.With(a => a.IssueToken("hans", "laptop", 30, Admin, Ct))).Refusal);

        Assert.Equal("hans", (await accounts.With(a => a.SessionHolder(id, stamp)))?.UserName);
        Assert.Null(await accounts.With(a => a.SessionHolder(id, null)));
        Assert.Null(await accounts.With(a => a.SessionHolder(id, "another stamp")));
        Assert.Null(await accounts.With(a => a.SessionHolder("no such id", stamp)));
    }
}
