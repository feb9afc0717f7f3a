using Concord.Domain;
using Concord.Domain.Sources;
using NodaTime;

namespace Concord.Features.Sources;

/// <summary>When a fact (an accession's step, a position, a conclusion) became known, as a whole and in its details (docs/known-on.md).</summary>
/// <param name="Fact">From when the fact itself was known: a dated public act on its own day; a bound, a window or a claim when its sources were published.</param>
/// <param name="Details">From when its note was known: the earliest publication of its sources, never before the fact.</param>
public readonly record struct Known(LocalDate Fact, LocalDate Details);

/// <summary>
/// "Known on" <see cref="Day"/>: what had been published by then. A public act (a vote, a signature, a deposit) is known on
/// its own day; a note, a bound and a claim on the earliest publication date of their sources; a source dated only by
/// month counts from the end of that month, and one with no date (or a free-text citation) from when the fact was
/// recorded in Concord. <paramref name="book"/> holds the sources the steps cite.
/// </summary>
public sealed class KnownOn(LocalDate day, SourceBook book)
{
    public LocalDate Day => day;

    public Known Of(DateWindow date, string? confidence, string? source, Instant recorded)
    {
        var published = Published(source, recorded);
        var dayOfAct = date.IsExact && ConfidenceWords.Read(confidence) is not Confidence.Claimed;
        // Nothing is known before it can have happened: a source published earlier (a claim citing an older report) does
        // not date the fact before its own first possible day.
        var fact = dayOfAct ? date.Placed : date.Earliest is { } earliest && earliest > published ? earliest : published;
        return new Known(fact, fact >= published ? fact : published);
    }

    /// <summary>Whether the fact was known by the day.</summary>
    public bool Knows(DateWindow date, string? confidence, string? source, Instant recorded) => Of(date, confidence, source, recorded).Fact <= day;

    /// <summary>The fact's note as known on the day: only when published by then.</summary>
    public string? Note(DateWindow date, string? confidence, string? source, Instant recorded, string? note) =>
        Of(date, confidence, source, recorded).Details <= day ? note : null;

    /// <summary>
    /// Whether a text that cites <paramref name="source"/> as a whole (a note drawing on every document it cites, often of
    /// later events) was known by the day: every document published by then; an undated one, a free-text citation, or no
    /// citation at all counts from when the text was recorded in Concord.
    /// </summary>
    public bool KnowsAll(string? source, Instant recorded)
    {
        var cited = book.Resolve(source);
        var dates = cited.SelectMany(c => c.Registered ? c.Documents.Select(d => Publication.KnownFrom(d.Published)) : [(LocalDate?)null]).ToList();
        var from = dates.Count > 0 && dates.All(d => d is not null) ? dates.Max()!.Value : Zones.BrusselsDate(recorded);
        return from <= day;
    }

    /// <summary>The earliest day on which one of the sources cited was certainly public; the day recorded when none is dated.</summary>
    private LocalDate Published(string? source, Instant recorded)
    {
        var dates = book.Resolve(source).SelectMany(c => c.Documents).Select(d => Publication.KnownFrom(d.Published)).OfType<LocalDate>().ToList();
        return dates.Count > 0 ? dates.Min() : Zones.BrusselsDate(recorded);
    }

    /// <summary>
    /// The citation as known on the day: the ids of documents published by then (an id split into several documents stays
    /// when one of them was); free text only when recorded by then. Null when none was.
    /// </summary>
    public string? Citation(string? source, Instant recorded)
    {
        var kept = book.Resolve(source).Where(c => c.Registered
            ? c.Documents.Any(d => Publication.KnownFrom(d.Published) is { } p ? p <= day : Zones.BrusselsDate(recorded) <= day)
            : Zones.BrusselsDate(recorded) <= day).Select(c => c.Text).ToList();
        return kept.Count == 0 ? null : string.Join(";", kept);
    }
}
