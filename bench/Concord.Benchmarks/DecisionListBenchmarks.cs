using BenchmarkDotNet.Attributes;
using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features.Access;
using Concord.Features.Decisions;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Benchmarks;

/// <summary>
/// The decision list (what GET /api/v1/decisions answers, before JSON: its first page of
/// <see cref="ListDecisions.DefaultLimit"/> rows, newest opened first) for a reader who does not see everything: a
/// German delegation cleared NATO RESTRICTED. On the seeded store (its baseline: the same work on the store every
/// installation starts with) and on the 100k-event store, where it sees 859 of 1,001 decisions, 136 of them redacted
/// (positions marked above their decision); and, for scale, the same list on the 100k store for the host, which
/// sees everything and so skips the markings.
/// </summary>
/// <remarks>
/// Both stores are only read, in place. Concord's internal API used here (to adapt after the rewrite):
/// <c>ListDecisions.Handle</c>, <c>Reader</c>, <c>SqliteConcordDbContext</c>; all in <see cref="List"/>.
/// </remarks>
[MemoryDiagnoser]
public class DecisionListBenchmarks
{
    /// <summary>The partly cleared reader: Delegation, nationality DEU, clearance NATO RESTRICTED.</summary>
    public static readonly Reader Delegation = new("bench-deu", new HashSet<Role> { Role.Delegation }, MemberCode.Parse("DEU"), Marking.NatoRestricted);

    private DbContextOptions<SqliteConcordDbContext> _seeded = null!;
    private DbContextOptions<SqliteConcordDbContext> _large = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _seeded = Stores.Options(await Stores.EnsureSeededStore());
        _large = Stores.Options(await Stores.EnsureRealisticStore(RealisticShape.Store100k));
        foreach (var (name, options, reader) in new[] { ("seeded", _seeded, Delegation), ("100k", _large, Delegation), ("100k", _large, Reader.System) })
        {
            var list = await List(options, reader);
            await using var db = new SqliteConcordDbContext(options);
            var all = await ListDecisions.Count(db, new DecisionQuery(), reader, CancellationToken.None);
            Console.WriteLine($"// {name} store as {reader.Actor}: first page {list.Count} of {all} decisions, {list.Count(d => !d.PositionsShown)} of the page redacted");
        }
    }

    [Benchmark(Baseline = true, Description = "Seeded store, delegation DEU cleared NR")]
    public Task<IReadOnlyList<DecisionSummary>> Seeded_PartlyCleared() => List(_seeded, Delegation);

    [Benchmark(Description = "100k store, delegation DEU cleared NR")]
    public Task<IReadOnlyList<DecisionSummary>> Store100k_PartlyCleared() => List(_large, Delegation);

    [Benchmark(Description = "100k store, the host (sees everything)")]
    public Task<IReadOnlyList<DecisionSummary>> Store100k_SeesEverything() => List(_large, Reader.System);

    /// <summary>One page of the list with a new DbContext (a request's unit of work) on a pooled connection.</summary>
    private static async Task<IReadOnlyList<DecisionSummary>> List(DbContextOptions<SqliteConcordDbContext> options, Reader reader)
    {
        await using var db = new SqliteConcordDbContext(options);
        var (rows, _) = await ListDecisions.Page(db, NodaTime.SystemClock.Instance, new DecisionQuery(Limit: ListDecisions.DefaultLimit), reader, CancellationToken.None);
        return rows;
    }
}
