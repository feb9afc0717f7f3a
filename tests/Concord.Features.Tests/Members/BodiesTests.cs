using Concord.Domain.Members;
using Concord.Features.Members;
using NodaTime;

namespace Concord.Features.Tests.Members;

/// <summary>The seated members of a body on a day, read from the seeded store on each provider.</summary>
public sealed class BodiesTests
{
    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task the_alliance_had_16_members_on_1999_03_11_19_the_day_after_and_32_today(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();

        var nato = await Bodies.Load(db, Body.Nato, TestContext.Current.CancellationToken);

        Assert.NotNull(nato);
        Assert.Equal(16, nato.EligibleOn(new LocalDate(1999, 3, 11)).Count);
        Assert.Equal(19, nato.EligibleOn(new LocalDate(1999, 3, 12)).Count);
        Assert.Equal(["CZE", "HUN", "POL"], nato.EligibleOn(new LocalDate(1999, 3, 12)).Where(s => s.Since == new LocalDate(1999, 3, 12)).Select(s => s.Member.Value).Order(StringComparer.Ordinal));
        Assert.Equal(32, nato.EligibleOn(new LocalDate(2025, 7, 15)).Count);
    }
}
