using Concord.Domain.Decisions;
using Concord.Features.Decisions;
using Concord.Features.Importing;

namespace Concord.Features.Tests;

/// <summary>Shortcuts over the use cases, for tests.</summary>
public static class Seeded
{
    public static readonly DecisionId Ukraine = Seeder.UkraineInvitation;

    public static async Task<Result<DecisionView>> Record(TestStore store, DecisionId id, string member, string kind, string? effective = null,
        string? key = null, string? condition = null)
    {
        await using var db = store.NewContext();
        return await RecordPosition.Handle(db, store.Clock, id,
            new RecordPosition.Request(member, kind, condition, "test", null, null, effective, null),
            new WriteContext("test", key is null ? null : new RequestKey(key, $"{member} {kind} {effective} {condition}")), TestContext.Current.CancellationToken);
    }

    public static async Task<Result<DecisionView>> Get(TestStore store, DecisionId id, string? asOf = null)
    {
        await using var db = store.NewContext();
        return await GetDecision.Handle(db, store.Clock, id, asOf is null ? null : Input.AsOf(asOf).Value, Access.Reader.System, TestContext.Current.CancellationToken);
    }

    public static async Task<DecisionView> Open(TestStore store, string id, string? silenceDeadline = null, string? opened = "2025-01-06")
    {
        await using var db = store.NewContext();
        var result = await OpenDecision.Handle(db, store.Clock,
            new OpenDecision.Request(id, "Test decision " + id, null, null, null, silenceDeadline, null, opened),
            new WriteContext("test"), TestContext.Current.CancellationToken);
        Assert.Null(result.Refusal);
        return result.Value!;
    }
}
