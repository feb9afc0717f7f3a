using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Accessions;

/// <summary>All accessions from the read model, candidates in progress first.</summary>
public static class ListAccessions
{
    public static async Task<IReadOnlyList<AccessionRow>> Handle(ConcordDbContext db, CancellationToken ct)
    {
        var rows = await db.Accessions.AsNoTracking().ToListAsync(ct);
        return rows.OrderBy(r => r.MemberSince is null ? 0 : 1).ThenByDescending(r => r.MemberSince).ThenBy(r => r.Candidate, StringComparer.Ordinal).ToList();
    }
}
