using Concord.Domain.Statements;
using Concord.Features.EventLog;

namespace Concord.Features.Statements;

/// <summary>
/// The statements area's events. No read model of its own: a statement is read from its stream's latest record, with the
/// event's marking deciding who sees it, as every read decides.
/// </summary>
public static class StatementsLog
{
    public static void Register(LogRegistry log) => log.Event<StatementRecorded>("StatementRecorded");
}
