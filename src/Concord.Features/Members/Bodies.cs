using Concord.Domain.Members;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Members;

/// <summary>Loads a body's seats from the members read model.</summary>
public static class Bodies
{
    public static async Task<Body?> Load(ConcordDbContext db, string code, CancellationToken ct)
    {
        var rows = await db.Members.AsNoTracking().Where(m => m.Body == code).ToListAsync(ct);
        if (rows.Count == 0) return null;
        return new Body(code, BodyNames.For(code), rows.OrderBy(r => r.Since).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select(SeatOf).ToList());
    }

    /// <summary>The seat a members row records, for asking the domain about it (e.g. <see cref="Seat.IsEligibleOn"/>).</summary>
    public static Seat SeatOf(MemberRow row) =>
        new(MemberCode.Parse(row.Code), row.Name, row.Since, row.Until, row.Population, row.Permanent);
}
