using Concord.Domain.Decisions;
using Concord.Features.Decisions;
using Concord.Features.Importing;

namespace Concord.Features.Tests;

/// <summary>Shortcuts over the use cases, for tests.</summary>
public static class Seeded
{
    /// <summary>The shipped Ukraine invitation decision: concluded (lapsed without consensus) on 2024-07-11.</summary>
    public static readonly DecisionId Ukraine = Seeder.UkraineInvitation;

    /// <summary>The decision <see cref="OpenInvitation"/> opens: an open copy of the Washington question.</summary>
    public static readonly DecisionId Invitation = DecisionId.Parse("invite-ukraine-open-question");

    /// <summary>
    /// Opens <see cref="Invitation"/>, the invitation question as it stood before Washington: opened at Vilnius
    /// (2023-07-11), due at the Washington summit, with the shipped positions of 2024-04-05 (DEU and USA object as
    /// reported, HUN and SVK reported as sceptical, the others claimed by Ukraine to concur). Unlike the shipped decision it
    /// is never concluded, so tests may go on recording positions on it.
    /// </summary>
    public static async Task<DecisionId> OpenInvitation(TestStore store)
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = store.NewContext())
        {
            var opened = await OpenDecision.Handle(db, store.Clock,
                new OpenDecision.Request(Invitation.Value, "Invite Ukraine to join the Alliance (open question)", null, null, "washington-2024", null, null, "2023-07-11", "PUBLIC"),
                new WriteContext("test"), ct);
            Assert.Null(opened.Refusal);
        }
        await using (var db = store.NewContext())
        {
            using var file = File.OpenText(Path.Combine(Seeder.DefaultDataDirectory(), "nato", "scenario_washington_2024.csv"));
            var report = await ImportPositions.Handle(db, store.Clock, file, Invitation, new WriteContext("test"), ct);
            Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        }
        return Invitation;
    }

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
