using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Features.EventLog;
using Concord.Features.Members;
using Concord.Features.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Concord.Features.Decisions;

/// <summary>
/// Records "adopted under silence" for every draft whose deadline has passed unbroken, effective at the
/// deadline itself, however late this runs (the server may have been down at the time). Safe to run on several
/// instances at once: the log's unique keys let only one append the conclusion.
/// </summary>
public static class ConcludeDueSilences
{
    public static async Task<int> Handle(ConcordDbContext db, IClock clock, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var due = await db.Decisions.AsNoTracking()
            .Where(d => !d.Concluded && d.SilenceDeadline != null && d.SilenceDeadline <= now)
            .Select(d => d.Id).ToListAsync(ct);
        var concluded = 0;
        foreach (var id in due)
        {
            try
            {
                var result = await DecisionStream.Execute(db, clock, DecisionId.Parse(id), null, WriteContext.System, now,
                    (decision, _, at) => decision.ConcludeSilenceIfDue(at), ct);
                if (result.Value?.Outcome == Domain.Rules.Outcome.AdoptedUnderSilence) concluded++;
            }
            catch (ConcurrencyException)
            {
                // Another instance concluded it (or a position landed) first; the next pass sees the new state.
                db.ChangeTracker.Clear();
            }
        }
        return concluded;
    }
}
