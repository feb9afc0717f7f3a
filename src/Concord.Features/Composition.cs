using Concord.Features.EventLog;

namespace Concord.Features;

/// <summary>
/// What each area brings to the log, composed once: its event names and its projections, in the order they run
/// (members before the decisions and accessions that read them). The log knows no area; the areas are named here.
/// </summary>
public static class Composition
{
    private static readonly Lazy<LogRegistry> Composed = new(() =>
    {
        var log = new LogRegistry();
        Members.MembersLog.Register(log);
        Summits.SummitsLog.Register(log);
        Sources.SourcesLog.Register(log);
        Decisions.DecisionsLog.Register(log);
        Accessions.AccessionsLog.Register(log);
        Accounts.AccountsLog.Register(log);
        Readiness.ReadinessLog.Register(log);
        Assistance.AssistanceLog.Register(log);
        Statements.StatementsLog.Register(log);
        Importing.DataPackLog.Register(log);
        // Last: it derives its rows from the read models of the areas above.
        Search.SearchLog.Register(log);
        LogRegistry.Use(log);
        return log;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The composed registry; composing it on first use.</summary>
    public static LogRegistry Log => Composed.Value;
}
