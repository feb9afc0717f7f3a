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
    public static IEnumerable<Fact<TEvent>> InWorldOrder(IEnumerable<Fact<TEvent>> facts) =>
        facts.OrderBy(f => f.Effective).ThenBy(f => f.Version);
}
