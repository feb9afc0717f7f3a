using NodaTime;

namespace Concord.Web.Components.Decisions;

/// <summary>
/// The dates a reader can step through when replaying a decision room: the day it was opened, the day before the
/// first position (the room still empty), each day a position changed, and today. A chosen date means the end of
/// that day in Brussels; <c>null</c> means now.
/// </summary>
public sealed class AsOfTimeline
{
    public AsOfTimeline(LocalDate opened, IEnumerable<LocalDate> changes, LocalDate today)
    {
        Opened = opened;
        Today = today < opened ? opened : today;
        var points = new SortedSet<LocalDate> { Opened, Today };
        var sorted = changes.Where(d => d >= opened && d <= Today).Order().ToList();
        if (sorted.Count > 0 && sorted[0].PlusDays(-1) >= opened) points.Add(sorted[0].PlusDays(-1));
        points.UnionWith(sorted);
        Points = [.. points];
    }

    public LocalDate Opened { get; }

    public LocalDate Today { get; }

    /// <summary>The stops of the slider, oldest first; the last is today.</summary>
    public IReadOnlyList<LocalDate> Points { get; }

    /// <summary>The date shown: <paramref name="asOf"/>, or today when it is null (now).</summary>
    public LocalDate Shown(LocalDate? asOf) => asOf ?? Today;

    /// <summary>The stop the slider rests on: the last one on or before the date shown.</summary>
    public int IndexOf(LocalDate? asOf)
    {
        var date = Shown(asOf);
        var index = 0;
        for (var i = 0; i < Points.Count; i++) if (Points[i] <= date) index = i;
        return index;
    }

    /// <summary>The stop before the date shown, or null when there is none.</summary>
    public LocalDate? Earlier(LocalDate? asOf)
    {
        var date = Shown(asOf);
        return Points.Where(p => p < date).Select(p => (LocalDate?)p).LastOrDefault();
    }

    /// <summary>The stop after the date shown; null (now) when that stop is today or there is none.</summary>
    public LocalDate? Later(LocalDate? asOf)
    {
        var date = Shown(asOf);
        var next = Points.Where(p => p > date).Select(p => (LocalDate?)p).FirstOrDefault();
        return next is null || next >= Today ? null : next;
    }

    /// <summary>The date at a slider stop; the last stop is now (null).</summary>
    public LocalDate? At(int index) => index >= Points.Count - 1 ? null : Points[Math.Max(0, index)];

    /// <summary>A date typed by the reader, kept within the decision's life: before it was opened there is nothing
    /// to show, and the future is not known; today means now (null).</summary>
    public LocalDate? Clamp(LocalDate date) => date >= Today ? null : date < Opened ? Opened : date;

    /// <summary>"now" or "as of 2024-04-05 (end of day, Brussels)".</summary>
    public static string Label(LocalDate? asOf) =>
        asOf is { } d ? $"as of {NodaTime.Text.LocalDatePattern.Iso.Format(d)} (end of day, Brussels)" : "now";
}
