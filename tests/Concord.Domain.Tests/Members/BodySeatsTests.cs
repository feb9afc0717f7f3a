using Concord.Domain.Members;
using Concord.Domain.Tests.Rules;
using NodaTime;
using Xunit;

namespace Concord.Domain.Tests.Members;

public sealed class BodySeatsTests
{
    [Fact]
    public void a_second_membership_for_a_member_is_refused()
    {
        var again = new MemberAdmitted(Body.Nato, MemberCode.Parse("FIN"), "Finland", new LocalDate(2024, 1, 1), 0, false, null, null);

        Assert.Equal(RefusalKind.Conflict, BodySeats.Decide(Seats.NatoBody, again).Refusal?.Kind);
    }

    [Fact]
    public void an_ally_is_eligible_from_its_accession_date_inclusive()
    {
        var sweden = Seats.NatoBody.Find(MemberCode.Parse("SWE"))!;

        Assert.False(sweden.IsEligibleOn(new LocalDate(2024, 3, 6)));
        Assert.True(sweden.IsEligibleOn(new LocalDate(2024, 3, 7)));
    }
}
