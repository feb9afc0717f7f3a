using Concord.Domain.Assistance;
using Concord.Features.Assistance.Importing;
using Concord.Features.EventLog;

namespace Concord.Features.Assistance;

/// <summary>The assistance area's events: each pledge's life, the funding timeline, and Kiel's monthly figures.</summary>
public static class AssistanceLog
{
    public static void Register(LogRegistry log) => log
        .Event<PledgeAnnounced>("PledgeAnnounced")
        .Event<PledgeAdvanced>("PledgeAdvanced")
        .Event<DeliveryRecorded>("DeliveryRecorded")
        .Event<PledgeAmended>("PledgeAmended")
        .Event<PledgeCancelled>("PledgeCancelled")
        .Event<FundingEventRecorded>("FundingEventRecorded")
        .Event<KielMonthlyFigureRecorded>("KielMonthlyFigureRecorded")
        .Event<KielMonthlyFigureRevised>("KielMonthlyFigureRevised");
}
