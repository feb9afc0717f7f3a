using Concord.Domain;
using Concord.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using static Concord.Features.Tests.Accounts.TestAccounts;

namespace Concord.Features.Tests.Accounts;

/// <summary>An account's names meet the input policy's rule for names: no control, bidirectional or zero-width character.</summary>
public sealed class AccountNamesTests
{
    public static TheoryData<StoreKind, string> Names()
    {
        var data = new TheoryData<StoreKind, string>();
        foreach (var kind in new[] { StoreKind.Sqlite, StoreKind.Postgres })
            foreach (var name in new[] { "Hans \u202EMüller", "Hans\u200BMüller", "Hans\u0007" }) data.Add(kind, name);
        return data;
    }

    [Theory, MemberData(nameof(Names))]
    public async Task a_display_name_with_a_bidi_override_zero_width_or_control_character_is_refused_naming_it_with_nothing_stored(StoreKind kind, string displayName)
    {
        await using var accounts = await TestAccounts.Create(kind);
        var events = await accounts.Store.EventCount();

        var created = await accounts.With(a => a.Create(new NewAccount("hans", Password, ["Analyst"], null, null, displayName), Admin, Ct));

        Assert.Equal((RefusalKind.Invalid, "displayName"), (created.Refusal?.Kind, created.Refusal?.Field));
        await using var db = accounts.Store.NewContext();
        Assert.Equal(0, await db.Users.CountAsync(Ct));
        Assert.Equal(events, await accounts.Store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_display_name_in_any_script_is_kept(StoreKind kind)
    {
        await using var accounts = await TestAccounts.Create(kind);

        var created = await accounts.With(a => a.Create(new NewAccount("hans", Password, ["Analyst"], null, null, "Hans Müller (DEU) — Україна"), Admin, Ct));

        Assert.Equal("Hans Müller (DEU) — Україна", created.Value?.DisplayName);
    }
}
