using Concord.Domain.Readiness;
using Concord.Features.EventLog;

namespace Concord.Features.Readiness;

/// <summary>The readiness area's events: each Ally's expenditure, stocks, floors and GDP.</summary>
public static class ReadinessLog
{
    public static void Register(LogRegistry log) => log
        .Event<DefenceExpenditureReported>("DefenceExpenditureReported")
        .Event<StockReported>("StockReported")
        .Event<ReadinessFloorSet>("ReadinessFloorSet")
        .Event<GdpReported>("GdpReported");
}
