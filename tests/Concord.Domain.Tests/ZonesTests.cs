using NodaTime;
using Xunit;

namespace Concord.Domain.Tests;

public sealed class ZonesTests
{
    [Fact]
    public void a_brussels_wall_clock_deadline_is_read_in_brussels_time_across_daylight_saving()
    {
        Assert.Equal("2003-02-10 10:00 CET", Zones.Brussels(Instant.FromUtc(2003, 2, 10, 9, 0)));
        Assert.Equal("2024-07-10 10:00 CEST", Zones.Brussels(Instant.FromUtc(2024, 7, 10, 8, 0)));
    }
}
