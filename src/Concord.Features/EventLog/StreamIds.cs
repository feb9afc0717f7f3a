using Concord.Domain.Decisions;

namespace Concord.Features.EventLog;

/// <summary>How streams are named in the log: one per decision, one per body, one per summit.</summary>
public static class StreamIds
{
    public const string DecisionPrefix = "decision-";
    public const string BodyPrefix = "body-";
    public const string SummitPrefix = "summit-";

    public static string Decision(DecisionId id) => DecisionPrefix + id.Value;
    public static string Body(string code) => BodyPrefix + code;
    public static string Summit(string id) => SummitPrefix + id;
}
