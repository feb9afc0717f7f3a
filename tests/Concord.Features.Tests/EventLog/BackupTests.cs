using System.Security.Claims;
using System.Text.Json;
using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Concord.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Concord.Features.Tests.EventLog;

public sealed class BackupTests
{
    private const string Password = "correct horse battery staple";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<StoreKind, StoreKind> Pairs => new()
    {
        { StoreKind.Sqlite, StoreKind.Postgres },
        { StoreKind.Postgres, StoreKind.Sqlite },
        { StoreKind.Postgres, StoreKind.Postgres },
    };

    [Theory, MemberData(nameof(Pairs))]
    public async Task a_backup_restored_into_an_empty_store_of_either_provider_serves_the_same_log_decisions_accounts_tokens_and_idempotency_records(
        StoreKind from, StoreKind to)
    {
        await using var source = await TestStore.Create(from, seed: true);
        await using var target = await TestStore.Create(to);
        string? authenticatorKey;
        await using (var accounts = Accounts(source))
        {
            var admin = new WriteContext("cli:tester", null, Reader.System);
            Assert.Null((await With(accounts, a => a.Create(new NewAccount("alice", Password, ["Analyst"], null, "NATO SECRET"), admin, Ct))).Refusal);
            await WithUsers(accounts, async users => await users.AddClaimAsync((await users.FindByNameAsync("alice"))!, new Claim("team", "red")));
            // An authenticator app's key lives in Identity's user tokens: a table no code of the backup names.
            await WithUsers(accounts, async users => await users.ResetAuthenticatorKeyAsync((await users.FindByNameAsync("alice"))!));
            authenticatorKey = await WithUsers(accounts, async users => await users.GetAuthenticatorKeyAsync((await users.FindByNameAsync("alice"))!));
        }
        await Seeded.OpenInvitation(source);
        Assert.Null((await Seeded.Record(source, Seeded.Invitation, "HUN", "concur", key: "hun-concurs")).Refusal);
        string token;
        await using (var accounts = Accounts(source))
            token = (await With(accounts, a => a.IssueToken("alice", "laptop", null, new WriteContext("cli:tester", null, Reader.System), Ct))).Value!.Token;

        var file = await BackUp(source);
        Result<BackupSummary> restored;
        await using (var db = target.NewContext())
            restored = await Backup.Restore(db, target.Clock, () => new MemoryStream(file), Ct);

        Assert.Null(restored.Refusal);
        Assert.Equal(await Export(source), await Export(target));
        Assert.Equal(await ReadModels(source), await ReadModels(target));
        await using (var accounts = Accounts(target))
        {
            Assert.True(await WithUsers(accounts, async users => await users.CheckPasswordAsync((await users.FindByNameAsync("alice"))!, Password)));
            Assert.Equal("alice", (await With(accounts, a => a.ValidateToken(token, Ct)))?.User.UserName);
            Assert.NotNull(authenticatorKey);
            Assert.Equal(authenticatorKey, await WithUsers(accounts, async users => await users.GetAuthenticatorKeyAsync((await users.FindByNameAsync("alice"))!)));
            // Identity's own keys go on after the restored ones (PostgreSQL's identity sequences are moved past them).
            await WithUsers(accounts, async users => Assert.True((await users.AddClaimAsync((await users.FindByNameAsync("alice"))!, new Claim("team", "blue"))).Succeeded));
        }
        // The seed marks each data file by an idempotency record too: the restored store holds the same records as the source.
        List<string> sourceKeys, targetKeys;
        await using (var db = source.NewContext())
            sourceKeys = [.. (await db.IdempotentResponses.Select(r => r.Key).ToListAsync(Ct)).Order(StringComparer.Ordinal)];
        await using (var db = target.NewContext())
            targetKeys = [.. (await db.IdempotentResponses.Select(r => r.Key).ToListAsync(Ct)).Order(StringComparer.Ordinal)];
        Assert.Contains("hun-concurs", sourceKeys);
        Assert.Equal(sourceKeys, targetKeys);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task restore_refuses_a_store_that_has_events_and_changes_nothing(StoreKind kind)
    {
        await using var source = await TestStore.Create(kind, seed: true);
        await using var target = await TestStore.Create(kind, seed: true);
        var file = await BackUp(source);
        var before = await Export(target);

        Result<BackupSummary> restored;
        await using (var db = target.NewContext())
            restored = await Backup.Restore(db, target.Clock, () => new MemoryStream(file), Ct);

        Assert.Equal(RefusalKind.Conflict, restored.Refusal?.Kind);
        Assert.Contains("can only be restored into an empty store", restored.Refusal!.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await Export(target));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task restore_refuses_a_store_that_has_only_an_account_and_changes_nothing(StoreKind kind)
    {
        await using var source = await TestStore.Create(kind, seed: true);
        await using var target = await TestStore.Create(kind);
        var file = await BackUp(source);
        await using (var accounts = Accounts(target))
            await WithUsers(accounts, async users => Assert.True((await users.CreateAsync(new ConcordUser { UserName = "mallory" }, Password)).Succeeded));

        Result<BackupSummary> restored;
        await using (var db = target.NewContext())
            restored = await Backup.Restore(db, target.Clock, () => new MemoryStream(file), Ct);

        Assert.Equal(RefusalKind.Conflict, restored.Refusal?.Kind);
        Assert.Equal(0, await target.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task restore_refuses_a_file_whose_chain_was_edited_and_writes_nothing(StoreKind kind)
    {
        await using var source = await TestStore.Create(kind, seed: true);
        await using var target = await TestStore.Create(kind);
        await using (var accounts = Accounts(source))
            Assert.Null((await With(accounts, a => a.Create(new NewAccount("alice", Password, ["Analyst"], null, null), new WriteContext("cli:tester", null, Reader.System), Ct))).Refusal);
        // The checksum is made to match again: only the hash chain can tell.
        var forged = BackupFiles.Edit(await BackUp(source), BackupFiles.AlterFirstEventOf("decision-invite-ukraine-washington-2024"), recomputeChecksum: true);

        Result<BackupSummary> restored;
        await using (var db = target.NewContext())
            restored = await Backup.Restore(db, target.Clock, () => new MemoryStream(forged), Ct);

        Assert.Equal(RefusalKind.Unprocessable, restored.Refusal?.Kind);
        Assert.Contains("was altered", restored.Refusal!.Reason, StringComparison.Ordinal);
        await using var check = target.NewContext();
        Assert.Equal(0, await check.Events.CountAsync(Ct));
        Assert.Equal(0, await check.Users.CountAsync(Ct));
        Assert.Equal(0, await check.Decisions.CountAsync(Ct));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task restore_refuses_a_file_whose_checksum_does_not_match_its_lines_and_writes_nothing(StoreKind kind)
    {
        await using var source = await TestStore.Create(kind, seed: true);
        await using var target = await TestStore.Create(kind);
        await using (var accounts = Accounts(source))
            Assert.Null((await With(accounts, a => a.Create(new NewAccount("alice", Password, ["Analyst"], null, null), new WriteContext("cli:tester", null, Reader.System), Ct))).Refusal);
        // An account made an administrator in the file: no event changes, so only the checksum can tell.
        var forged = BackupFiles.Edit(await BackUp(source), line =>
        {
            if (line["table"]!.GetValue<string>() == "AspNetUsers") line["row"]!["Clearance"] = "natoSecret";
            return line;
        }, recomputeChecksum: false);

        Result<BackupSummary> restored;
        await using (var db = target.NewContext())
            restored = await Backup.Restore(db, target.Clock, () => new MemoryStream(forged), Ct);

        Assert.Equal(RefusalKind.Invalid, restored.Refusal?.Kind);
        Assert.Contains("checksum", restored.Refusal!.Reason, StringComparison.Ordinal);
        await using var check = target.NewContext();
        Assert.Equal(0, await check.Events.CountAsync(Ct));
        Assert.Equal(0, await check.Users.CountAsync(Ct));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_backup_taken_while_positions_are_recorded_is_one_snapshot_that_restores(StoreKind kind)
    {
        await using var source = await TestStore.Create(kind, seed: true);
        await Seeded.OpenInvitation(source);
        await using var target = await TestStore.Create(kind);
        var recorded = 0;
        // Positions are recorded (each under its own Idempotency-Key) once the backup has counted its rows and is writing them.
        using var output = new PausingStream(async () =>
        {
            foreach (var (kindOf, key) in new[] { ("concur", "during-1"), ("object", "during-2"), ("concur", "during-3") })
            {
                Assert.Null((await Seeded.Record(source, Seeded.Invitation, "HUN", kindOf, key: key)).Refusal);
                recorded++;
            }
        });

        await using (var db = source.NewContext())
            await Backup.Write(db, output, Instant.FromUtc(2026, 12, 1, 0, 0), Ct);
        Result<BackupSummary> restored;
        await using (var db = target.NewContext())
            restored = await Backup.Restore(db, target.Clock, () => new MemoryStream(output.ToArray()), Ct);

        Assert.Equal(3, recorded);
        Assert.Null(restored.Refusal);
        Assert.Equal(await source.EventCount() - 3, await target.EventCount());
    }

    /// <summary>A stream that runs <paramref name="first"/> (to completion) when it is first written to.</summary>
    private sealed class PausingStream(Func<Task> first) : MemoryStream
    {
        private Func<Task>? _first = first;

        public override void Write(byte[] buffer, int offset, int count)
        {
            Run().GetAwaiter().GetResult();
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Run().GetAwaiter().GetResult();
            base.Write(buffer);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Run();
            await base.WriteAsync(buffer, cancellationToken);
        }

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await Run();
            await base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        private Task Run()
        {
            var run = _first;
            _first = null;
            return run is null ? Task.CompletedTask : run();
        }
    }

    [Fact]
    public async Task a_backup_holds_every_identity_table_the_tokens_the_idempotency_records_and_the_webhooks_but_no_read_model()
    {
        await using var source = await TestStore.Create(StoreKind.Sqlite, seed: true);

        var header = JsonDocument.Parse(BackupFiles.Lines(await BackUp(source))[0]).RootElement;

        var tables = header.GetProperty("tables").EnumerateObject().Select(t => t.Name).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "events", "AspNetUsers", "AspNetRoles", "AspNetUserRoles", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserTokens",
            "AspNetRoleClaims", "access_tokens", "idempotent_responses", "webhooks", "webhook_deliveries", "leases",
        }, tables);
        Assert.DoesNotContain("decisions", tables);
        Assert.DoesNotContain("positions", tables);
        Assert.Equal(await source.EventCount(), header.GetProperty("tables").GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task a_file_that_is_not_a_backup_is_refused_naming_the_file()
    {
        await using var target = await TestStore.Create(StoreKind.Sqlite);

        Result<BackupSummary> restored;
        await using (var db = target.NewContext())
            restored = await Backup.Restore(db, target.Clock, () => new MemoryStream("country,iso_alpha3\nFrance,FRA\n"u8.ToArray()), Ct);

        Assert.Equal(RefusalKind.Invalid, restored.Refusal?.Kind);
        Assert.Equal("FILE", restored.Refusal!.Field);
        Assert.Contains("not a Concord backup", restored.Refusal.Reason, StringComparison.Ordinal);
    }

    private static async Task<byte[]> BackUp(TestStore store)
    {
        using var output = new MemoryStream();
        await using (var db = store.NewContext())
            await Backup.Write(db, output, Instant.FromUtc(2026, 12, 1, 0, 0), Ct);
        return output.ToArray();
    }

    private static async Task<string> Export(TestStore store)
    {
        await using var db = store.NewContext();
        using var text = new StringWriter();
        await ReadableLog.Export(db, text, Reader.System, Ct);
        return text.ToString();
    }

    /// <summary>What the read models say (decisions, positions, accessions, pledges), as JSON to compare.</summary>
    private static async Task<string> ReadModels(TestStore store)
    {
        await using var db = store.NewContext();
        return JsonSerializer.Serialize(new object[]
        {
            await db.Decisions.AsNoTracking().OrderBy(d => d.Id).ToListAsync(Ct),
            await db.Positions.AsNoTracking().OrderBy(p => p.DecisionId).ThenBy(p => p.Member).ToListAsync(Ct),
            await db.Accessions.AsNoTracking().OrderBy(a => a.Candidate).ToListAsync(Ct),
            await db.Pledges.AsNoTracking().OrderBy(p => p.Id).ToListAsync(Ct),
        }, ConcordJson.Options);
    }

    /// <summary>The account service and Identity over <paramref name="store"/>, registered as the product registers them.</summary>
    private static ServiceProvider Accounts(TestStore store)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddScoped<ConcordDbContext>(_ => store.NewContext());
        services.AddSingleton<IClock>(store.Clock);
        services.AddConcordAccounts(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }

    private static async Task<T> With<T>(ServiceProvider services, Func<AccountService, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AccountService>());
    }

    private static async Task WithUsers(ServiceProvider services, Func<UserManager<ConcordUser>, Task> work)
    {
        await using var scope = services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<UserManager<ConcordUser>>());
    }

    private static async Task<T> WithUsers<T>(ServiceProvider services, Func<UserManager<ConcordUser>, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<ConcordUser>>());
    }
}
