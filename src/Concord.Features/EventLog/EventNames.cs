using Concord.Domain.Accession;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Summits;

namespace Concord.Features.EventLog;

/// <summary>
/// The stable names events are stored under. Registered once here and never derived from CLR type names,
/// so a rename in code never breaks the log. Never change a name; add a new one.
/// </summary>
public static class EventNames
{
    private static readonly (string Name, Type Type)[] Registry =
    [
        ("DecisionOpened", typeof(DecisionOpened)),
        ("PositionStated", typeof(PositionStated)),
        ("ReservationPlaced", typeof(ReservationPlaced)),
        ("ReservationLifted", typeof(ReservationLifted)),
        ("FootnoteEntered", typeof(FootnoteEntered)),
        ("SilenceBroken", typeof(SilenceBroken)),
        ("DraftPutUnderSilence", typeof(DraftPutUnderSilence)),
        ("DraftReissuedUnderSilence", typeof(DraftReissuedUnderSilence)),
        ("DecisionAdoptedUnderSilence", typeof(DecisionAdoptedUnderSilence)),
        ("DecisionConcluded", typeof(DecisionConcluded)),
        ("DecisionWithdrawn", typeof(DecisionWithdrawn)),
        ("OutcomeReleased", typeof(OutcomeReleased)),
        ("MemberAdmitted", typeof(MemberAdmitted)),
        ("SummitScheduled", typeof(SummitScheduled)),
        ("AccessionOpened", typeof(AccessionOpened)),
        ("MembershipApplied", typeof(MembershipApplied)),
        ("MembershipActionPlanRecorded", typeof(MembershipActionPlanRecorded)),
        ("InvitationDecisionLinked", typeof(InvitationDecisionLinked)),
        ("InvitationExtended", typeof(InvitationExtended)),
        ("AccessionTalksCompleted", typeof(AccessionTalksCompleted)),
        ("ProtocolSigned", typeof(ProtocolSigned)),
        ("RatificationStageRecorded", typeof(RatificationStageRecorded)),
        ("RatificationWithdrawn", typeof(RatificationWithdrawn)),
        ("InvitationToAccedeSent", typeof(InvitationToAccedeSent)),
        ("CandidateApprovedTreaty", typeof(CandidateApprovedTreaty)),
        ("InstrumentOfAccessionDeposited", typeof(InstrumentOfAccessionDeposited)),
        ("RatificationProcedureSet", typeof(RatificationProcedureSet)),
        ("AccountCreated", typeof(Accounts.AccountCreated)),
        ("AccountRolesChanged", typeof(Accounts.AccountRolesChanged)),
        ("AccountClearanceChanged", typeof(Accounts.AccountClearanceChanged)),
        ("AccountNationalityChanged", typeof(Accounts.AccountNationalityChanged)),
        ("AccountLocked", typeof(Accounts.AccountLocked)),
        ("AccountUnlocked", typeof(Accounts.AccountUnlocked)),
        ("AccountRemoved", typeof(Accounts.AccountRemoved)),
        ("AccessTokenIssued", typeof(Accounts.AccessTokenIssued)),
        ("AccessTokenRevoked", typeof(Accounts.AccessTokenRevoked)),
        ("DefenceExpenditureReported", typeof(Domain.Readiness.DefenceExpenditureReported)),
        ("StockReported", typeof(Domain.Readiness.StockReported)),
        ("ReadinessFloorSet", typeof(Domain.Readiness.ReadinessFloorSet)),
        ("GdpReported", typeof(Domain.Readiness.GdpReported)),
        ("PledgeAnnounced", typeof(Domain.Assistance.PledgeAnnounced)),
        ("PledgeAdvanced", typeof(Domain.Assistance.PledgeAdvanced)),
        ("DeliveryRecorded", typeof(Domain.Assistance.DeliveryRecorded)),
        ("PledgeAmended", typeof(Domain.Assistance.PledgeAmended)),
        ("PledgeCancelled", typeof(Domain.Assistance.PledgeCancelled)),
        ("FundingEventRecorded", typeof(Domain.Assistance.FundingEventRecorded)),
        ("KielMonthlyFigureRecorded", typeof(Assistance.Importing.KielMonthlyFigureRecorded)),
        ("KielMonthlyFigureRevised", typeof(Assistance.Importing.KielMonthlyFigureRevised)),
    ];

    private static readonly Dictionary<string, Type> ByName = Registry.ToDictionary(r => r.Name, r => r.Type);
    private static readonly Dictionary<Type, string> ByType = Registry.ToDictionary(r => r.Type, r => r.Name);

    public static string NameOf(object e) =>
        ByType.TryGetValue(e.GetType(), out var name) ? name : throw new InvalidOperationException($"Event type {e.GetType()} is not registered.");

    public static Type TypeOf(string name) =>
        ByName.TryGetValue(name, out var type) ? type : throw new InvalidOperationException($"Unknown stored event name '{name}'.");

    public static bool IsKnown(string name) => ByName.ContainsKey(name);
}
