using Concord.Features.EventLog;

namespace Concord.Features.Importing;

/// <summary>
/// That the store holds a file of the data pack at a version, when loading it added nothing (every fact of it was in the
/// store already): the mark a load that adds events carries on its own commit (<see cref="Seeder.Marker"/>), so that the
/// next start does not compare the file again.
/// </summary>
public sealed record DataPackFileHeld(string File, int Version);

/// <summary>The data pack's bookkeeping in the log: one stream, no read model.</summary>
public static class DataPackLog
{
    public const string Stream = "data-pack";

    public static void Register(LogRegistry log) => log.Event<DataPackFileHeld>("DataPackFileHeld");
}
