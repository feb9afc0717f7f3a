using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Sources;
using Concord.Features.Sources;
using NodaTime;

namespace Concord.Features.Accessions;

/// <summary>When a step became known, as a whole and in its details (docs/known-on.md).</summary>
/// <param name="Fact">From when the step itself was known: a dated public act on its own day; a bound, a window or a claim when its sources were published.</param>
/// <param name="Details">From when its note was known: the earliest publication of its sources, never before the fact.</param>
public readonly record struct Known(LocalDate Fact, LocalDate Details);

/// <summary>
/// "Known on": what had been published by a day. A public act (a vote, a signature, a deposit) is known on its own day;
/// a note, a bound and a claim on the earliest publication date of their sources; a source dated only by month counts
/// from the end of that month, and one with no date (or a free-text citation) from when the fact was recorded in Concord.
/// </summary>
public static class KnownOn
{
    public static Known Of(AccessionStepRecorded step, Instant recorded, SourceBook book)
    {
        var published = Published(step.Source, recorded, book);
        var dayOfAct = step.Date.IsExact && ConfidenceWords.Read(step.Confidence) is not Confidence.Claimed;
        var fact = dayOfAct ? step.Date.Placed : published;
        return new Known(fact, Max(fact, published));
    }

    /// <summary>The earliest day on which one of the sources cited was certainly public; the day recorded when none is dated.</summary>
    public static LocalDate Published(string? source, Instant recorded, SourceBook book)
    {
        var dates = book.Resolve(source).SelectMany(c => c.Documents).Select(d => Publication.KnownFrom(d.Published)).OfType<LocalDate>().ToList();
        return dates.Count > 0 ? dates.Min() : Zones.BrusselsDate(recorded);
    }

    /// <summary>
    /// The citation as known on <paramref name="day"/>: the ids of documents published by then (an id split into several
    /// documents stays when one of them was); free text only when recorded by then. Null when none was.
    /// </summary>
    public static string? Citation(string? source, Instant recorded, LocalDate day, SourceBook book)
    {
        var kept = book.Resolve(source).Where(c => c.Registered
            ? c.Documents.Any(d => Publication.KnownFrom(d.Published) is { } p ? p <= day : Zones.BrusselsDate(recorded) <= day)
            : Zones.BrusselsDate(recorded) <= day).Select(c => c.Text).ToList();
        return kept.Count == 0 ? null : string.Join(";", kept);
    }

    private static LocalDate Max(LocalDate a, LocalDate b) => a >= b ? a : b;
}
