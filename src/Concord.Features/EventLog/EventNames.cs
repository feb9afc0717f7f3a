using System.Collections.Frozen;

namespace Concord.Features.EventLog;

/// <summary>
/// The stable names events are stored under. Each area registers its own at composition
/// (<see cref="LogRegistry.Event{T}"/>); names are never derived from CLR type names, so a rename in code never
/// breaks the log. Never change a name; add a new one.
/// </summary>
public static class EventNames
{
    private static FrozenDictionary<string, Type> _byName = FrozenDictionary<string, Type>.Empty;
    private static FrozenDictionary<Type, string> _byType = FrozenDictionary<Type, string>.Empty;

    /// <summary>Makes <paramref name="registry"/>'s names the ones the log reads and writes (once, at composition).</summary>
    internal static void Use(LogRegistry registry)
    {
        _byName = registry.Events.ToFrozenDictionary(r => r.Name, r => r.Type);
        _byType = registry.Events.ToFrozenDictionary(r => r.Type, r => r.Name);
    }

    public static string NameOf(object e) => NameOf(e.GetType());

    public static string NameOf<T>() => NameOf(typeof(T));

    public static Type TypeOf(string name) =>
        _byName.TryGetValue(name, out var type) ? type : throw new InvalidOperationException($"Unknown stored event name '{name}'.");

    public static bool IsKnown(string name) => _byName.ContainsKey(name);

    private static string NameOf(Type type) =>
        _byType.TryGetValue(type, out var name) ? name : throw new InvalidOperationException($"Event type {type} is not registered.");
}
