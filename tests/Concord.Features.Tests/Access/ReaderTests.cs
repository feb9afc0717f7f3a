using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features.Access;

namespace Concord.Features.Tests.Readers;

/// <summary>The one rule of visibility, as a table: every kind of reader against every kind of marking.</summary>
public sealed class ReaderTests
{
    public static readonly Reader Observer = new("observer", new HashSet<Role> { Role.Observer }, MemberCode.Parse("FRA"), Marking.NatoSecret);
    public static readonly Reader UkraineCleared = Of(Role.CandidateDelegation, "UKR", Marking.NatoRestricted);
    public static readonly Reader GermanyUnclassified = Of(Role.Delegation, "DEU", Marking.NatoUnclassified);
    public static readonly Reader GermanyRestricted = Of(Role.Delegation, "DEU", Marking.NatoRestricted);
    public static readonly Reader Analyst = Of(Role.Analyst, "NLD", Marking.NatoRestricted);

    private static readonly Dictionary<string, Reader> Readers = new()
    {
        ["observer"] = Observer,
        ["candidate delegation UKR cleared NR"] = UkraineCleared,
        ["delegation DEU cleared NU"] = GermanyUnclassified,
        ["delegation DEU cleared NR"] = GermanyRestricted,
        ["analyst cleared NR"] = Analyst,
        ["anonymous"] = Reader.Anonymous,
    };

    public static Reader Of(Role role, string nationality, Marking clearance) =>
        new($"{role}-{nationality}", new HashSet<Role> { role }, MemberCode.Parse(nationality), clearance);

    [Theory]
    //        reader                                   PUBLIC NU     NR     NR REL UKR
    [InlineData("observer",                             true,  false, false, false)]
    [InlineData("candidate delegation UKR cleared NR",  true,  false, false, true)]
    [InlineData("delegation DEU cleared NU",            true,  true,  false, false)]
    [InlineData("delegation DEU cleared NR",            true,  true,  true,  true)]
    [InlineData("analyst cleared NR",                   true,  true,  true,  true)]
    [InlineData("anonymous",                            true,  false, false, false)]
    public void each_reader_sees_a_marking_only_with_the_clearance_and_a_non_member_only_what_is_released_to_it(
        string reader, bool seesPublic, bool seesUnclassified, bool seesRestricted, bool seesRestrictedReleasableToUkraine)
    {
        var r = Readers[reader];
        Assert.Equal(
            [seesPublic, seesUnclassified, seesRestricted, seesRestrictedReleasableToUkraine],
            new[] { "PUBLIC", "NATO UNCLASSIFIED", "NATO RESTRICTED", "NATO RESTRICTED REL UKR" }.Select(m => r.CanSee(Classification.Parse(m)!)));
    }

    [Fact]
    public void a_stored_event_without_a_marking_is_public()
    {
        Assert.Equal(Classification.Public, Visibility.ClassificationOf(Marking.Public, null));
        Assert.Equal("NATO RESTRICTED REL UKR", Visibility.ClassificationOf(Marking.NatoRestricted, "UKR").ToString());
    }

    [Fact]
    public void a_delegation_speaks_for_its_own_state_only()
    {
        Assert.True(GermanyRestricted.SpeaksFor(MemberCode.Parse("DEU")));
        Assert.False(GermanyRestricted.SpeaksFor(MemberCode.Parse("HUN")));
        Assert.False(Analyst.SpeaksFor(MemberCode.Parse("NLD")));
    }
}
