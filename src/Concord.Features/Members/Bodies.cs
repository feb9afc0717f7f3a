using Concord.Domain.Members;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Members;

/// <summary>Loads a body's seats from the members read model.</summary>
public static class Bodies
{
    public static async Task<Body?> Load(ConcordDbContext db, string code, CancellationToken ct)
    {
        var rows = new List<MemberRow>();
        await foreach (var row in SeatsOf.For(db)(db, code).WithCancellation(ct)) rows.Add(row);
        if (rows.Count == 0) return null;
        return new Body(code, BodyNames.For(code), rows.OrderBy(r => r.Since).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select(SeatOf).ToList());
    }

    // Compiled once per model: every write to a decision reads its body's seats.
    private static readonly CompiledPerModel<Func<ConcordDbContext, string, IAsyncEnumerable<MemberRow>>> SeatsOf = new(() =>
        EF.CompileAsyncQuery((ConcordDbContext db, string code) => db.Members.AsNoTracking().Where(m => m.Body == code)));

    /// <summary>The seat a members row records, for asking the domain about it (e.g. <see cref="Seat.IsEligibleOn"/>).</summary>
    public static Seat SeatOf(MemberRow row) =>
        new(MemberCode.Parse(row.Code), row.Name, row.Since, row.Until, row.Population, row.Permanent);
}
