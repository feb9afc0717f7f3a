using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Concord.Domain.Decisions;
using Concord.Features;
using Concord.Features.Decisions;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NodaTime;

namespace Concord.Benchmarks;

/// <summary>
/// Time travel on a 1M-event store: GetDecision.Handle with asOf on one decision (read its 100-event stream through
/// EF Core, deserialize, keep the facts effective by then, replay, load the body's seats, evaluate, build the view),
/// as the web host runs it (a watcher follows the store, so the body's seats are kept under the log's stamp),
/// against the floor: a raw SELECT of that stream's rows by stream id and plain System.Text.Json deserialization of
/// their payloads.
/// </summary>
[MemoryDiagnoser]
public class AsOfBenchmarks
{
    /// <summary>A decision in the middle of the log.</summary>
    public const int DecisionIndex = 5_000;

    /// <summary>As of its 50th position: 51 of its 100 events are effective by then.</summary>
    public const int EventsAsOf = 51;

    private static readonly DecisionId Decision = SyntheticLog.IdOf(DecisionIndex);
    private static readonly Instant AsOf = SyntheticLog.EffectiveAt(DecisionIndex, EventsAsOf - 1) + Duration.FromMinutes(1);

    private DbContextOptions<SqliteConcordDbContext> _options = null!;
    // The web host pools its DbContexts (AddDbContextPool): a request's unit of work is a context from the pool.
    private PooledDbContextFactory<SqliteConcordDbContext> _contexts = null!;
    private SqliteConnection _raw = null!;
    private SqliteCommand _select = null!;
    private IDisposable _watching = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var file = await Stores.EnsureMillionEventStore();
        _options = Stores.Options(file);
        _contexts = new PooledDbContextFactory<SqliteConcordDbContext>(_options);
        // As in the web host, whose LogWatcher follows the store: what a read may keep under the log's stamp (the body's
        // seats) is kept. Nothing writes during the run, so the stamp does not move.
        _watching = LogHeads.Watch(Stores.ConnectionString(file));
        _raw = Stores.OpenRaw(file, pooling: true);
        _select = _raw.CreateCommand();
        _select.CommandText = """
            SELECT Position, StreamId, StreamVersion, Name, Payload, Effective, Recorded, RecordedBy, IdempotencyKey, PreviousHash, Hash
            FROM events WHERE StreamId = $stream ORDER BY StreamVersion
            """;
        _select.Parameters.AddWithValue("$stream", StreamIds.Decision(Decision));
        _select.Prepare();

        var view = await GetView();
        if (view.Version != EventsAsOf || RawSelectAndDeserialize() != Stores.Million.EventsPerDecision)
            throw new InvalidOperationException($"Unexpected store content: version {view.Version} as of {AsOf}.");
        Console.WriteLine($"// {view.Id} as of {AsOf}: {view.Outcome}, version {view.Version}; {view.Explanation}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _watching.Dispose();
        _select.Dispose();
        _raw.Dispose();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>The floor: the stream's rows by stream id (raw ADO.NET) and STJ deserialization of every payload.</summary>
    [Benchmark(Baseline = true)]
    public int RawSelectAndDeserialize()
    {
        var count = 0;
        using var reader = _select.ExecuteReader();
        while (reader.Read())
        {
            var e = JsonSerializer.Deserialize(reader.GetString(4), EventNames.TypeOf(reader.GetString(3)), ConcordJson.Options);
            if (e is not null) count++;
        }
        return count;
    }

    /// <summary>Concord: GetDecision.Handle with asOf, with a DbContext from a pool, as the web host gives each request.</summary>
    [Benchmark]
    public async Task<DecisionView> GetDecisionAsOf() => await GetView();

    private async Task<DecisionView> GetView()
    {
        await using var db = await _contexts.CreateDbContextAsync();
        var result = await GetDecision.Handle(db, SystemClock.Instance, Decision, AsOf, Features.Access.Reader.System, CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException($"Refused: {result.Refusal?.Reason}");
    }
}
