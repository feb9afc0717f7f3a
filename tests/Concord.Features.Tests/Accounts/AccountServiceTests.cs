using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Concord.Features.EventLog;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Concord.Features.Tests.Accounts.TestAccounts;

namespace Concord.Features.Tests.Accounts;

public sealed class AccountServiceTests
{
    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_fresh_store_has_no_account_and_no_default_password(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await using var db = accounts.Store.NewContext();

        Assert.Empty(await db.Users.ToListAsync(Ct));
        Assert.Empty(await db.Roles.ToListAsync(Ct));
        var listed = await accounts.With(a => a.List(Reader.System, Ct));
        Assert.Empty(listed.Value!);
    }

    public static TheoryData<StoreKind, string> RefusedCases()
    {
        var data = new TheoryData<StoreKind, string>();
        foreach (var kind in new[] { StoreKind.Sqlite, StoreKind.Postgres })
            foreach (var name in Refused.Keys) data.Add(kind, name);
        return data;
    }

    private static readonly Dictionary<string, (NewAccount Account, RefusalKind Kind, string Field)> Refused = new()
    {
        ["an unknown role"] = (new("hans", Password, ["Delegate"], "DEU", null), RefusalKind.Invalid, "roles"),
        ["no role"] = (new("hans", Password, [], "DEU", null), RefusalKind.Invalid, "roles"),
        ["a nationality that is no code"] = (new("hans", Password, ["Analyst"], "DE", null), RefusalKind.Invalid, "nationality"),
        ["a nationality no country has"] = (new("hans", Password, ["Analyst"], "XYZ", null), RefusalKind.Invalid, "nationality"),
        ["a delegation of a state not an Ally"] = (new("hans", Password, ["Delegation"], "AUT", null), RefusalKind.Unprocessable, "nationality"),
        ["a delegation without nationality"] = (new("hans", Password, ["Delegation"], null, null), RefusalKind.Unprocessable, "nationality"),
        ["a candidate delegation of an Ally"] = (new("olena", Password, ["CandidateDelegation"], "DEU", null), RefusalKind.Unprocessable, "nationality"),
        ["an unknown clearance"] = (new("hans", Password, ["Analyst"], null, "TOP SECRET"), RefusalKind.Invalid, "clearance"),
        ["a clearance with releasability"] = (new("hans", Password, ["Analyst"], null, "NATO RESTRICTED REL UKR"), RefusalKind.Invalid, "clearance"),
        ["a password under twelve characters"] = (new("hans", "eleven-char", ["Analyst"], "DEU", null), RefusalKind.Invalid, "password"),
        ["a user name Identity refuses"] = (new("hans müller!", Password, ["Analyst"], "DEU", null), RefusalKind.Invalid, "userName"),
        ["the name the data pack records under"] = (new("Seed", Password, ["Analyst"], "DEU", null), RefusalKind.Invalid, "userName"),
    };

    [Theory, MemberData(nameof(RefusedCases))]
    public async Task an_account_is_refused_with_nothing_stored_for(StoreKind kind, string refusedCase)
    {
        await using var accounts = await TestAccounts.Create(kind);
        var events = await accounts.Store.EventCount();
        var (account, expectedKind, field) = Refused[refusedCase];

        var created = await accounts.With(a => a.Create(account, Admin, Ct));

        Assert.Equal(expectedKind, created.Refusal?.Kind);
        Assert.Equal(field, created.Refusal?.Field);
        Assert.False(string.IsNullOrWhiteSpace(created.Refusal?.Reason));
        await using var db = accounts.Store.NewContext();
        Assert.Equal(0, await db.Users.CountAsync(Ct));
        Assert.Equal(0, await db.UserRoles.CountAsync(Ct));
        Assert.Equal(events, await accounts.Store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_user_name_taken_in_any_case_is_refused_as_a_conflict_with_nothing_stored(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst");
        var events = await accounts.Store.EventCount();

        var again = await accounts.With(a => a.Create(new NewAccount("HANS", Password, ["Observer"], null, null), Admin, Ct));

        Assert.Equal(RefusalKind.Conflict, again.Refusal?.Kind);
        Assert.Equal("userName", again.Refusal?.Field);
        await using var db = accounts.Store.NewContext();
        Assert.Equal(1, await db.Users.CountAsync(Ct));
        Assert.Equal(events, await accounts.Store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_password_too_short_is_refused_in_identitys_words(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);

        var created = await accounts.With(a => a.Create(new NewAccount("hans", "short", ["Analyst"], null, null), Admin, Ct));

        Assert.Contains("at least 12 characters", created.Refusal?.Reason, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task only_an_administrator_may_open_an_account(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        var analyst = new Reader("ana", new HashSet<Role> { Role.Analyst, Role.Secretariat }, null, Marking.NatoSecret);

        var created = await accounts.With(a => a.Create(new NewAccount("hans", Password, ["Administrator"], null, null), WriteContext.By(analyst), Ct));

        Assert.Equal(RefusalKind.Forbidden, created.Refusal?.Kind);
        await using var db = accounts.Store.NewContext();
        Assert.Equal(0, await db.Users.CountAsync(Ct));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_delegation_reads_and_writes_as_its_state_with_its_clearance(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);

        var view = await accounts.Open("hans", "Delegation,analyst", "deu", "NATO RESTRICTED");
        var reader = await accounts.With(async a => await a.ReaderOf((await a.Find("HANS"))!));

        Assert.Equal(("hans", (string?)null, (string?)"DEU", Marking.NatoRestricted, false), (view.UserName, view.DisplayName, view.Nationality, view.Clearance, view.Locked));
        Assert.Equal([Role.Delegation, Role.Analyst], view.Roles);
        Assert.Equal("hans", reader.Actor);
        Assert.Equal(new HashSet<Role> { Role.Delegation, Role.Analyst }, reader.Roles);
        Assert.Equal(MemberCode.Parse("DEU"), reader.Nationality);
        Assert.Equal(Marking.NatoRestricted, reader.Clearance);
        Assert.True(reader.SpeaksFor(MemberCode.Parse("DEU")));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_candidate_delegation_speaks_for_a_state_not_yet_an_ally_and_its_password_is_stored_hashed(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);

        var view = await accounts.Open("olena", "CandidateDelegation", "UKR");

        Assert.Equal([Role.CandidateDelegation], view.Roles);
        await using var db = accounts.Store.NewContext();
        var user = await db.Users.SingleAsync(Ct);
        Assert.NotNull(user.PasswordHash);
        Assert.DoesNotContain(Password, user.PasswordHash, StringComparison.Ordinal);
        Assert.True(await accounts.WithUsers(async u => await u.CheckPasswordAsync((await u.FindByNameAsync("olena"))!, Password)));
        Assert.True(user.LockoutEnabled);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task roles_nationality_and_clearance_change_only_when_they_still_fit_together(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Delegation", "DEU");

        var toAustria = await accounts.With(a => a.SetNationality("hans", "AUT", Admin, Ct));
        var toCandidate = await accounts.With(a => a.SetRoles("hans", ["CandidateDelegation"], Admin, Ct));
        var toNobody = await accounts.With(a => a.SetNationality("hans", null, Admin, Ct));
        var toFrance = await accounts.With(a => a.SetNationality("hans", "FRA", Admin, Ct));
        var toAnalyst = await accounts.With(a => a.SetRoles("hans", ["Analyst", "Observer"], Admin, Ct));
        var toSecret = await accounts.With(a => a.SetClearance("hans", "nato secret", Admin, Ct));
        var toNowhere = await accounts.With(a => a.SetNationality("hans", null, Admin, Ct));

        Assert.Equal("nationality", toAustria.Refusal?.Field);
        Assert.Equal("nationality", toCandidate.Refusal?.Field);
        Assert.Equal("nationality", toNobody.Refusal?.Field);
        Assert.Equal("FRA", toFrance.Value?.Nationality);
        Assert.Equal([Role.Analyst, Role.Observer], toAnalyst.Value?.Roles);
        Assert.Equal(Marking.NatoSecret, toSecret.Value?.Clearance);
        Assert.Null(toNowhere.Value?.Nationality);
        var listed = (await accounts.With(a => a.List(Reader.System, Ct))).Value!;
        Assert.Equal(("hans", (string?)null, Marking.NatoSecret, false), (listed[0].UserName, listed[0].Nationality, listed[0].Clearance, listed[0].Locked));
        Assert.Equal([Role.Analyst, Role.Observer], listed[0].Roles);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_account_is_locked_out_after_the_configured_failed_sign_ins_until_it_is_unlocked(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind, new Dictionary<string, string?>
        {
            ["Concord:Accounts:MaxFailedAttempts"] = "3", ["Concord:Accounts:LockoutMinutes"] = "30",
        });
        await accounts.Open("hans", "Analyst");

        async Task<bool> Fail() => await accounts.WithUsers(async u =>
        {
            var user = (await u.FindByNameAsync("hans"))!;
            await u.AccessFailedAsync(user);
            return await u.IsLockedOutAsync(user);
        });

        Assert.False(await Fail());
        Assert.False(await Fail());
        Assert.True(await Fail());
        var end = await accounts.WithUsers(async u => (await u.FindByNameAsync("hans"))!.LockoutEnd);
        Assert.InRange(end!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
        Assert.True((await accounts.With(a => a.List(Reader.System, Ct))).Value![0].Locked);

        await accounts.With(a => a.Unlock("hans", Admin, Ct));

        Assert.False(await accounts.WithUsers(async u => await u.IsLockedOutAsync((await u.FindByNameAsync("hans"))!)));
        Assert.Equal(0, await accounts.WithUsers(async u => (await u.FindByNameAsync("hans"))!.AccessFailedCount));
        Assert.False(await Fail());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task every_account_change_is_recorded_by_the_acting_account_and_never_with_a_secret(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        var before = await accounts.Store.EventCount();
        await accounts.Open("hans", "Delegation", "DEU");
        await accounts.With(a => a.SetRoles("hans", ["Delegation", "Analyst"], Admin, Ct));
        await accounts.With(a => a.SetClearance("hans", "NATO CONFIDENTIAL", Admin, Ct));
        await accounts.With(a => a.SetNationality("hans", "FRA", Admin, Ct));
        await accounts.With(a => a.Lock("hans", Admin, Ct));
        await accounts.With(a => a.Unlock("hans", Admin, Ct));
        var token = await accounts.Issue("hans");
        await accounts.With(a => a.RevokeToken(token.Prefix, Admin, Ct));
        await accounts.With(a => a.Remove("hans", Admin, Ct));

        await using var db = accounts.Store.NewContext();
        var events = await db.Events.Where(e => e.StreamId == StreamIds.Accounts).OrderBy(e => e.Position).ToListAsync(Ct);
        Assert.Equal(["AccountCreated", "AccountRolesChanged", "AccountClearanceChanged", "AccountNationalityChanged", "AccountLocked",
            "AccountUnlocked", "AccessTokenIssued", "AccessTokenRevoked", "AccountRemoved"], events.Select(e => e.Name));
        Assert.Equal(Enumerable.Range(1, 9), events.Select(e => e.StreamVersion));
        Assert.All(events, e =>
        {
            Assert.Equal("cli:tester", e.RecordedBy);
            Assert.Equal(Marking.NatoUnclassified, e.Marking);
            Assert.Equal(EventStore.ComputeHash(e), e.Hash);
            Assert.DoesNotContain(Password, e.Payload, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Token[(AccessTokenText.Start.Length + AccessTokenText.PrefixLength + 1)..], e.Payload, StringComparison.Ordinal);
            Assert.DoesNotContain("hash", e.Payload, StringComparison.OrdinalIgnoreCase);
            Assert.IsAssignableFrom<IAccountEvent>(EventStore.Deserialize(e));
        });
        var created = (AccountCreated)EventStore.Deserialize(events[0]);
        Assert.Equal(("hans", (string?)"DEU", Marking.NatoUnclassified), (created.UserName, created.Nationality, created.Clearance));
        Assert.Equal([Role.Delegation], created.Roles);
        Assert.Equal(before + 9, await accounts.Store.EventCount());
        Assert.Equal(before + 9, await LogOperations.Rebuild(db, accounts.Store.Clock, Ct));
    }

    [Fact]
    public async Task the_product_registration_resolves_accounts_over_a_model_the_migrations_match()
    {
        var file = Path.Combine(Path.GetTempPath(), "concord_acc_" + Guid.NewGuid().ToString("N")[..12] + ".db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Concord"] = $"Data Source={file};Pooling=False",
        }).Build();
        try
        {
            await using var services = new ServiceCollection().AddLogging().AddConcord(configuration).BuildServiceProvider();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Features.Storage.ConcordDbContext>();
            await Features.Storage.StoreSetup.Migrate(db, Ct);

            Assert.False(db.Database.HasPendingModelChanges());
            Assert.NotNull(scope.ServiceProvider.GetRequiredService<AccountService>());
            Assert.Equal(new AccountsOptions(), scope.ServiceProvider.GetRequiredService<AccountsOptions>());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        }
    }
}
