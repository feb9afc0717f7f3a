using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Concord.Features;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Benchmarks;

/// <summary>
/// Rebuilding every read model from a 1,000,032-event log (LogOperations.Rebuild: delete the read models, stream the
/// log per stream, deserialize, replay, evaluate, write members, decisions and positions), against the floor: reading
/// the same rows in the same order (stream id, version) with raw ADO.NET and STJ-deserializing every payload.
/// </summary>
/// <remarks>
/// One operation takes seconds, so this class has its own job (Monitoring: one invocation per iteration, no warmup,
/// three iterations); run it without <c>--job</c>. It works on a copy of the cached store, made in GlobalSetup.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class RebuildBenchmarks
{
    private string _work = "";
    private string _file = "";
    private DbContextOptions<SqliteConcordDbContext> _options = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        // Event names are registered when the features are composed; the floor uses them without ever making a DbContext.
        _ = Concord.Features.Composition.Log;
        var cached = await Stores.EnsureMillionEventStore();
        _work = Stores.NewWorkDirectory("rebuild");
        _file = Path.Combine(_work, "concord.db");
        Stores.Copy(cached, _file);
        _options = Stores.Options(_file);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Stores.Delete(_file);
        Directory.Delete(_work, recursive: true);
    }

    /// <summary>The floor: every row in stream order, raw, with each payload deserialized by STJ.</summary>
    [Benchmark(Baseline = true)]
    public long RawScanAndDeserialize()
    {
        using var connection = new SqliteConnection(Stores.ConnectionString(_file));
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT Position, StreamId, StreamVersion, Name, Payload, Effective, Recorded, RecordedBy, IdempotencyKey, PreviousHash, Hash
            FROM events ORDER BY StreamId, StreamVersion
            """;
        long count = 0;
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var e = JsonSerializer.Deserialize(reader.GetString(4), EventNames.TypeOf(reader.GetString(3)), ConcordJson.Options);
            if (e is not null) count++;
        }
        return count == Stores.Million.TotalEvents ? count : throw new InvalidOperationException($"Read {count} events.");
    }

    /// <summary>Concord: LogOperations.Rebuild over the whole log.</summary>
    [Benchmark]
    public async Task<long> Rebuild()
    {
        await using var db = new SqliteConcordDbContext(_options);
        var count = await LogOperations.Rebuild(db, SystemClock.Instance, CancellationToken.None);
        return count == Stores.Million.TotalEvents ? count : throw new InvalidOperationException($"Rebuilt from {count} events.");
    }
}
