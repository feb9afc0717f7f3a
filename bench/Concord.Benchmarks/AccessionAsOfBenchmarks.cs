using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Concord.Domain.Accession;
using Concord.Features;
using Concord.Features.Accessions;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Benchmarks;

/// <summary>
/// Time travel on an accession over a 1M-event store: GetAccession.Handle as of a date in the middle of ratification
/// (read the accession's 201-event stream through EF Core, deserialize, keep the facts effective by then, replay,
/// load the NATO body's seats and the 32 Parties' procedures, evaluate tracks, pending, spread and critical path,
/// build the timeline), against the floor: a raw SELECT of that stream's rows by stream id and plain System.Text.Json
/// deserialization of their payloads. The accession (32 tracks x 6 stages) is <see cref="SyntheticAccession"/>.
/// </summary>
[MemoryDiagnoser]
public class AccessionAsOfBenchmarks
{
    private DbContextOptions<SqliteConcordDbContext> _options = null!;
    private SqliteConnection _raw = null!;
    private SqliteCommand _select = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var file = await Stores.EnsureAccessionStore();
        _options = Stores.Options(file);
        _raw = Stores.OpenRaw(file, pooling: true);
        _select = _raw.CreateCommand();
        _select.CommandText = """
            SELECT Position, StreamId, StreamVersion, Name, Payload, Effective, Recorded, RecordedBy, IdempotencyKey, PreviousHash, Hash
            FROM events WHERE StreamId = $stream ORDER BY StreamVersion
            """;
        _select.Parameters.AddWithValue("$stream", StreamIds.Accession(SyntheticAccession.Candidate));
        _select.Prepare();

        var view = await GetView();
        var s = view.Status;
        if (s.Parties.Count != SyntheticAccession.ExpectedParties || s.Pending.Count != SyntheticAccession.ExpectedPending
            || s.RatifiedCount != SyntheticAccession.ExpectedRatified || s.EnteredIntoForce is not null || s.Stage != "ratification"
            || RawSelectAndDeserialize() != SyntheticAccession.StreamEvents)
            throw new InvalidOperationException($"Unexpected store content as of {SyntheticAccession.AsOf}: {s.Stage}, "
                + $"{s.Parties.Count} Parties, {s.RatifiedCount} ratified, {s.Pending.Count} pending; {s.Summary}");
        Console.WriteLine($"// {s.Name} as of {s.AsOf}: {s.Stage}, {s.Parties.Count} Parties, {s.RatifiedCount} ratified, "
            + $"{s.Pending.Count} pending, {view.Steps.Count} steps, version {view.Version} of {SyntheticAccession.StreamEvents}; {s.Summary}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
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

    /// <summary>Concord: GetAccession.Handle with asOf, with a new DbContext (a request's unit of work).</summary>
    [Benchmark]
    public async Task<AccessionView> GetAccessionAsOf() => await GetView();

    private async Task<AccessionView> GetView()
    {
        await using var db = new SqliteConcordDbContext(_options);
        var result = await GetAccession.Handle(db, SystemClock.Instance, SyntheticAccession.Candidate, SyntheticAccession.AsOf, CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException($"Refused: {result.Refusal?.Reason}");
    }
}
