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
/// <item><c>prepare</c>: generate (once) every cached store: the append store, the 1M-event store (Rebuild, AsOf), the
/// 1M-event store with the synthetic accession (AccessionAsOf), the seeded store, the 100k-event store, the seeded
/// store with the 16 probes, and the dashboard's 1,000 open decisions.</item>
/// <item><c>make-store NAME [DIR]</c>: one of them (<see cref="NamedStores"/>), printing its path; with DIR, copied to DIR/concord.db.</item>
/// <item><c>verify [NAME...]</c>: check cached stores' hash chains with Concord's ChainVerifier (default: both 1M-event stores).</item>
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
            foreach (var make in NamedStores.Values) Console.WriteLine(await make());
            return 0;
        }
        if (args is ["make-store", var store, .. var rest] && rest.Length <= 1)
            return await MakeStore(store, rest is [var dir] ? dir : null);
        if (args is ["verify", .. var names])
        {
            var result = 0;
            foreach (var named in names.Length == 0 ? ["1m", "accession"] : names)
                result |= StoreNamed(named) is { } make ? await Verify(await make()) : 2;
            return result;
        }
        // BenchmarkDotNet builds a boilerplate project per job; on a busy 2-core machine that can exceed its 120 s default.
        var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    /// <summary>The stores by name, in the order <c>prepare</c> makes them.</summary>
    public static readonly IReadOnlyDictionary<string, Func<Task<string>>> NamedStores = new Dictionary<string, Func<Task<string>>>
    {
        ["append"] = () => Stores.EnsureStore(Stores.Small),
        ["1m"] = Stores.EnsureMillionEventStore,
        ["accession"] = Stores.EnsureAccessionStore,
        ["seeded"] = Stores.EnsureSeededStore,
        ["probes"] = () => Stores.EnsureRealisticStore(RealisticShape.ProbesOnly),
        ["100k"] = () => Stores.EnsureRealisticStore(RealisticShape.Store100k),
        ["dashboard"] = () => Stores.EnsureRealisticStore(RealisticShape.Dashboard),
    };

    private static Func<Task<string>>? StoreNamed(string name) =>
        NamedStores.TryGetValue(name, out var make) ? make
        : int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var events) && events >= 20_000
            ? () => Stores.EnsureRealisticStore(RealisticShape.Sized(events))
            : null;

    private static async Task<int> MakeStore(string name, string? dir)
    {
        if (StoreNamed(name) is not { } make)
        {
            await Console.Error.WriteLineAsync($"make-store: '{name}' is not a store: {string.Join(", ", NamedStores.Keys)}, or a number of events (>= 20000).");
            return 2;
        }
        var file = await make();
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
            Stores.Copy(file, file = Path.Combine(Path.GetFullPath(dir), "concord.db"));
        }
        Console.WriteLine(file);
        return 0;
    }

    private static async Task<int> Verify(string file)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var db = new SqliteConcordDbContext(Stores.Options(file, pooling: false));
        var chain = await ChainVerifier.Verify(db, CancellationToken.None);
        var events = await db.Events.LongCountAsync();
        var decisions = await db.Decisions.CountAsync();
        var positions = await db.Positions.CountAsync();
        var members = await db.Members.CountAsync();
        var accessions = await db.Accessions.CountAsync();
        Console.WriteLine($"{file}: {events:N0} events, {members} members, {decisions:N0} decisions, {positions:N0} positions, {accessions} accessions; "
            + $"{chain.Sentence} ({watch.Elapsed.TotalSeconds:N1} s)");
        return chain.Intact ? 0 : 1;
    }
}
