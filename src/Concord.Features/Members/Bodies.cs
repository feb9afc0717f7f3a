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
            .Select(r => new Seat(MemberCode.Parse(r.Code), r.Name, r.Since, r.Until, r.Population, r.Permanent)).ToList());
    }
}
