using System.Security.Cryptography;
using System.Text;
using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static Concord.Features.Tests.Accounts.TestAccounts;

namespace Concord.Features.Tests.Accounts;

public sealed class AccountServiceTokensTests
{
    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_issued_token_validates_as_its_account_and_notes_its_last_use(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Delegation", "DEU", "NATO RESTRICTED");

        var token = await accounts.Issue("hans");
        var holder = await accounts.Validate(token.Token);

        Assert.Matches("^concord_pat_[A-Za-z0-9]{10}_[A-Za-z0-9_-]{43}$", token.Token);
        Assert.Equal(accounts.Store.Clock.GetCurrentInstant() + Duration.FromDays(90), token.Expires);
        Assert.NotNull(holder);
        Assert.Equal("hans", holder.User.UserName);
        Assert.Equal(new Reader("hans", new HashSet<Role> { Role.Delegation }, Domain.Members.MemberCode.Parse("DEU"), Marking.NatoRestricted) with { Roles = holder.Reader.Roles }, holder.Reader);
        Assert.Equal([Role.Delegation], holder.Reader.Roles);
        await using var db = accounts.Store.NewContext();
        Assert.Equal(accounts.Store.Clock.GetCurrentInstant(), (await db.AccessTokens.SingleAsync(Ct)).LastUsed);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_token_is_stored_only_as_the_sha256_of_its_secret(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst");

        var token = await accounts.Issue("hans");

        var secret = token.Token[(AccessTokenText.Start.Length + AccessTokenText.PrefixLength + 1)..];
        await using var db = accounts.Store.NewContext();
        var row = await db.AccessTokens.SingleAsync(Ct);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), row.SecretHash);
        Assert.Equal(token.Prefix, row.Prefix);
        Assert.DoesNotContain(new[] { row.Id, row.UserId, row.Name, row.Prefix, row.SecretHash }, f => f.Contains(secret, StringComparison.Ordinal));
        var listed = (await accounts.With(a => a.ListTokens(null, Reader.System, Ct))).Value!;
        Assert.Equal(token.Prefix, Assert.Single(listed).Prefix);
        Assert.DoesNotContain(secret, listed[0].ToString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_expired_token_is_refused(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst");
        var token = await accounts.Issue("hans", days: 1);

        accounts.Store.Clock.Advance(Duration.FromDays(1) - Duration.FromSeconds(1));
        Assert.NotNull(await accounts.Validate(token.Token));
        accounts.Store.Clock.Advance(Duration.FromSeconds(1));
        Assert.Null(await accounts.Validate(token.Token));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_revoked_token_is_refused_and_cannot_be_revoked_twice(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst");
        var token = await accounts.Issue("hans");
        var other = await accounts.Issue("hans");

        var revoked = await accounts.With(a => a.RevokeToken(token.Prefix, Admin, Ct));
        var again = await accounts.With(a => a.RevokeToken(token.Prefix, Admin, Ct));
        var unknown = await accounts.With(a => a.RevokeToken("nosuchtokn", Admin, Ct));

        Assert.Equal(accounts.Store.Clock.GetCurrentInstant(), revoked.Value!.Revoked);
        Assert.Null(await accounts.Validate(token.Token));
        Assert.NotNull(await accounts.Validate(other.Token));
        Assert.Equal(RefusalKind.Conflict, again.Refusal?.Kind);
        Assert.Equal(RefusalKind.NotFound, unknown.Refusal?.Kind);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_locked_or_removed_accounts_token_is_refused(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst");
        await accounts.Open("anna", "Analyst");
        var hans = await accounts.Issue("hans");
        var anna = await accounts.Issue("anna");

        await accounts.With(a => a.Lock("hans", Admin, Ct));
        await accounts.With(a => a.Remove("anna", Admin, Ct));

        Assert.Null(await accounts.Validate(hans.Token));
        Assert.Null(await accounts.Validate(anna.Token));
        await accounts.With(a => a.Unlock("hans", Admin, Ct));
        Assert.NotNull(await accounts.Validate(hans.Token));
        await using var db = accounts.Store.NewContext();
        Assert.Equal([hans.Prefix], await db.AccessTokens.Select(t => t.Prefix).ToListAsync(Ct));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_token_carries_the_account_s_roles_and_clearance_as_they_are_now_not_as_they_were_when_issued(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst", null, "NATO SECRET");
        var token = await accounts.Issue("hans");
        var before = (await accounts.Validate(token.Token))!.Reader;
        Assert.Equal(Marking.NatoSecret, before.Clearance);
        Assert.Equal([Role.Analyst], before.Roles);

        Assert.Null((await accounts.With(a => a.SetClearance("hans", "NATO RESTRICTED", Admin, Ct))).Refusal);
        Assert.Null((await accounts.With(a => a.SetRoles("hans", ["Observer"], Admin, Ct))).Refusal);

        var holder = await accounts.Validate(token.Token);
        Assert.NotNull(holder);
        Assert.Equal(Marking.NatoRestricted, holder.Reader.Clearance);
        Assert.Equal([Role.Observer], holder.Reader.Roles);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_malformed_or_forged_token_is_refused(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst");
        var token = await accounts.Issue("hans");
        var forged = token.Token[..^3] + (token.Token[^3] == 'A' ? "BBB" : "AAA");
        // The last of 43 base64url characters carries two bits past the 32 bytes; 'B' sets one, so it is never valid.
        var strayBits = token.Token[..^1] + "B";
        var otherPrefix = AccessTokenText.Format("ZZZZZZZZZZ", token.Token[(AccessTokenText.Start.Length + AccessTokenText.PrefixLength + 1)..]);

        foreach (var text in new[] { null, "", "concord_pat_", token.Token[..^1], token.Token + "x", forged, strayBits, otherPrefix, token.Token.Replace("concord_pat_", "concord_pak_", StringComparison.Ordinal) })
            Assert.Null(await accounts.Validate(text));
        Assert.NotNull(await accounts.Validate(token.Token));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_token_lives_at_least_a_day_and_at_most_the_configured_maximum(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind, new Dictionary<string, string?> { ["Concord:Accounts:TokenDays"] = "30" });
        await accounts.Open("hans", "Analyst");

        var none = await accounts.With(a => a.IssueToken("hans", "ci", 0, Admin, Ct));
        var tooLong = await accounts.With(a => a.IssueToken("hans", "ci", 367, Admin, Ct));
        var unnamed = await accounts.With(a => a.IssueToken("hans", " ", null, Admin, Ct));
        var longest = await accounts.With(a => a.IssueToken("hans", "ci", 366, Admin, Ct));
        var byDefault = await accounts.Issue("hans");

        Assert.Equal("days", none.Refusal?.Field);
        Assert.Equal("days", tooLong.Refusal?.Field);
        Assert.Equal("name", unnamed.Refusal?.Field);
        Assert.Equal(accounts.Store.Clock.GetCurrentInstant() + Duration.FromDays(366), longest.Value!.Expires);
        Assert.Equal(accounts.Store.Clock.GetCurrentInstant() + Duration.FromDays(30), byDefault.Expires);
        await using var db = accounts.Store.NewContext();
        Assert.Equal(2, await db.AccessTokens.CountAsync(Ct));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_account_may_issue_list_and_revoke_its_own_tokens_but_not_anothers(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst");
        await accounts.Open("anna", "Analyst");
        var annasToken = await accounts.Issue("anna");
        var hans = await accounts.With(async a => await a.ReaderOf((await a.Find("hans"))!));

        var own = await accounts.With(a => a.IssueToken("hans", "laptop", null, WriteContext.By(hans), Ct));
        var forAnna = await accounts.With(a => a.IssueToken("anna", "laptop", null, WriteContext.By(hans), Ct));
        var listOwn = await accounts.With(a => a.ListTokens(null, hans, Ct));
        var listAnna = await accounts.With(a => a.ListTokens("anna", hans, Ct));
        var revokeAnna = await accounts.With(a => a.RevokeToken(annasToken.Prefix, WriteContext.By(hans), Ct));
        var revokeOwn = await accounts.With(a => a.RevokeToken(own.Value!.Prefix, WriteContext.By(hans), Ct));

        Assert.Null(own.Refusal);
        Assert.Equal(RefusalKind.Forbidden, forAnna.Refusal?.Kind);
        Assert.Equal([own.Value!.Prefix], listOwn.Value!.Select(t => t.Prefix));
        Assert.Equal(RefusalKind.Forbidden, listAnna.Refusal?.Kind);
        Assert.Equal(RefusalKind.Forbidden, revokeAnna.Refusal?.Kind);
        Assert.Null(revokeOwn.Refusal);
        Assert.NotNull(await accounts.Validate(annasToken.Token));
        await using var db = accounts.Store.NewContext();
        Assert.Equal("hans", (await db.Events.Where(e => e.Name == "AccessTokenRevoked").SingleAsync(Ct)).RecordedBy);
    }
}
