using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Benchmarks;

/// <summary>
/// Concord's benchmarks (see bench/README.md). Modes:
/// <list type="bullet">
/// <item><c>static-json FILE PORT</c>: the HTTP floor for bench/load.sh.</item>
/// <item><c>prepare</c>: generate (once) the cached stores: the append store, the 1M-event store (Rebuild, AsOf) and
/// the 1M-event store with the synthetic accession (AccessionAsOf).</item>
/// <item><c>verify</c>: check both cached 1M-event stores' hash chains with Concord's ChainVerifier.</item>
/// <item>anything else: BenchmarkDotNet's switcher (<c>--filter</c>, <c>--job</c>, <c>--list flat</c>...).</item>
/// </list>
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["static-json", var file, var port])
            return await StaticJsonServer.Run(file, int.Parse(port, CultureInfo.InvariantCulture));
        if (args is ["prepare"])
        {
            Console.WriteLine(await Stores.EnsureStore(Stores.Small));
            Console.WriteLine(await Stores.EnsureMillionEventStore());
            Console.WriteLine(await Stores.EnsureAccessionStore());
            return 0;
        }
        if (args is ["verify"])
            return await Verify(await Stores.EnsureMillionEventStore()) | await Verify(await Stores.EnsureAccessionStore());
        // BenchmarkDotNet builds a boilerplate project per job; on a busy 2-core machine that can exceed its 120 s default.
        var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    private static async Task<int> Verify(string file)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var db = new SqliteConcordDbContext(Stores.Options(file, pooling: false));
        var broken = await ChainVerifier.Verify(db, CancellationToken.None);
        var events = await db.Events.LongCountAsync();
        var decisions = await db.Decisions.CountAsync();
        var positions = await db.Positions.CountAsync();
        var members = await db.Members.CountAsync();
        var accessions = await db.Accessions.CountAsync();
        Console.WriteLine($"{file}: {events:N0} events, {members} members, {decisions:N0} decisions, {positions:N0} positions, {accessions} accessions; "
            + $"chain {(broken is null ? "intact" : "BROKEN: " + broken)} ({watch.Elapsed.TotalSeconds:N1} s)");
        return broken is null ? 0 : 1;
    }
}
