using Concord.Domain;
using Concord.Domain.Assistance;
using Concord.Features.Sources;
using Concord.Features.Storage;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>
/// The ledger as known on a day (docs/known-on.md). Every event of a pledge is dated to a day, and is known from that
/// day, as a stated fact is; its sources only once published, and its note only once its sources were. A ledger view is
/// never dated after its known-on day: what happened after it was not known then, so a later day could be filled only
/// with guesses (a delivery not yet reported would read as outstanding, a promise as missed).
/// </summary>
public static class PledgeKnowledge
{
    /// <summary>The lens for <paramref name="knownOn"/>; null when the view reads everything recorded (none given, or today or later).</summary>
    public static async Task<KnownOn?> Lens(ConcordDbContext db, IClock clock, LocalDate? knownOn, CancellationToken ct) =>
        knownOn is { } day && day < Zones.BrusselsDate(clock.GetCurrentInstant()) ? new KnownOn(day, await SourceBook.Load(db, ct)) : null;

    /// <summary>The day a view shows: <paramref name="asOf"/> (today when none), and no later than the lens's day.</summary>
    public static LocalDate Day(IClock clock, LocalDate? asOf, KnownOn? lens)
    {
        var day = asOf ?? Zones.BrusselsDate(clock.GetCurrentInstant());
        return lens is { } l && l.Day < day ? l.Day : day;
    }

    /// <summary>The event as known on the lens's day: its sources published by then, and its note only when they were.</summary>
    public static IPledgeEvent AsKnown(IPledgeEvent e, Instant recorded, KnownOn lens)
    {
        string? Cited(string? source) => lens.Citation(source, recorded);
        string? Noted(LocalDate on, string? source, string? note) => lens.Note(DateWindow.On(on), null, source, recorded, note);
        return e switch
        {
            PledgeAnnounced a => a with { Source = Cited(a.Source), Note = Noted(a.Announced, a.Source, a.Note) },
            PledgeAdvanced a => a with { Source = Cited(a.Source), Note = Noted(a.On, a.Source, a.Note) },
            DeliveryRecorded d => d with { Source = Cited(d.Source), Note = Noted(d.On, d.Source, d.Note) },
            PledgeAmended m => m with { Source = Cited(m.Source), Note = Noted(m.On, m.Source, m.Note) },
            PledgeCancelled c => c with { Source = Cited(c.Source) },
            FundingEventRecorded f => f with { Source = Cited(f.Source) },
            DelayEventRecorded f => f with { Source = Cited(f.Source) },
            _ => e,
        };
    }
}
