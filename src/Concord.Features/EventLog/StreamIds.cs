using Concord.Domain.Decisions;

namespace Concord.Features.EventLog;

/// <summary>How streams are named in the log: one per decision, body, summit, candidate and source.</summary>
public static class StreamIds
{
    public const string DecisionPrefix = "decision-";
    public const string BodyPrefix = "body-";
    public const string SummitPrefix = "summit-";
    public const string AccessionPrefix = "accession-";
    public const string ReadinessPrefix = "readiness-";
    public const string SourcePrefix = "source-";

    /// <summary>The one stream of the Parties' ratification procedures.</summary>
    public const string Procedures = "procedures-NATO";

    /// <summary>The one stream of changes to accounts and access tokens (the audit of who may do what).</summary>
    public const string Accounts = "accounts";

    /// <summary>Dated funding events of assistance (e.g. the US supplemental of 2023-24), and Kiel's monthly aggregates by release.</summary>
    public const string AssistanceTimeline = "assistance-timeline";
    public const string KielMonthly = "assistance-kiel-monthly";

    public static string Decision(DecisionId id) => DecisionPrefix + id.Value;

    /// <summary>
    /// One stream per decision of the analysts' judgments on it (<c>judgments-</c> and the decision's id): apart from the
    /// decision's, so a judgment never moves the decision's version.
    /// </summary>
    public const string JudgmentsPrefix = "judgments-";
    public static string Judgments(DecisionId id) => JudgmentsPrefix + id.Value;
    public static string Body(string code) => BodyPrefix + code;
    public static string Summit(string id) => SummitPrefix + id;
    public static string Accession(Domain.Members.MemberCode candidate) => AccessionPrefix + candidate.Value;
    public static string Readiness(Domain.Members.MemberCode ally) => ReadinessPrefix + ally.Value;
    public static string Source(string id) => SourcePrefix + id;

    /// <summary>One stream per pledge of assistance: "pledge-DEU-iris-t-slm-2022-06".</summary>
    public const string PledgePrefix = "pledge-";
    public static string Pledge(Domain.Assistance.PledgeId id) => PledgePrefix + id.Value;

    /// <summary>One stream per statement, visit, meeting, communiqué or vote: "statement-ST079".</summary>
    public const string StatementPrefix = "statement-";
    public static string Statement(string id) => StatementPrefix + id;
}
