namespace Concord.Features.Access;

/// <summary>What an endpoint, page or command does, in the terms the authorization matrix is written in.</summary>
public enum Permission
{
    /// <summary>Read what is PUBLIC: anyone, or nobody unsigned when the deployment turns the public view off.</summary>
    ReadPublic,
    /// <summary>Read what the account is cleared for: every signed-in account.</summary>
    Read,
    /// <summary>Open a decision.</summary>
    OpenDecision,
    /// <summary>Put a draft under silence, re-issue it, conclude or withdraw a decision; release its outcome.</summary>
    ManageDecision,
    /// <summary>State a member's position (a delegation, for its own state only).</summary>
    RecordPosition,
    /// <summary>Schedule a summit.</summary>
    ScheduleSummit,
    /// <summary>Start following a candidate; record the protocol's steps (secretariat), or the candidate's own steps.</summary>
    RecordAccessionStep,
    /// <summary>Record a Party's national ratification stage (its delegation, or the secretariat).</summary>
    RecordRatification,
    /// <summary>Record a pledge, its progress and its deliveries (a delegation for its own state as donor, or the secretariat).</summary>
    RecordPledge,
    /// <summary>Import assistance data (Kiel, IATI, funding events) and set readiness data: the secretariat.</summary>
    ImportAssistance,
    /// <summary>Read the audit trail: who did what and when.</summary>
    ReadAudit,
    /// <summary>Manage accounts and tokens.</summary>
    ManageAccounts,
    /// <summary>Register a source (a document cited as evidence): whoever records facts cites them.</summary>
    RegisterSource,
    /// <summary>
    /// Record a statement, visit, meeting, communiqué or vote of any actor (a third state's included): the secretariat and
    /// analysts, whose work the record around decisions is; a delegation its own state's only.
    /// </summary>
    RecordStatement,
    /// <summary>
    /// Record a judgment: an analyst's probability that an Ally moves to concur on a decision by a date, with its rationale
    /// and source. The secretariat and analysts; never a delegation, whose own state's move is a position, not a judgment.
    /// </summary>
    RecordJudgment,
}

/// <summary>The authorization matrix: which roles hold which permission. Scope (own state) is checked by the use case.</summary>
public static class Access
{
    private static readonly IReadOnlyDictionary<Permission, Role[]> Grants = new Dictionary<Permission, Role[]>
    {
        [Permission.ReadPublic] = Enum.GetValues<Role>(),
        [Permission.Read] = Enum.GetValues<Role>(),
        [Permission.OpenDecision] = [Role.Secretariat],
        [Permission.ManageDecision] = [Role.Secretariat],
        [Permission.RecordPosition] = [Role.Delegation],
        [Permission.ScheduleSummit] = [Role.Secretariat],
        [Permission.RecordAccessionStep] = [Role.Secretariat, Role.CandidateDelegation],
        [Permission.RecordRatification] = [Role.Secretariat, Role.Delegation],
        [Permission.RecordPledge] = [Role.Secretariat, Role.Delegation],
        [Permission.ImportAssistance] = [Role.Secretariat],
        [Permission.ReadAudit] = [Role.Administrator, Role.Secretariat],
        [Permission.ManageAccounts] = [Role.Administrator],
        [Permission.RegisterSource] = [Role.Secretariat, Role.Delegation, Role.CandidateDelegation, Role.Analyst],
        [Permission.RecordStatement] = [Role.Secretariat, Role.Analyst, Role.Delegation],
        [Permission.RecordJudgment] = [Role.Secretariat, Role.Analyst],
    };

    /// <summary>The roles that hold <paramref name="permission"/>.</summary>
    public static IReadOnlyList<Role> RolesFor(Permission permission) => Grants[permission];

    /// <summary>
    /// True when <paramref name="reader"/> holds <paramref name="permission"/>. A visitor holds only ReadPublic, and
    /// only when <paramref name="publicView"/> is on.
    /// </summary>
    public static bool Allows(Reader reader, Permission permission, bool publicView = true)
    {
        if (reader.IsAnonymous) return permission == Permission.ReadPublic && publicView;
        return Grants[permission].Any(reader.Has);
    }
}
