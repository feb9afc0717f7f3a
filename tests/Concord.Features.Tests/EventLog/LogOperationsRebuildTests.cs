using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Tests.EventLog;

/// <summary><c>concord rebuild</c> as a real process: killed in the middle, it leaves the read models as they were.</summary>
public sealed class LogOperationsRebuildTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_rebuild_killed_midway_leaves_the_decision_position_and_accession_lists_intact_for_the_next_start(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var before = await Lists(store);
        Assert.All(before, list => Assert.NotEmpty(list));
        const string killAt = "rebuild:after-batch:1";

        StoreProcesses.AssertKilled(await StoreProcesses.Cli(store, killAt, "rebuild"), killAt);
        Assert.Equal(before, await Lists(store));

        // The next start finds the store usable, and a rebuild run to its end gives the same lists.
        var next = await StoreProcesses.Cli(store, null, "rebuild");
        Assert.True(next.ExitCode == 0, next.Output);
        Assert.Equal(before, await Lists(store));
    }

    /// <summary>The decisions, positions, accessions and members as the lists read them.</summary>
    private static async Task<List<List<string>>> Lists(TestStore store)
    {
        await using var db = store.NewContext();
        return
        [
            await db.Decisions.AsNoTracking().Select(d => d.Id + " " + d.Subject).OrderBy(x => x).ToListAsync(Ct),
            await db.Positions.AsNoTracking().Select(p => p.DecisionId + " " + p.Member + " " + p.Kind).OrderBy(x => x).ToListAsync(Ct),
            await db.Accessions.AsNoTracking().Select(a => a.Candidate + " " + a.Name + " " + a.Version).OrderBy(x => x).ToListAsync(Ct),
            await db.Members.AsNoTracking().Select(m => m.Body + " " + m.Code).OrderBy(x => x).ToListAsync(Ct),
        ];
    }
}
