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

    [Fact]
    public void a_brussels_wall_clock_deadline_is_read_in_brussels_time_across_daylight_saving()
    {
        Assert.Equal("2003-02-10 10:00 CET", Zones.Brussels(Instant.FromUtc(2003, 2, 10, 9, 0)));
        Assert.Equal("2024-07-10 10:00 CEST", Zones.Brussels(Instant.FromUtc(2024, 7, 10, 8, 0)));
    }
}
