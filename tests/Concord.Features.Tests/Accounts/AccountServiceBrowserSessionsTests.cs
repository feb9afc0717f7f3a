using Concord.Domain;
using Concord.Features.Access;
using Concord.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static Concord.Features.Tests.Accounts.TestAccounts;

namespace Concord.Features.Tests.Accounts;

/// <summary>Browser sessions known on the server: each holds while it is recorded, and an administrator lists and ends them.</summary>
public sealed class AccountServiceBrowserSessionsTests
{
    private static Task<ConcordUser?> Holder(TestAccounts accounts, (string Id, string Stamp, string Session) s) =>
        accounts.With(a => a.SessionHolder(s.Id, s.Stamp, s.Session, Ct));

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_revoked_session_no_longer_holds_and_the_account_s_other_sessions_do(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst");
        var laptop = await accounts.Session("hans");
        var desk = await accounts.Session("hans");
        var listed = (await accounts.With(a => a.ListSessions("hans", Reader.System, Ct))).Value!;

        var revoked = await accounts.With(a => a.RevokeSessions("hans", laptop.Session, Admin, Ct));

        Assert.Equal(new[] { desk.Session, laptop.Session }.Order(), listed.Select(s => s.Id).Order());
        Assert.All(listed, s => Assert.Equal(("test browser", "127.0.0.1"), (s.Client, s.Address)));
        Assert.Equal([laptop.Session], revoked.Value!.Sessions);
        Assert.Null(await Holder(accounts, laptop));
        Assert.NotNull(await Holder(accounts, desk));
        Assert.Equal([desk.Session], (await accounts.With(a => a.ListSessions("hans", Reader.System, Ct))).Value!.Select(s => s.Id));
        await using var db = accounts.Store.NewContext();
        var last = await db.Events.OrderBy(e => e.Position).LastAsync(Ct);
        Assert.Equal("SessionsRevoked", last.Name);
        Assert.Contains(laptop.Session, last.Payload, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task revoking_all_ends_every_session_and_refuses_every_token_of_the_account_only(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst");
        await accounts.Open("anna", "Analyst");
        var (one, two, annas) = (await accounts.Session("hans"), await accounts.Session("hans"), await accounts.Session("anna"));
        var token = await accounts.Issue("hans");
        var annasToken = await accounts.Issue("anna");

        var revoked = await accounts.With(a => a.RevokeSessions("hans", null, Admin, Ct));
        var nothingLeft = await accounts.With(a => a.RevokeSessions("hans", null, Admin, Ct));

        Assert.Equal(2, revoked.Value!.Sessions.Count);
        Assert.Equal([token.Prefix], revoked.Value.TokenPrefixes);
        Assert.Null(await Holder(accounts, one));
        Assert.Null(await Holder(accounts, two));
        Assert.Null(await accounts.Validate(token.Token));
        Assert.NotNull(await Holder(accounts, annas));
        Assert.NotNull(await accounts.Validate(annasToken.Token));
        Assert.Equal(RefusalKind.Conflict, nothingLeft.Refusal?.Kind);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_signed_out_session_no_longer_holds(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst");
        var session = await accounts.Session("hans");

        await accounts.With(async a => { await a.EndSession(session.Id, session.Session, Ct); return true; });

        Assert.Null(await Holder(accounts, session));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_session_unused_for_longer_than_a_session_lasts_no_longer_holds_but_one_in_use_does(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind, new Dictionary<string, string?> { ["Concord:Accounts:SessionHours"] = "8" });
        await accounts.Open("hans", "Analyst");
        var idle = await accounts.Session("hans");
        var busy = await accounts.Session("hans");

        for (var hour = 0; hour < 9; hour++)
        {
            accounts.Store.Clock.Advance(Duration.FromHours(1));
            Assert.NotNull(await Holder(accounts, busy));
        }

        Assert.Null(await Holder(accounts, idle));
        Assert.NotNull(await Holder(accounts, busy));
        Assert.Equal([busy.Session], (await accounts.With(a => a.ListSessions("hans", Reader.System, Ct))).Value!.Select(s => s.Id));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_session_never_holds_without_its_id_or_under_another_account(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst");
        await accounts.Open("anna", "Analyst");
        var hans = await accounts.Session("hans");
        var anna = await accounts.Session("anna");

        Assert.Null(await Holder(accounts, hans with { Session = "" }));
        Assert.Null(await Holder(accounts, hans with { Session = anna.Session }));
        Assert.NotNull(await Holder(accounts, hans));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task only_an_administrator_lists_or_revokes_an_account_s_sessions(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);
        await accounts.Open("hans", "Analyst");
        await accounts.Open("anna", "Analyst");
        var session = await accounts.Session("hans");
        var anna = await accounts.With(async a => await a.ReaderOf((await a.Find("anna"))!));

        var listed = await accounts.With(a => a.ListSessions("hans", anna, Ct));
        var revoked = await accounts.With(a => a.RevokeSessions("hans", session.Session, WriteContext.By(anna), Ct));
        var unknown = await accounts.With(a => a.RevokeSessions("hans", "no-such-session", Admin, Ct));

        Assert.Equal(RefusalKind.Forbidden, listed.Refusal?.Kind);
        Assert.Equal(RefusalKind.Forbidden, revoked.Refusal?.Kind);
        Assert.Equal(RefusalKind.NotFound, unknown.Refusal?.Kind);
        Assert.NotNull(await Holder(accounts, session));
    }
}
