namespace Concord.Features.EventLog;

/// <summary>
/// What the log knows of the areas that write to it, filled once at composition: the stable name of every event and
/// the projections that keep the read models, in the order they run. The log itself knows no area; each area
/// registers its events and projections (see Concord.Features.Composition).
/// </summary>
public sealed class LogRegistry
{
    private readonly List<(string Name, Type Type)> _events = [];
    private readonly List<IProjection> _projections = [];

    private static LogRegistry? _current;

    /// <summary>The registry the log runs with; set once by the composition before any store is used.</summary>
    public static LogRegistry Current => _current ?? throw new InvalidOperationException("The log's registry is not composed yet.");

    /// <summary>Makes <paramref name="registry"/> the one the log reads, writes and projects with.</summary>
    public static void Use(LogRegistry registry)
    {
        EventNames.Use(registry);
        _current = registry;
    }

    public IReadOnlyList<(string Name, Type Type)> Events => _events;

    /// <summary>The projections in registration order: a projection may read the rows of one registered before it.</summary>
    public IReadOnlyList<IProjection> Projections => _projections;

    /// <summary>Stores events of type <typeparamref name="T"/> under <paramref name="name"/>, forever.</summary>
    public LogRegistry Event<T>(string name)
    {
        if (_events.Any(e => e.Name == name || e.Type == typeof(T)))
            throw new InvalidOperationException($"The event name '{name}' or type {typeof(T).Name} is registered twice.");
        _events.Add((name, typeof(T)));
        return this;
    }

    public LogRegistry Projection(IProjection projection)
    {
        _projections.Add(projection);
        return this;
    }

    /// <summary>The projections that follow stream <paramref name="streamId"/>.</summary>
    public IEnumerable<IProjection> For(string streamId) => _projections.Where(p => Follows(p, streamId));

    /// <summary>True when <paramref name="projection"/> follows stream <paramref name="streamId"/>.</summary>
    public static bool Follows(IProjection projection, string streamId) =>
        projection.Streams.Any(prefix => streamId.StartsWith(prefix, StringComparison.Ordinal));
}
