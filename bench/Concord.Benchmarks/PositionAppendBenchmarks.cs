using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Concord.Domain.Decisions;
using Concord.Features;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Benchmarks;

/// <summary>
/// Recording one position durably, by the size of the store and of the decision: RecordPosition.Handle on a decision
/// of 33 events in the seeded store and in the 100k-event store (the same 16 probe decisions in both), and on
/// decisions of 500 and of 2,000 events in the 100k-event store. The goal is flat: neither the store nor the
/// decision should make recording one position slower. The floor is the raw durable INSERT (<see cref="RawEventInsert"/>).
/// </summary>
/// <remarks>
/// <para>"Seeded" here is the seeded store plus the 16 probes (952 events): the seeded store has one open decision
/// only, and recording hundreds of positions on it would make it a long decision.</para>
/// <para>Each operation records on the next decision of its group in turn, so a decision grows by one event per 16
/// (probes) or 8 (long decisions) operations. The job fixes 32 operations per iteration (3 warmups, 3 iterations, as
/// <c>--job short</c>): 192 operations in all, so a probe ends at about 45 events, a 500-event decision at 524 and a
/// 2,000-event one at 2,024. Run it without <c>--job</c>, or BenchmarkDotNet would run it under both jobs.</para>
/// <para>Concord's internal API used here (to adapt after the write-path rewrite): <c>RecordPosition.Handle</c>,
/// <c>RecordPosition.Request</c>, <c>WriteContext</c>, <c>SqliteConcordDbContext</c>; all in <see cref="Record"/>.</para>
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 3, invocationCount: 32)]
public class PositionAppendBenchmarks
{
    private static readonly string[] Kinds = ["concur", "adReferendum", "reservation", "concur", "footnote", "nonParticipation"];
    private static readonly string[] Members = SyntheticLog.Allies.Select(a => a.Code).ToArray();
    private static readonly DecisionId[] Probes = Enumerable.Range(0, 16).Select(RealisticLog.ProbeId).ToArray();
    private static readonly DecisionId[] Long500 = Enumerable.Range(0, RealisticShape.Store100k.Long500).Select(i => RealisticLog.LongId(500, i)).ToArray();
    private static readonly DecisionId[] Long2000 = Enumerable.Range(0, RealisticShape.Store100k.Long2000).Select(i => RealisticLog.LongId(2000, i)).ToArray();

    private string _work = "";
    private DbContextOptions<SqliteConcordDbContext> _seeded = null!;
    private DbContextOptions<SqliteConcordDbContext> _large = null!;
    private RawEventInsert _raw = null!;
    private long _op;

    [GlobalSetup]
    public async Task Setup()
    {
        _work = Stores.NewWorkDirectory("position-append");
        var seeded = Path.Combine(_work, "seeded.db");
        var large = Path.Combine(_work, "100k.db");
        Stores.Copy(await Stores.EnsureRealisticStore(RealisticShape.ProbesOnly), seeded);
        Stores.Copy(await Stores.EnsureRealisticStore(RealisticShape.Store100k), large);
        (_seeded, _large) = (Stores.Options(seeded), Stores.Options(large));
        _raw = new RawEventInsert(large, Path.Combine(_work, "raw.db"));

        // Guard: each group takes a position and is the size it claims.
        foreach (var (options, group, size) in new[] { (_seeded, Probes, RealisticLog.ProbeLength), (_large, Probes, RealisticLog.ProbeLength),
            (_large, Long500, 500), (_large, Long2000, 2000) })
        {
            var version = await Record(options, group);
            if (version != size + 1) throw new InvalidOperationException($"{group[0]}: version {version} after one position; expected {size + 1}.");
        }
        _op = 0;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    /// <summary>The floor: one prepared single-row INSERT in autocommit mode (one durable WAL commit).</summary>
    [Benchmark(Baseline = true)]
    public int RawSqliteInsert() => _raw.Insert();

    [Benchmark(Description = "Seeded store, 33-event decision")]
    public Task<int> Seeded_Decision33() => Record(_seeded, Probes);

    [Benchmark(Description = "100k store, 33-event decision")]
    public Task<int> Store100k_Decision33() => Record(_large, Probes);

    [Benchmark(Description = "100k store, 500-event decision")]
    public Task<int> Store100k_Decision500() => Record(_large, Long500);

    [Benchmark(Description = "100k store, 2,000-event decision")]
    public Task<int> Store100k_Decision2000() => Record(_large, Long2000);

    /// <summary>One position on the next decision of <paramref name="group"/>, a new DbContext per operation (a request's unit of work).</summary>
    private async Task<int> Record(DbContextOptions<SqliteConcordDbContext> options, DecisionId[] group)
    {
        var op = _op++;
        var request = new Features.Decisions.RecordPosition.Request(Members[(op / group.Length + op) % Members.Length],
            Kinds[op / group.Length % Kinds.Length], Kinds[op / group.Length % Kinds.Length] == "reservation" ? "Benchmark condition" : null,
            "Benchmark source", "reported");
        await using var db = new SqliteConcordDbContext(options);
        var result = await Features.Decisions.RecordPosition.Handle(db, SystemClock.Instance, group[op % group.Length], request,
            new WriteContext("bench"), CancellationToken.None);
        return result.Value?.Version ?? throw new InvalidOperationException($"Refused: {result.Refusal?.Reason}");
    }
}
