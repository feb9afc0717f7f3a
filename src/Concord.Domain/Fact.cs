using NodaTime;

namespace Concord.Domain;

/// <summary>
/// An event with the instant it took effect in the world (a parliament's vote, an Ally's statement) and its
/// order in its stream. "As of" views fold facts by <see cref="Effective"/>, so history entered late lands in
/// the right place; <see cref="Version"/> breaks ties in the order they were recorded.
/// </summary>
public sealed record Fact<TEvent>(TEvent Event, Instant Effective, int Version)
{
    /// <summary>Orders facts as they happened in the world: by effective instant, then by stream version.</summary>
    /// <remarks>
    /// A stream is read in version order and is nearly always recorded in world order too, so facts already in that
    /// order are handed back as they are, without sorting: a sort would give the same sequence, and on a rebuild of a
    /// large log it cost more than folding the facts.
    /// </remarks>
    public static IEnumerable<Fact<TEvent>> InWorldOrder(IEnumerable<Fact<TEvent>> facts)
    {
        var all = facts as IReadOnlyList<Fact<TEvent>> ?? [.. facts];
        for (var i = 1; i < all.Count; i++)
            if (Compare(all[i - 1], all[i]) > 0)
                return all.OrderBy(f => f.Effective).ThenBy(f => f.Version);
        return all;
    }

    private static int Compare(Fact<TEvent> a, Fact<TEvent> b) =>
        a.Effective != b.Effective ? a.Effective.CompareTo(b.Effective) : a.Version.CompareTo(b.Version);
}
