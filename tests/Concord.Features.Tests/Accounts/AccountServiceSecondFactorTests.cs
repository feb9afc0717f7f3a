using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Concord.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static Concord.Features.Tests.Accounts.TestAccounts;

namespace Concord.Features.Tests.Accounts;

/// <summary>
/// The second factor of an account cleared above NATO RESTRICTED: an authenticator app (RFC 6238 codes from a shared key)
/// enrolled at its first sign-in, its recovery codes, and what an administrator does when a phone or a password is lost.
/// </summary>
public sealed class AccountServiceSecondFactorTests
{
    private static readonly Dictionary<string, string?> ThreeAttempts = new() { ["Concord:Accounts:MaxFailedAttempts"] = "3" };

    private static async Task<(TestAccounts Accounts, string Key)> Enrolled(StoreKind kind, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var accounts = await TestAccounts.Create(kind, settings);
        await accounts.Open("hans", "Analyst", clearance: "NATO SECRET");
        var key = Key((await accounts.With(async a => await a.AuthenticatorSetup((await a.Find("hans"))!, Ct)))!);
        var enrolled = await accounts.With(async a => await a.EnrolAuthenticator((await a.Find("hans"))!, Totp.Code(key), Ct));
        Assert.Null(enrolled.Refusal);
        return (accounts, key);
    }

    private static string Key(AuthenticatorSetup setup) => setup.SharedKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    private static Task<FactorCheck> Check(TestAccounts accounts, string code) =>
        accounts.With(async a => await a.CheckSecondFactor((await a.Find("hans"))!, code, Ct));

    private static async Task<List<(string Name, string Payload)>> AccountEvents(TestAccounts accounts)
    {
        await using var db = accounts.Store.NewContext();
        return (await db.Events.Where(e => e.StreamId == "accounts").OrderBy(e => e.Position).Select(e => new { e.Name, e.Payload }).ToListAsync(Ct))
            .Select(e => (e.Name, e.Payload)).ToList();
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_account_cleared_above_nato_restricted_needs_a_second_factor_and_one_cleared_restricted_does_not(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("secret", "Analyst", clearance: "NATO SECRET");
        await accounts.Open("confidential", "Analyst", clearance: "NATO CONFIDENTIAL");
        await accounts.Open("restricted", "Analyst", clearance: "NATO RESTRICTED");

        var needs = await accounts.With(async a => new[] { "secret", "confidential", "restricted" }.Select(n => a.Find(n).Result!).Select(u => a.NeedsSecondFactor(u).Result).ToList());

        Assert.Equal([true, true, false], needs);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task enrolling_takes_a_code_from_the_shown_key_and_records_the_enrolment_but_never_the_key_or_a_recovery_code(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst", clearance: "NATO SECRET");
        var setup = (await accounts.With(async a => await a.AuthenticatorSetup((await a.Find("hans"))!, Ct)))!;
        var again = (await accounts.With(async a => await a.AuthenticatorSetup((await a.Find("hans"))!, Ct)))!;
        var key = Key(setup);

        var wrong = await accounts.With(async a => await a.EnrolAuthenticator((await a.Find("hans"))!, Totp.WrongCode(key), Ct));
        var right = await accounts.With(async a => await a.EnrolAuthenticator((await a.Find("hans"))!, Totp.Code(key), Ct));

        Assert.Equal(setup, again); // the key is kept until confirmed, not made anew on each visit
        Assert.Equal(32, key.Length);
        Assert.Equal($"otpauth://totp/Concord:hans?secret={key}&issuer=Concord&digits=6&period=30", setup.Uri);
        Assert.Equal("code", wrong.Refusal?.Field);
        Assert.Null(right.Refusal);
        Assert.Equal(AccountService.RecoveryCodeCount, right.Value!.Count);
        Assert.True((await accounts.With(async a => (await a.List(Reader.System, Ct)).Value!.Single(v => v.UserName == "hans"))).Authenticator);
        Assert.Null(await accounts.With(async a => await a.AuthenticatorSetup((await a.Find("hans"))!, Ct))); // never shown again
        var events = await AccountEvents(accounts);
        Assert.Equal(["AccountCreated", "AuthenticatorEnrolled"], events.Select(e => e.Name));
        Assert.Equal("""{"userName":"hans"}""", events[1].Payload.Replace(" ", "", StringComparison.Ordinal), ignoreCase: true);
        foreach (var secret in right.Value!.Append(key).Append(setup.SharedKey).Append(key.ToLowerInvariant()))
            Assert.All(events, e => Assert.DoesNotContain(secret, e.Payload, StringComparison.OrdinalIgnoreCase));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_wrong_authenticator_code_counts_toward_lockout(StoreKind kind)
    {
        var (accounts, key) = await Enrolled(kind, ThreeAttempts);
        await using var _ = accounts;

        var answers = new List<FactorCheck>();
        for (var i = 0; i < 3; i++) answers.Add(await Check(accounts, Totp.WrongCode(key)));
        var locked = await accounts.With(async a => await a.IsLocked((await a.Find("hans"))!));
        var rightButLocked = await Check(accounts, Totp.Code(key));

        Assert.All(answers, a => Assert.Equal(FactorCheck.Refused, a));
        Assert.True(locked);
        Assert.Equal(FactorCheck.Refused, rightButLocked);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_right_code_clears_the_failed_attempts_before_it(StoreKind kind)
    {
        var (accounts, key) = await Enrolled(kind, ThreeAttempts);
        await using var _ = accounts;

        await Check(accounts, Totp.WrongCode(key));
        await Check(accounts, Totp.WrongCode(key));
        Assert.Equal(FactorCheck.Authenticator, await Check(accounts, Totp.Code(key)));
        await Check(accounts, Totp.WrongCode(key));
        await Check(accounts, Totp.WrongCode(key));

        Assert.False(await accounts.With(async a => await a.IsLocked((await a.Find("hans"))!)));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_recovery_code_signs_in_once_and_its_use_is_recorded_without_it(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst", clearance: "NATO SECRET");
        var key = Key((await accounts.With(async a => await a.AuthenticatorSetup((await a.Find("hans"))!, Ct)))!);
        var codes = (await accounts.With(async a => await a.EnrolAuthenticator((await a.Find("hans"))!, Totp.Code(key), Ct))).Value!;

        var first = await Check(accounts, codes[0].ToLowerInvariant());
        var again = await Check(accounts, codes[0]);
        var another = await Check(accounts, codes[1].Replace("-", "", StringComparison.Ordinal));

        Assert.Equal(FactorCheck.RecoveryCode, first);
        Assert.Equal(FactorCheck.Refused, again);
        Assert.Equal(FactorCheck.RecoveryCode, another);
        var used = (await AccountEvents(accounts)).Where(e => e.Name == "RecoveryCodeUsed").ToList();
        Assert.Equal(2, used.Count);
        Assert.Contains("\"left\":8", used[1].Payload.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.All(used, e => Assert.DoesNotContain(codes[0], e.Payload, StringComparison.OrdinalIgnoreCase));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_code_is_refused_for_an_account_whose_authenticator_is_not_yet_confirmed(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst", clearance: "NATO SECRET");
        var key = Key((await accounts.With(async a => await a.AuthenticatorSetup((await a.Find("hans"))!, Ct)))!);

        Assert.Equal(FactorCheck.Refused, await Check(accounts, Totp.Code(key)));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task resetting_the_authenticator_ends_the_sessions_and_the_next_sign_in_sets_up_a_new_key(StoreKind kind)
    {
        var (accounts, key) = await Enrolled(kind);
        await using var _ = accounts;
        var (id, stamp, session) = await accounts.Session("hans");

        var reset = await accounts.With(a => a.ResetAuthenticator("hans", Admin, Ct));
        var twice = await accounts.With(a => a.ResetAuthenticator("hans", Admin, Ct));

        Assert.Null(reset.Refusal);
        Assert.False(reset.Value!.Authenticator);
        Assert.Null(await accounts.With(a => a.SessionHolder(id, stamp, session, Ct)));
        Assert.Equal(FactorCheck.Refused, await Check(accounts, Totp.Code(key)));
        var fresh = Key((await accounts.With(async a => await a.AuthenticatorSetup((await a.Find("hans"))!, Ct)))!);
        Assert.NotEqual(key, fresh);
        Assert.Equal(RefusalKind.Conflict, twice.Refusal?.Kind);
        Assert.Equal("AuthenticatorReset", (await AccountEvents(accounts)).Last().Name);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_password_reset_by_an_administrator_ends_the_account_s_sessions(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst", clearance: "NATO RESTRICTED");
        var (id, stamp, session) = await accounts.Session("hans");
        const string fresh = "a new and rather long passphrase";

        var reset = await accounts.With(a => a.ResetPassword("hans", fresh, Admin, Ct));

        Assert.Null(reset.Refusal);
        Assert.Null(await accounts.With(a => a.SessionHolder(id, stamp, session, Ct)));
        Assert.Empty((await accounts.With(a => a.ListSessions("hans", Reader.System, Ct))).Value!);
        var (oldWorks, newWorks) = await accounts.WithUsers(async users =>
        {
            var user = (await users.FindByNameAsync("hans"))!;
            return (await users.CheckPasswordAsync(user, Password), await users.CheckPasswordAsync(user, fresh));
        });
        Assert.False(oldWorks);
        Assert.True(newWorks);
        var last = (await AccountEvents(accounts)).Last();
        Assert.Equal("PasswordReset", last.Name);
        Assert.DoesNotContain(fresh, last.Payload, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_password_reset_is_refused_for_a_short_password_or_by_a_non_administrator_and_changes_nothing(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst");
        await accounts.Open("anna", "Analyst");
        var anna = await accounts.With(async a => await a.ReaderOf((await a.Find("anna"))!));
        var before = (await AccountEvents(accounts)).Count;

        var tooShort = await accounts.With(a => a.ResetPassword("hans", "short", Admin, Ct));
        var notAdmin = await accounts.With(a => a.ResetPassword("hans", "a new and rather long passphrase", WriteContext.By(anna), Ct));

        Assert.Equal("password", tooShort.Refusal?.Field);
        Assert.Equal(RefusalKind.Forbidden, notAdmin.Refusal?.Kind);
        Assert.Equal(before, (await AccountEvents(accounts)).Count);
        Assert.True(await accounts.WithUsers(async users => await users.CheckPasswordAsync((await users.FindByNameAsync("hans"))!, Password)));
    }

    [Fact]
    public void a_generated_password_is_long_enough_and_never_the_same()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => AccountService.NewPassword()).ToList();

        Assert.All(passwords, p => Assert.Matches("^[a-z2-9]{5}(-[a-z2-9]{5}){3}$", p));
        Assert.Equal(passwords.Count, passwords.Distinct().Count());
    }
}
