using BenchmarkDotNet.Attributes;
using Concord.Domain.Decisions;
using Concord.Features;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NodaTime;

namespace Concord.Benchmarks;

/// <summary>
/// Appending one position durably: RecordPosition.Handle (load and replay the stream, decide, append with the hash
/// chain, project the read models, commit) on a SQLite file store as Concord configures it (WAL, SQLite's default
/// synchronous), against the floor: a raw Microsoft.Data.Sqlite single-row INSERT into an identical events table in
/// its own durable transaction, with the same pragmas.
/// </summary>
/// <remarks>
/// The store (a fresh copy of a cached generated store) holds 2,000 decisions of 33 events (opened + 32 positions, like the seeded Ukraine decision); each
/// operation records on the next decision in turn, so a stream grows by about one event per 2,000 operations and
/// the cost does not drift with the run's length.
/// </remarks>
[MemoryDiagnoser]
public class AppendBenchmarks
{
    private static readonly LogShape Shape = Stores.Small;
    private static readonly string[] Kinds = ["concur", "adReferendum", "footnote", "concur", "nonParticipation"];

    private string _work = "";
    private string _concordFile = "";
    private string _rawFile = "";
    private DbContextOptions<SqliteConcordDbContext> _options = null!;
    // The web host pools its DbContexts (AddDbContextPool): a request's unit of work is a context from the pool.
    private PooledDbContextFactory<SqliteConcordDbContext> _contexts = null!;
    private DecisionId[] _decisions = [];
    private string[] _members = [];
    private long _op;

    private RawEventInsert _raw = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _work = Stores.NewWorkDirectory("append");
        _concordFile = Path.Combine(_work, "concord.db");
        _rawFile = Path.Combine(_work, "raw.db");
        Stores.Copy(await Stores.EnsureStore(Shape), _concordFile);
        _options = Stores.Options(_concordFile);
        _contexts = new PooledDbContextFactory<SqliteConcordDbContext>(_options);
        _decisions = Enumerable.Range(0, Shape.Decisions).Select(SyntheticLog.IdOf).ToArray();
        _members = SyntheticLog.Allies.Select(a => a.Code).ToArray();

        // The floor: the same events table (DDL and indexes copied from Concord's migrated store), same pragmas.
        _raw = new RawEventInsert(_concordFile, _rawFile);

        // Guard: one Concord append succeeds.
        if (await RecordOne() <= Shape.EventsPerDecision)
            throw new InvalidOperationException("RecordPosition did not append.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        Stores.Delete(_concordFile);
        Stores.Delete(_rawFile);
        Directory.Delete(_work, recursive: true);
    }

    /// <summary>The floor: one prepared single-row INSERT in autocommit mode (one durable WAL commit).</summary>
    [Benchmark(Baseline = true)]
    public int RawSqliteInsert() => _raw.Insert();

    /// <summary>Concord: RecordPosition.Handle with a DbContext from a pool (as the web host gives each request) on a pooled connection.</summary>
    [Benchmark]
    public Task<int> RecordPosition() => RecordOne();

    private async Task<int> RecordOne()
    {
        var op = _op++;
        var decision = _decisions[op % _decisions.Length];
        var request = new Features.Decisions.RecordPosition.Request(
            _members[(op / _decisions.Length + op) % _members.Length], Kinds[op / _decisions.Length % Kinds.Length],
            null, "Benchmark source", "reported", null, null, null);
        await using var db = await _contexts.CreateDbContextAsync();
        var result = await Features.Decisions.RecordPosition.Handle(db, SystemClock.Instance, decision, request, new WriteContext("bench"), CancellationToken.None);
        return result.Value?.Version ?? throw new InvalidOperationException($"Refused: {result.Refusal?.Reason}");
    }
}
